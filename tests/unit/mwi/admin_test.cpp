// tests/unit/mwi/admin_test.cpp: the admin routes: set, read, list and clear states; refusals.
#include <doctest/doctest.h>

#include "mwi_test_support.hpp"

using namespace lineside::mwi;
using namespace lineside::mwi::test;

TEST_CASE("PUT sets a state, notifies watchers, persists; GET and DELETE follow") {
  MwiFixture f;
  REQUIRE(f.load());
  auto sub = MwiFixture::subscribe("1001");
  REQUIRE(f.send(*sub) == 200);
  f.answer_all();

  auto put = f.host.admin("PUT", "/api/v1/mwi/7001", "",
                          R"({"new":2,"old":8,"urgent_new":0,"urgent_old":2})");
  CHECK(put.status == 200);
  CHECK(put.body.find("\"messages_waiting\":true") != std::string::npos);
  CHECK(put.body.find("\"notified_subscriptions\":1") != std::string::npos);
  REQUIRE(f.sent().size() == 2);
  CHECK(f.sent()[1].body ==
        "Messages-Waiting: yes\r\nMessage-Account: sip:7001@pbx.test\r\nVoice-Message: 2/8 "
        "(0/2)\r\n");
  CHECK(f.host.store_get(kMailboxesTable, "7001"));

  auto one = f.host.admin("GET", "/api/v1/mwi/7001");
  CHECK(one.status == 200);
  CHECK(one.body.find("\"new\":2") != std::string::npos);
  CHECK(one.body.find("\"device_id\":\"dev-1001\"") != std::string::npos);
  auto all = f.host.admin("GET", "/api/v1/mwi");
  CHECK(all.status == 200);
  CHECK(all.body.find("\"mailbox_count\":1") != std::string::npos);
  CHECK(all.body.find("\"subscription_count\":1") != std::string::npos);
  CHECK(all.body.find("\"state\":\"active\"") != std::string::npos);

  f.answer_all();
  auto del = f.host.admin("DELETE", "/api/v1/mwi/7001");
  CHECK(del.status == 200);
  REQUIRE(f.sent().size() == 3);
  CHECK(f.sent()[2].body.find("Messages-Waiting: no") != std::string::npos);
  CHECK_FALSE(f.host.store_get(kMailboxesTable, "7001"));
  CHECK(f.host.admin("DELETE", "/api/v1/mwi/7001").status == 404);
  CHECK(f.host.admin("GET", "/api/v1/mwi/7001").status == 200);  // still watched: reads 0/0
  CHECK(f.host.admin("GET", "/api/v1/mwi/5555").status == 404);
}

TEST_CASE("bad admin input is refused with the field named") {
  MwiFixture f;
  f.host.config().set("max_mailboxes", int64_t{1});
  REQUIRE(f.load());
  auto bad_name = f.host.admin("PUT", "/api/v1/mwi/abc", "", R"({"new":1,"old":0})");
  CHECK(bad_name.status == 400);
  CHECK(bad_name.body.find("\"field\":\"mailbox\"") != std::string::npos);
  auto bad_body = f.host.admin("PUT", "/api/v1/mwi/1001", "", R"({"new":-1,"old":"x"})");
  CHECK(bad_body.status == 400);
  CHECK(bad_body.body.find("\"field\":\"new\"") != std::string::npos);
  CHECK(bad_body.body.find("\"field\":\"old\"") != std::string::npos);
  CHECK(f.host.admin("PUT", "/api/v1/mwi/1001", "", "{").status == 400);
  CHECK(f.host.admin("PUT", "/api/v1/mwi/1001", "", R"({"new":0,"old":0,"urgent_old":1})").status ==
        422);
  CHECK(f.host.admin("PUT", "/api/v1/mwi", "", R"({"new":0,"old":0})").status == 405);
  CHECK(f.host.admin("GET", "/api/v1/mwi/a/b").status == 404);
  CHECK(f.host.admin("PUT", "/api/v1/mwi/%2A97%23", "", R"({"new":1,"old":0})").status == 200);
  CHECK(f.module().mailboxes().count("*97#") == 1);
  auto full = f.host.admin("PUT", "/api/v1/mwi/1001", "", R"({"new":1,"old":0})");
  CHECK(full.status == 409);
  CHECK(full.body.find("\"rule\":\"limit\"") != std::string::npos);
  CHECK(f.module().mailboxes().size() == 1);
  CHECK(f.sent().empty());
}
