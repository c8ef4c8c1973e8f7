// conf.d/*.yaml fragments deep-merge into lineside.yaml, in name order, and errors in them name the fragment.
#include <doctest/doctest.h>

#include "config/load_config.hpp"
#include "config/validate_config.hpp"
#include "config_test_support.hpp"

namespace lineside::kernel {
namespace {

using config_testing::error_strings;
using config_testing::ScratchFolder;
using config_testing::thrown_errors;
using Errors = std::vector<std::string>;

const char *const kMainFile = "kernel:\n"
                              "  workers: 2\n"
                              "  store:\n"
                              "    batch_max: 10\n"
                              "modules:\n"
                              "  registrar:\n"
                              "    config:\n"
                              "      min_expires: 60s\n"
                              "      max_expires: 7200s\n";

const ls_config_field_t kRegistrarFields[] = {
    {sizeof(ls_config_field_t), LS_CFG_DURATION, "min_expires", "60s", "", 0, 0, 1000, 86400000, nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_DURATION, "max_expires", "7200s", "", 0, 0, 1000, 86400000, nullptr, nullptr},
};

TEST_CASE("fragments override and add keys, later names winning") {
  ScratchFolder folder;
  const std::string main_file = folder.write("lineside.yaml", kMainFile);
  const std::string tuning = folder.write("conf.d/10-tuning.yaml",
                                          "kernel:\n"
                                          "  workers: 4\n"
                                          "  store:\n"
                                          "    synchronous: normal\n"
                                          "modules:\n"
                                          "  registrar:\n"
                                          "    config:\n"
                                          "      max_expires: 3600s\n"
                                          "  mwi:\n"
                                          "    required: true\n");
  const std::string more = folder.write("conf.d/20-more.yaml", "kernel: { workers: 8 }\n");
  folder.write("conf.d/notes.txt", "not: [yaml\n");
  folder.write("conf.d/.editor-backup.yaml", "not: [yaml\n");

  const LoadedConfig config = load_config(main_file, LoadOptions{});
  CHECK(config.fragment_files == std::vector<std::string>{tuning, more});
  CHECK(config.kernel.workers == 8);
  CHECK(config.kernel.store.batch_max == 10);
  CHECK(config.kernel.store.synchronous == StoreSync::normal);
  REQUIRE(config.modules.size() == 2);
  CHECK(config.modules[0].name == "registrar");
  CHECK(config.modules[1].name == "mwi");
  CHECK(config.modules[1].required);
  CHECK(config.modules[1].position.file == tuning);
  CHECK(config.modules[1].position.line == 9);

  std::vector<ConfigError> errors;
  const ModuleEntry &registrar = config.modules[0];
  auto tree = validate_config(registrar.config, kRegistrarFields, 2, registrar.config_context, errors);
  REQUIRE(tree);
  CHECK(tree->find("min_expires")->value.number == 60'000);
  CHECK(tree->find("max_expires")->value.number == 3'600'000);
  CHECK(tree->find("min_expires")->value_position.file == main_file);
  CHECK(tree->find("max_expires")->value_position.file == tuning);
  CHECK(tree->find("max_expires")->value_position.line == 8);
}

TEST_CASE("an error in a fragment names the fragment, and the main file is still checked") {
  ScratchFolder folder;
  const std::string main_file = folder.write("lineside.yaml", "kernel:\n  workers: 0\n");
  const std::string bad = folder.write("conf.d/50-bad.yaml",
                                       "kernel:\n"
                                       "  store:\n"
                                       "    batch_max: lots\n"
                                       "extra: 1\n");
  const std::string broken = folder.write("conf.d/60-broken.yaml", "modules: {\n");
  CHECK(thrown_errors([&] { load_config(main_file, LoadOptions{}); }) ==
        Errors{
            bad + ":4:1: extra: unknown key",
            broken + ":2:1: yaml: end of map flow not found",
            bad + ":3:16: kernel.store.batch_max: expected integer",
            main_file + ":2:12: kernel.workers: must be between 1 and 64",
        });
}

TEST_CASE("an unknown key a fragment adds to an existing map is reported in the fragment") {
  ScratchFolder folder;
  const std::string main_file = folder.write("lineside.yaml", kMainFile);
  const std::string fragment = folder.write("conf.d/typo.yaml", "kernel:\n  store:\n    bacth_max: 5\n");
  CHECK(thrown_errors([&] { load_config(main_file, LoadOptions{}); }) ==
        Errors{fragment + ":3:5: kernel.store.bacth_max: unknown key (did you mean 'batch_max'?)"});
}

TEST_CASE("a module config value overridden by a fragment is reported in the fragment") {
  ScratchFolder folder;
  const std::string main_file = folder.write("lineside.yaml", kMainFile);
  const std::string override_file = folder.write("conf.d/registrar.yaml",
                                                 "modules:\n"
                                                 "  registrar:\n"
                                                 "    config: { max_expires: forever, min_expires: 0s }\n");
  const LoadedConfig config = load_config(main_file, LoadOptions{});
  std::vector<ConfigError> errors;
  const ModuleEntry &registrar = config.modules.at(0);
  CHECK_FALSE(validate_config(registrar.config, kRegistrarFields, 2, registrar.config_context, errors));
  CHECK(error_strings(errors) ==
        Errors{
            override_file + ":3:50: modules.registrar.config.min_expires: must be between 1s and 1d",
            override_file + ":3:28: modules.registrar.config.max_expires: expected duration (e.g. 30s, 5m)",
        });
}

TEST_CASE("a fragment may replace a whole section with something invalid, reported in the fragment") {
  ScratchFolder folder;
  const std::string main_file = folder.write("lineside.yaml", kMainFile);
  const std::string fragment = folder.write("conf.d/x.yaml", "kernel:\n  store: none\n");
  CHECK(thrown_errors([&] { load_config(main_file, LoadOptions{}); }) ==
        Errors{fragment + ":2:10: kernel.store: expected a map"});
}

} // namespace
} // namespace lineside::kernel
