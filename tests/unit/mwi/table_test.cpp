// tests/unit/mwi/table_test.cpp: the subscription table and its indexes.
#include <doctest/doctest.h>

#include "subscription_table.hpp"

using namespace lineside::mwi;

namespace {
Subscription make(const std::string &id, const std::string &device, const std::string &mailbox,
                  int64_t created, int64_t expires) {
  Subscription s;
  s.id = id;
  s.call_id = "call-" + id;
  s.remote_tag = "tag-" + id;
  s.device_id = device;
  s.mailbox = mailbox;
  s.created_at = created;
  s.expires_at = expires;
  return s;
}
}  // namespace

TEST_CASE("lookups by dialog, device, mailbox and expiry follow changes") {
  SubscriptionTable t;
  t.put(make("b", "dev-1", "1001", 20, 300));
  t.put(make("a", "dev-1", "1001", 10, 200));
  t.put(make("c", "dev-2", "7001", 5, 100));
  CHECK(t.size() == 3);
  CHECK(t.find_dialog("call-a", "tag-a", "a"));
  CHECK_FALSE(t.find_dialog("call-a", "tag-b", "a"));
  CHECK_FALSE(t.find_dialog("call-a", "tag-a", "b"));
  CHECK(t.find_by_remote("call-b", "tag-b")->id == "b");
  CHECK(t.of_device("dev-1") == std::vector<std::string>{"a", "b"});  // oldest first
  CHECK(t.of_mailbox("1001").size() == 2);
  CHECK(t.expired(150) == std::vector<std::string>{"c"});
  CHECK(t.expired(250) == std::vector<std::string>{"c", "a"});

  Subscription &a = *t.find("a");
  t.set_mailbox(a, "7001");
  t.set_expires_at(a, 50);
  CHECK(t.of_mailbox("1001") == std::vector<std::string>{"b"});
  CHECK(t.of_mailbox("7001").size() == 2);
  CHECK(t.expired(60) == std::vector<std::string>{"a"});

  t.put(make("b", "dev-3", "1001", 20, 300));  // replace: indexes move
  CHECK(t.of_device("dev-1") == std::vector<std::string>{"a"});
  CHECK(t.of_device("dev-3") == std::vector<std::string>{"b"});

  auto gone = t.erase("c");
  REQUIRE(gone);
  CHECK(gone->device_id == "dev-2");
  CHECK_FALSE(t.erase("c"));
  CHECK(t.of_device("dev-2").empty());
  CHECK_FALSE(t.find_by_remote("call-c", "tag-c"));
  CHECK(t.size() == 2);
}
