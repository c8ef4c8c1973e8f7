// The shipped samples etc/lineside.yaml and etc/directory.yaml load cleanly with the expected values.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "config/config_access.hpp"
#include "config/directory_file.hpp"
#include "config/load_config.hpp"
#include "lineside/abi.h"

namespace lineside::kernel {
namespace {

const std::string kEtc = std::string(LINESIDE_SOURCE_DIR) + "/etc";

TEST_CASE("the sample lineside.yaml loads with its kernel settings") {
  const LoadedConfig config = load_config(kEtc + "/lineside.yaml", LoadOptions{});
  const KernelSettings &k = config.kernel;
  CHECK(k.sip_domain == "pbx.test");
  CHECK(k.state_dir == "/var/lib/lineside");
  CHECK(k.directory_file == std::filesystem::absolute(kEtc + "/directory.yaml").lexically_normal().string());
  CHECK(k.log.level == LS_LOG_INFO);
  CHECK(k.log.sofia_level == 1);
  CHECK(k.store.path == "/var/lib/lineside/lineside.db");
  CHECK(k.store.synchronous == StoreSync::full);
  CHECK(k.store.batch_max == 1024);
  CHECK(k.sip.udp_mtu == 65535);
  CHECK(k.sip.max_message_size == 65536);
  CHECK(k.workers == 2);
  CHECK(k.admin.enabled);
  CHECK(k.admin.listen_host == "127.0.0.1");
  CHECK(k.admin.listen_port == 8089);
  CHECK(k.admin.token_file == "/var/lib/lineside/admin.token");
  CHECK(k.module_dirs.empty());
}

TEST_CASE("the sample lineside.yaml lists its modules in file order with their config") {
  const LoadedConfig config = load_config(kEtc + "/lineside.yaml", LoadOptions{});
  const std::vector<std::string> expected = {"transport", "auth",   "registrar", "mwi",      "billing",
                                             "srtp-media", "emergency", "routes", "transfer", "kpml"};
  REQUIRE(config.modules.size() == expected.size());
  for (size_t i = 0; i < expected.size(); ++i) CHECK(config.modules[i].name == expected[i]);
  for (const ModuleEntry &entry : config.modules) {
    // The three the server cannot work without are required; the feature modules are not, so a
    // broken one is disabled instead of stopping the server (and 911 never depends on billing).
    const bool core = entry.name == "transport" || entry.name == "auth" || entry.name == "registrar";
    CHECK(entry.required == core);
    CHECK(entry.enabled == (entry.name != "srtp-media"));  // media anchoring is opt-in
    CHECK(entry.path.empty());
    CHECK(entry.config.IsMap());
    CHECK(entry.config_context.key_prefix == "modules." + entry.name + ".config");
  }
  CHECK(config.modules[2].config["max_expires"].Scalar() == "7200s");
  // The position is where `  transport:` stands in etc/lineside.yaml (1-based), found by reading it.
  std::ifstream sample(kEtc + "/lineside.yaml");
  std::string text;
  int line = 0, transport_line = 0;
  while (transport_line == 0 && std::getline(sample, text)) {
    ++line;
    if (text.rfind("  transport:", 0) == 0) transport_line = line;
  }
  REQUIRE(transport_line > 0);
  CHECK(config.modules[0].position.line == transport_line);
  CHECK(config.modules[0].position.column == 3);
}

TEST_CASE("the sample directory.yaml gives ten devices") {
  const std::vector<DeviceSpec> devices = load_directory_file(kEtc + "/directory.yaml");
  REQUIRE(devices.size() == 10);
  CHECK(devices[0].id == "dev-1001");
  CHECK(devices[0].user == "1001");
  CHECK(devices[0].dn == "1001");
  CHECK(devices[0].display_name == "Ext 1001");
  CHECK(devices[0].password == "secret1001");
  CHECK(devices[0].auth);
  CHECK(devices[0].device_type == "generic-sip");
  CHECK(devices[0].additional_dns.empty());
  CHECK(devices[9].dn == "1010");
  CHECK_FALSE(devices[9].auth);
}

} // namespace
} // namespace lineside::kernel
