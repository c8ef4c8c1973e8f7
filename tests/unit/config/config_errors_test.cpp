// Errors in lineside.yaml come out as exact `file:line:column: key: message` strings, all of them at once.
#include <doctest/doctest.h>

#include "config/load_config.hpp"
#include "config_test_support.hpp"

namespace lineside::kernel {
namespace {

using config_testing::ScratchFolder;
using config_testing::thrown_errors;
using Errors = std::vector<std::string>;

Errors load_errors(const std::string &file) {
  return thrown_errors([&] { load_config(file, LoadOptions{}); });
}

TEST_CASE("every error in the main file is reported, in order") {
  ScratchFolder folder;
  const std::string file = folder.write("lineside.yaml",
                                        "kernel:\n"
                                        "  workers: many\n"
                                        "  stroe:\n"
                                        "    batch_max: 10\n"
                                        "  store:\n"
                                        "    batch_max: 0\n"
                                        "  log:\n"
                                        "    level: verbose\n"
                                        "modules:\n"
                                        "  Transport: {}\n"
                                        "  registrar:\n"
                                        "    enable: false\n"
                                        "modlues: {}\n");
  CHECK(load_errors(file) == Errors{
                                 file + ":13:1: modlues: unknown key (did you mean 'modules'?)",
                                 file + ":3:3: kernel.stroe: unknown key (did you mean 'store'?)",
                                 file + ":8:12: kernel.log.level: expected one of: error, warning, notice, info, debug",
                                 file + ":6:16: kernel.store.batch_max: must be between 1 and 100000",
                                 file + ":2:12: kernel.workers: expected integer",
                                 file + ":10:3: modules.Transport: invalid module name (use a-z, 0-9, '_' and '-')",
                                 file + ":12:5: modules.registrar.enable: unknown key (did you mean 'enabled'?)",
                             });
}

TEST_CASE("broken YAML is reported with yaml-cpp's position under the key yaml") {
  ScratchFolder folder;
  const std::string file = folder.write("lineside.yaml", "kernel:\n  workers: [1, 2\nmodules: {}\n");
  const Errors errors = load_errors(file);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == file + ":3:8: yaml: end of sequence flow not found");
}

TEST_CASE("a missing file is reported with strerror") {
  ScratchFolder folder;
  const std::string file = folder.root() + "/absent.yaml";
  CHECK(load_errors(file) == Errors{file + ": cannot read file: No such file or directory"});
}

TEST_CASE("a folder given as the file is reported with strerror") {
  ScratchFolder folder;
  CHECK(load_errors(folder.root()) == Errors{folder.root() + ": cannot read file: Is a directory"});
}

TEST_CASE("the admin listen address must be host:port") {
  ScratchFolder folder;
  const std::string file = folder.write("lineside.yaml", "kernel:\n  admin:\n    listen: localhost\n");
  CHECK(load_errors(file) ==
        Errors{file + ":3:13: kernel.admin.listen: expected host:port (e.g. 127.0.0.1:8089)"});
}

TEST_CASE("a section that is not a map, and duplicate sections, are errors") {
  ScratchFolder folder;
  const std::string file = folder.write("lineside.yaml", "kernel: [workers]\nmodules:\nmodules:\n");
  CHECK(load_errors(file) == Errors{
                                 file + ":3:1: modules: duplicate key",
                                 file + ":1:9: kernel: expected a map",
                             });
}

TEST_CASE("module entries carry enabled, required, path and hook overrides") {
  ScratchFolder folder;
  const std::string file = folder.write("lineside.yaml",
                                        "modules:\n"
                                        "  auth:\n"
                                        "    enabled: no\n"
                                        "    required: yes\n"
                                        "    path: lib/auth.so\n"
                                        "    hooks:\n"
                                        "      authenticate: { priority: -100 }\n"
                                        "  registrar:\n");
  const LoadedConfig config = load_config(file, LoadOptions{});
  REQUIRE(config.modules.size() == 2);
  const ModuleEntry &auth = config.modules[0];
  CHECK_FALSE(auth.enabled);
  CHECK(auth.required);
  CHECK(auth.path == folder.root() + "/lib/auth.so");
  CHECK(auth.hook_priorities == std::map<std::string, int32_t>{{"authenticate", -100}});
  CHECK(hook_error(auth, "authenticate", "module has no such hook").str() ==
        file + ":7:7: modules.auth.hooks.authenticate: module has no such hook");
  const ModuleEntry &registrar = config.modules[1];
  CHECK(registrar.enabled);
  CHECK_FALSE(registrar.required);
  CHECK(registrar.config.IsNull());
  CHECK(module_error(registrar, "no module file registrar.so").str() ==
        file + ":8:3: modules.registrar: no module file registrar.so");
}

TEST_CASE("hook overrides are checked: name, keys, integer priority within int32") {
  ScratchFolder folder;
  const std::string file = folder.write("lineside.yaml",
                                        "modules:\n"
                                        "  auth:\n"
                                        "    hooks:\n"
                                        "      Auth: { priority: 1 }\n"
                                        "      route: { priority: high }\n"
                                        "      register: { priorty: 1 }\n"
                                        "      invite: { priority: 3000000000 }\n");
  CHECK(load_errors(file) == Errors{
                                 file + ":4:7: modules.auth.hooks.Auth: invalid hook name (use a-z, 0-9 and '_')",
                                 file + ":5:26: modules.auth.hooks.route.priority: expected integer",
                                 file + ":6:19: modules.auth.hooks.register.priorty: unknown key (did you mean 'priority'?)",
                                 file + ":6:17: modules.auth.hooks.register.priority: missing required key",
                                 file + ":7:27: modules.auth.hooks.invite.priority: must be between -2147483648 and 2147483647",
                             });
}

TEST_CASE("a module entry must be a map and its flags booleans") {
  ScratchFolder folder;
  const std::string file = folder.write("lineside.yaml",
                                        "modules:\n"
                                        "  auth: on\n"
                                        "  mwi:\n"
                                        "    enabled: \"true\"\n"
                                        "    required: maybe\n");
  CHECK(load_errors(file) == Errors{
                                 file + ":2:9: modules.auth: expected a map",
                                 file + ":4:14: modules.mwi.enabled: expected true or false",
                                 file + ":5:15: modules.mwi.required: expected true or false",
                             });
}

} // namespace
} // namespace lineside::kernel
