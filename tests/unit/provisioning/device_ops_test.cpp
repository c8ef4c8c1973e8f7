// tests/unit/provisioning/device_ops_test.cpp: device formats, types, credentials, uniqueness,
// line DNs, JSON types and unknown fields.
#include "directory/ha1.hpp"
#include "ops_support.hpp"

using namespace lineside::kernel;
using namespace lineside::kernel::test;

TEST_CASE("a password becomes both HA1 values and is never kept") {
  DirectoryData d = with(DirectoryData{}, phone("2001"));
  const Device &dev = d.devices.at(0);
  CHECK(dev.ha1_md5 == ha1_md5("2001", "pbx.test", "pw2001"));
  CHECK(dev.ha1_sha256 == ha1_sha256("2001", "pbx.test", "pw2001"));
  CHECK(dev.realm == "pbx.test");
}

TEST_CASE("HA1 values may be given instead; bad ones are a 400") {
  const std::string md5(32, 'a');
  DirectoryData d = with(DirectoryData{}, R"({"id":"a","user":"2001","dn":"2001","ha1_md5":")" + md5 + "\"}");
  CHECK(d.devices.at(0).ha1_md5 == md5);
  CHECK(d.devices.at(0).ha1_sha256.empty());
  OpResult r = op_create_device(DirectoryData{}, context(), *json(R"({"id":"a","user":"2001","dn":"2001","ha1_md5":"XYZ"})"));
  CHECK(r.refusal.status == 400);
  CHECK(rules(r).at(0) == std::pair<std::string, std::string>{"ha1_md5", "format"});
}

TEST_CASE("authentication on needs credentials; off does not") {
  CHECK(rules(op_create_device(DirectoryData{}, context(), *json(R"({"id":"a","user":"2001","dn":"2001"})"))) ==
        Rules{{"password", "credentials_required"}});
  CHECK_FALSE(op_create_device(DirectoryData{}, context(), *json(R"({"id":"a","user":"2001","dn":"2001","auth":false})"))
                  .refusal.refused());
}

TEST_CASE("changing the SIP user needs new credentials") {
  DirectoryData d = with(DirectoryData{}, phone("2001"));
  CHECK(rules(op_patch_device(d, context(), "dev-2001", *json(R"({"user":"2009"})"))) ==
        Rules{{"user", "credentials_stale"}});
  OpResult ok = op_patch_device(d, context(), "dev-2001", *json(R"({"user":"2009","password":"n"})"));
  REQUIRE_FALSE(ok.refusal.refused());
  CHECK(ok.next.devices.at(0).ha1_md5 == ha1_md5("2009", "pbx.test", "n"));
}

TEST_CASE("formats of every device field") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"("dn":"12a")", "dn"},
      {R"("display_name":"bad\u0007")", "display_name"},
      {R"("device_type":"6869i")", "device_type"},
      {R"("profile":65)", "profile"},
      {R"("cesid":"123456")", "cesid"},
      {R"("cesid":"1234567890123")", "cesid"},
      {R"("voicemail_box":"vm")", "voicemail_box"},
      {R"("forward_busy":"2001")", "forward_busy"},
      {R"("forward_always":"x")", "forward_always"},
      {R"("additional_dns":["2001"])", "additional_dns[0]"},
      {R"("additional_dns":["2101","2101"])", "additional_dns[1]"},
  };
  for (const auto &[extra, field] : cases) {
    CAPTURE(extra);
    OpResult r = op_create_device(DirectoryData{}, context(), *json(phone("2001", extra)));
    REQUIRE(r.refusal.refused());
    CHECK(r.refusal.status == 422);
    CHECK(rules(r).at(0).first == field);
  }
  OpResult id = op_create_device(DirectoryData{}, context(), *json(R"({"id":"a b","user":"u","dn":"1","auth":false})"));
  CHECK(rules(id) == Rules{{"id", "format"}});
  OpResult timeout = op_create_device(DirectoryData{}, context(), *json(phone("2001", R"("forward_no_answer_timeout":0)")));
  CHECK(rules(timeout) == Rules{{"forward_no_answer_timeout", "range"}});
  CHECK_FALSE(op_create_device(DirectoryData{}, context(),
                               *json(phone("2001", R"("profile":101,"cesid":"6135550100","forward_no_answer":"2002")")))
                  .refusal.refused());
}

