// tests/unit/provisioning/import_test.cpp: bulk import (idempotent, all or nothing) and the
// directory file as an import bundle.
#include <fstream>

#include "../store/temp_directory.hpp"
#include "config/config_error.hpp"
#include "ops_support.hpp"
#include "provisioning/directory_file_json.hpp"

using namespace lineside::kernel;
using namespace lineside::kernel::test;

TEST_CASE("importing the same bundle twice changes nothing the second time") {
  const auto bundle = json(std::string(R"({"devices":[)") + phone("3001") + "," +
                           phone("3002", R"("additional_dns":["3102"])") +
                           R"(],"profiles":[{"id":5,"enable_prack":false}],"options":{"srtp_enabled":true}})");
  OpResult first = op_import(DirectoryData{}, context(), *bundle);
  REQUIRE_FALSE(first.refusal.refused());
  CHECK(first.body->getValue<size_t>("created") == 2);
  OpResult second = op_import(first.next, context(), *bundle);
  REQUIRE_FALSE(second.refusal.refused());
  CHECK(second.body->getValue<size_t>("unchanged") == 2);
  CHECK(second.next == first.next);
  CHECK_FALSE(first.next.profiles[4].enable_prack);
  CHECK(first.next.options.srtp_enabled);
}

TEST_CASE("an import replaces listed devices whole and leaves the others") {
  DirectoryData d = with(DirectoryData{}, phone("2001", R"("cesid":"6135550100")"));
  d = with(d, phone("2002"));
  OpResult r = op_import(d, context(), *json(std::string(R"({"devices":[)") + phone("2001") + "]}"));
  REQUIRE_FALSE(r.refusal.refused());
  CHECK(r.body->getValue<size_t>("updated") == 1);
  CHECK(r.next.devices.size() == 2);
  CHECK(r.next.devices.at(0).cesid.empty());
}

TEST_CASE("one bad device refuses the whole import, naming it by position") {
  OpResult r = op_import(DirectoryData{}, context(),
                         *json(std::string(R"({"devices":[)") + phone("3001") + "," + phone("3001") + "," +
                               phone("3003", R"("single_line":true,"device_type":"5505")") + "]}"));
  CHECK(rules(r) == Rules{{"devices[1].id", "duplicate"}, {"devices[2].device_type", "single_line_5505"}});
  CHECK(rules(op_import(DirectoryData{}, context(), *json(R"({"devices":{}})"))) == Rules{{"devices", "type"}});
  CHECK(rules(op_import(DirectoryData{}, context(), *json(R"({"profiles":[{"id":70}]})"))) ==
        Rules{{"profiles[0].id", "range"}});
}

TEST_CASE("the directory file becomes a bundle with passwords for the server to hash") {
  lineside::kernel::testing::TempDirectory dir;
  const std::string path = dir.file("directory.yaml");
  std::ofstream(path) << "devices:\n  - {id: a, user: '1', dn: '1', password: p, additional_dns: ['11']}\n"
                         "  - {id: b, user: '2', dn: '2', auth: false}\n";
  Poco::JSON::Object::Ptr bundle = directory_file_bundle(path);
  OpResult r = op_import(DirectoryData{}, context(), *bundle);
  REQUIRE_FALSE(r.refusal.refused());
  CHECK(r.next.devices.size() == 2);
  CHECK(r.next.devices.at(0).additional_dns == std::vector<std::string>{"11"});
  CHECK_FALSE(r.next.devices.at(0).ha1_md5.empty());
  CHECK_FALSE(r.next.devices.at(1).auth_enabled);
  CHECK(file_sha256(path).size() == 64);
  std::ofstream(path) << "devices: [{id: a}]\n";
  CHECK_THROWS_AS(directory_file_bundle(path), ConfigException);
}
