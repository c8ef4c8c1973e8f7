// The directory file: devices with credentials and DNs, checked for format, uniqueness and credentials.
#include <doctest/doctest.h>

#include "config/directory_file.hpp"
#include "config_test_support.hpp"

namespace lineside::kernel {
namespace {

using config_testing::ScratchFolder;
using config_testing::thrown_errors;
using Errors = std::vector<std::string>;

const std::string kMd5(32, 'a');
const std::string kSha256 = std::string(60, '0') + "beef";

Errors directory_errors(const std::string &file) {
  return thrown_errors([&] { load_directory_file(file); });
}

TEST_CASE("devices load with defaults, HA1-only credentials and additional DNs") {
  ScratchFolder folder;
  const std::string file = folder.write("directory.yaml",
                                        "devices:\n"
                                        "  - id: desk.1\n"
                                        "    user: alice\n"
                                        "    dn: \"2001\"\n"
                                        "    ha1_md5: " + kMd5 + "\n"
                                        "    ha1_sha256: " + kSha256 + "\n"
                                        "    device_type: conference-phone\n"
                                        "    additional_dns: [\"2002\", \"*55\", \"2002#\"]\n"
                                        "  - { id: desk-2, user: bob, dn: 2003, auth: no }\n");
  const std::vector<DeviceSpec> devices = load_directory_file(file);
  REQUIRE(devices.size() == 2);
  CHECK(devices[0].id == "desk.1");
  CHECK(devices[0].user == "alice");
  CHECK(devices[0].dn == "2001");
  CHECK(devices[0].password.empty());
  CHECK(devices[0].ha1_md5 == kMd5);
  CHECK(devices[0].ha1_sha256 == kSha256);
  CHECK(devices[0].auth);
  CHECK(devices[0].device_type == "conference-phone");
  CHECK(devices[0].additional_dns == std::vector<std::string>{"2002", "*55", "2002#"});
  CHECK(devices[1].dn == "2003");
  CHECK(devices[1].display_name.empty());
  CHECK(devices[1].device_type == "generic-sip");
  CHECK_FALSE(devices[1].auth);
}

TEST_CASE("an empty directory file and an empty device list give no devices") {
  ScratchFolder folder;
  CHECK(load_directory_file(folder.write("empty.yaml", "# nothing yet\n")).empty());
  CHECK(load_directory_file(folder.write("none.yaml", "devices: []\n")).empty());
}

TEST_CASE("every directory error is reported with its position") {
  ScratchFolder folder;
  const std::string file = folder.write("directory.yaml",
                                        "devices:\n"
                                        "  - { id: dev-1, user: \"1001\", dn: \"1001\", password: a }\n"
                                        "  - { id: dev-2, user: \"1002\", dn: \"1001\", ha1_md5: abc }\n"
                                        "  - { id: dev-3, user: \"1003\", dn: \"1003\" }\n"
                                        "  - id: dev-4\n"
                                        "    user: \"1004\"\n"
                                        "    dn: \"1004\"\n"
                                        "    auth: false\n"
                                        "    additional_dns: [\"1005\", \"1001\", \"12a\", \"1005\"]\n"
                                        "  - { id: dev-5, usr: \"1006\", dn: \"1006\", auth: off }\n"
                                        "  - { id: dev-1, user: \"1001\", dn: \"1007\", auth: no }\n");
  CHECK(directory_errors(file) ==
        Errors{
            file + ":10:18: devices[4].usr: unknown key (did you mean 'user'?)",
            file + ":10:5: devices[4].user: missing required key",
            file + ":3:53: devices[1].ha1_md5: expected 32 lowercase hex digits",
            file + ":3:36: devices[1].dn: duplicate dn '1001' (also on device 'dev-1')",
            file + ":4:5: devices[2]: auth is on but there is no password, ha1_md5 or ha1_sha256",
            file + ":11:11: devices[5].id: duplicate id 'dev-1'",
            file + ":11:24: devices[5].user: duplicate user '1001' (also on device 'dev-1')",
            file + ":9:30: devices[3].additional_dns[1]: '1001' is the dn of device 'dev-1'",
            file + ":9:38: devices[3].additional_dns[2]: expected digits, '*' or '#'",
            file + ":9:45: devices[3].additional_dns[3]: '1005' is listed twice",
        });
}

TEST_CASE("HA1 values must be lowercase hex of the right length; user and dn characters are checked") {
  ScratchFolder folder;
  const std::string upper_md5(32, 'A');
  const std::string file = folder.write("directory.yaml",
                                        "devices:\n"
                                        "  - id: dev 1\n"
                                        "    user: a/b\n"
                                        "    dn: 10-01\n"
                                        "    ha1_md5: " + upper_md5 + "\n"
                                        "    ha1_sha256: " + kMd5 + "\n"
                                        "    password: \"\"\n");
  CHECK(directory_errors(file) ==
        Errors{
            file + ":2:9: devices[0].id: expected letters, digits, '.', '_' or '-'",
            file + ":3:11: devices[0].user: expected letters, digits or -_.!~*'()&=+$,",
            file + ":4:9: devices[0].dn: expected digits, '*' or '#'",
            file + ":7:15: devices[0].password: must not be empty (leave the key out instead)",
            file + ":5:14: devices[0].ha1_md5: expected 32 lowercase hex digits",
            file + ":6:17: devices[0].ha1_sha256: expected 64 lowercase hex digits",
        });
}

TEST_CASE("the file's shape is checked: top-level keys, list of maps, readable file") {
  ScratchFolder folder;
  const std::string typo = folder.write("typo.yaml", "device:\n  - { id: a, user: a, dn: \"1\", auth: no }\n");
  CHECK(directory_errors(typo) == Errors{typo + ":1:1: device: unknown key (did you mean 'devices'?)"});
  const std::string scalar = folder.write("scalar.yaml", "devices: everyone\n");
  CHECK(directory_errors(scalar) == Errors{scalar + ":1:10: devices: expected a list of devices"});
  const std::string item = folder.write("item.yaml", "devices:\n  - dev-1\n");
  CHECK(directory_errors(item) == Errors{item + ":2:5: devices[0]: expected a map"});
  const std::string missing = folder.root() + "/missing.yaml";
  CHECK(directory_errors(missing) == Errors{missing + ": cannot read file: No such file or directory"});
}

} // namespace
} // namespace lineside::kernel