TEST_CASE("wrong JSON types are 400s naming the field; unknown fields are refused") {
  OpResult r = op_create_device(DirectoryData{}, context(), *json(phone("2001", R"("auth":"yes","profile":"7")")));
  CHECK(r.refusal.status == 400);
  CHECK(rules(r) == Rules{{"auth", "type"}, {"profile", "type"}});
  CHECK(rules(op_create_device(DirectoryData{}, context(), *json(phone("2001", R"("additional_dns":[1])")))) ==
        Rules{{"additional_dns[0]", "type"}});
  CHECK(rules(op_create_device(DirectoryData{}, context(), *json(phone("2001", R"("colour":"red")")))) ==
        Rules{{"colour", "unknown_field"}});
  CHECK(rules(op_create_device(DirectoryData{}, context(), *json(R"({"user":"1","dn":"1","auth":false})"))) ==
        Rules{{"id", "required"}});
  Refusal bad;
  CHECK_FALSE(parse_json_object("{\"id\": ", bad));
  CHECK(bad.status == 400);
  CHECK(bad.errors.at(0).field == "body");
}

TEST_CASE("ids, SIP users and main DNs are unique; a line DN may be shared but never be a main DN") {
  DirectoryData d = with(DirectoryData{}, phone("2001", R"("additional_dns":["2100"])"));
  CHECK(rules(op_create_device(d, context(), *json(R"({"id":"dev-2001","user":"x","dn":"9","auth":false})"))) ==
        Rules{{"id", "duplicate"}});
  CHECK(rules(op_create_device(d, context(), *json(R"({"id":"b","user":"2001","dn":"9","auth":false})"))) ==
        Rules{{"user", "duplicate"}});
  CHECK(rules(op_create_device(d, context(), *json(R"({"id":"b","user":"b","dn":"2001","auth":false})"))) ==
        Rules{{"dn", "duplicate"}});
  CHECK(rules(op_create_device(d, context(), *json(R"({"id":"b","user":"b","dn":"2100","auth":false})"))) ==
        Rules{{"dn", "duplicate"}});
  CHECK(rules(op_create_device(d, context(), *json(phone("2002", R"("additional_dns":["2001"])")))) ==
        Rules{{"additional_dns[0]", "duplicate"}});
  CHECK_FALSE(op_create_device(d, context(), *json(phone("2002", R"("additional_dns":["2100"])"))).refusal.refused());
}

TEST_CASE("PATCH keeps unnamed fields, refuses an id change, 404s an unknown device") {
  DirectoryData d = with(DirectoryData{}, phone("2001", R"("cesid":"6135550100")"));
  OpResult r = op_patch_device(d, context(), "dev-2001", *json(R"({"display_name":"Lobby"})"));
  REQUIRE_FALSE(r.refusal.refused());
  CHECK(r.next.devices.at(0).cesid == "6135550100");
  CHECK(r.next.devices.at(0).display_name == "Lobby");
  CHECK(rules(op_patch_device(d, context(), "dev-2001", *json(R"({"id":"other"})"))) == Rules{{"id", "read_only"}});
  CHECK(op_patch_device(d, context(), "nope", *json("{}")).refusal.status == 404);
  CHECK(op_delete_device(d, "nope").refusal.status == 404);
}

TEST_CASE("line DNs: add, remove, and the main DN cannot be removed") {
  DirectoryData d = with(DirectoryData{}, phone("2001"));
  OpResult added = op_add_line_dn(d, context(), "dev-2001", *json(R"({"dn":"2101"})"));
  REQUIRE_FALSE(added.refusal.refused());
  CHECK(added.next.devices.at(0).additional_dns == std::vector<std::string>{"2101"});
  CHECK(op_remove_line_dn(added.next, context(), "dev-2001", "2001").refusal.status == 409);
  CHECK(op_remove_line_dn(added.next, context(), "dev-2001", "2999").refusal.status == 404);
  OpResult removed = op_remove_line_dn(added.next, context(), "dev-2001", "2101");
  REQUIRE_FALSE(removed.refusal.refused());
  CHECK(removed.next.devices.at(0).additional_dns.empty());
}
