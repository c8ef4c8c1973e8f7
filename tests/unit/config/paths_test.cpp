// ${state_dir} expansion (kernel.state_dir or the override) and resolution of relative paths per file.
#include <doctest/doctest.h>

#include <filesystem>

#include "config/load_config.hpp"
#include "config/path_values.hpp"
#include "config_test_support.hpp"

namespace lineside::kernel {
namespace {

using config_testing::ScratchFolder;
using config_testing::thrown_errors;
using Errors = std::vector<std::string>;

const char *const kPathsFile = "kernel:\n"
                               "  state_dir: state\n"
                               "  directory_file: ../provisioning/./directory.yaml\n"
                               "  store:\n"
                               "    path: ${state_dir}/db/lineside.db\n"
                               "  module_dirs: [mods, /opt/lineside/modules, \"${state_dir}/modules\"]\n";

TEST_CASE("a relative state_dir resolves against the file and ${state_dir} expands to it") {
  ScratchFolder folder;
  const std::string file = folder.write("etc/lineside.yaml", kPathsFile);
  const std::string etc = folder.root() + "/etc";
  const KernelSettings k = load_config(file, LoadOptions{}).kernel;
  CHECK(k.state_dir == etc + "/state");
  CHECK(k.directory_file == folder.root() + "/provisioning/directory.yaml");
  CHECK(k.store.path == etc + "/state/db/lineside.db");
  CHECK(k.admin.token_file == etc + "/state/admin.token");
  CHECK(k.module_dirs == std::vector<std::string>{etc + "/mods", "/opt/lineside/modules", etc + "/state/modules"});
}

TEST_CASE("a relative state dir override counts from the current folder") {
  ScratchFolder folder;
  const std::string file = folder.write("etc/lineside.yaml", "kernel: {}\n");
  const KernelSettings k = load_config(file, LoadOptions{"run/state"}).kernel;
  CHECK(k.state_dir == std::filesystem::current_path().string() + "/run/state");
}

TEST_CASE("the state dir override wins over kernel.state_dir") {
  ScratchFolder folder;
  const std::string file = folder.write("etc/lineside.yaml", kPathsFile);
  const KernelSettings k = load_config(file, LoadOptions{"/srv/lineside"}).kernel;
  CHECK(k.state_dir == "/srv/lineside");
  CHECK(k.store.path == "/srv/lineside/db/lineside.db");
  CHECK(k.admin.token_file == "/srv/lineside/admin.token");
}

TEST_CASE("defaults expand ${state_dir} and resolve against the main file's folder") {
  ScratchFolder folder;
  const std::string file = folder.write("etc/lineside.yaml", "kernel:\n  sip_domain: example.net\n");
  const KernelSettings k = load_config(file, LoadOptions{}).kernel;
  CHECK(k.state_dir == "/var/lib/lineside");
  CHECK(k.store.path == "/var/lib/lineside/lineside.db");
  CHECK(k.directory_file == folder.root() + "/etc/directory.yaml");
  CHECK(k.sip_domain == "example.net");
  CHECK(k.log.sofia_level == 1);
  CHECK(k.sip.udp_mtu == 65535);
  CHECK(k.admin.listen_port == 8089);
}

TEST_CASE("a relative path written in a fragment resolves against the fragment's folder") {
  ScratchFolder folder;
  const std::string file = folder.write("etc/lineside.yaml", kPathsFile);
  folder.write("etc/conf.d/devices.yaml", "kernel:\n  directory_file: devices.yaml\n");
  const KernelSettings k = load_config(file, LoadOptions{}).kernel;
  CHECK(k.directory_file == folder.root() + "/etc/conf.d/devices.yaml");
}

TEST_CASE("unknown variables and a self-referring state_dir are errors") {
  ScratchFolder folder;
  const std::string file = folder.write("lineside.yaml",
                                        "kernel:\n"
                                        "  state_dir: ${state_dir}/x\n"
                                        "  store:\n"
                                        "    path: ${home}/lineside.db\n"
                                        "  directory_file: \"\"\n");
  CHECK(thrown_errors([&] { load_config(file, LoadOptions{}); }) ==
        Errors{
            file + ":2:14: kernel.state_dir: ${state_dir} cannot be used here",
            file + ":5:19: kernel.directory_file: expected a non-empty path",
            file + ":4:11: kernel.store.path: unknown variable '${home}' (only ${state_dir} is defined)",
        });
}

TEST_CASE("resolve_config_path normalises and keeps absolute paths") {
  std::string problem;
  CHECK(resolve_config_path("a/../b/./c.pem", "/s", "/etc/lineside/lineside.yaml", problem) == "/etc/lineside/b/c.pem");
  CHECK(resolve_config_path("/abs/file", "/s", "/etc/lineside/lineside.yaml", problem) == "/abs/file");
  CHECK(resolve_config_path("${state_dir}", "/var/lib/x", "/etc/l.yaml", problem) == "/var/lib/x");
  const std::string cwd = std::filesystem::current_path().string();
  CHECK(resolve_config_path("db/x.db", "/s", "lineside.yaml", problem) == cwd + "/db/x.db");
  CHECK(resolve_config_path("x", "/s", "etc/lineside.yaml", problem) == cwd + "/etc/x");
  CHECK_FALSE(resolve_config_path("${state_dir", "/s", "/etc/l.yaml", problem));
  CHECK(problem == "unknown variable '${state_dir' (only ${state_dir} is defined)");
}

} // namespace
} // namespace lineside::kernel
