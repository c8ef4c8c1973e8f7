// tests/unit/provisioning/store_records_test.cpp: the directory through real SQLite records, and
// the provisioning service: commit before reply, events, refusals, serialised writes.
#include <deque>
#include <functional>
#include <memory>

#include "../store/temp_directory.hpp"
#include "lineside/events.h"
#include "ops_support.hpp"
#include "provisioning/provisioning.hpp"
#include "provisioning/store_records.hpp"
#include "store/sqlite_store.hpp"

using namespace lineside::kernel;
using namespace lineside::kernel::test;

namespace {
/// A store whose completions queue up until run() (the SIP thread's role).
struct QueuedStore {
  lineside::kernel::testing::TempDirectory dir;
  std::deque<std::function<void()>> posted;
  std::unique_ptr<Store> store = open_sqlite_store(SqliteStoreOptions{dir.file("t.db"), false, 64, 1000, {}},
                                                   [this](std::vector<std::function<void()>> &&batch) {
                                                     for (auto &f : batch) posted.push_back(std::move(f));
                                                   });
  void run() {
    store->flush();
    while (!posted.empty()) {
      auto f = std::move(posted.front());
      posted.pop_front();
      f();
      store->flush();
    }
  }
};

void apply_writes(Store &store, const DirectoryData &from, const DirectoryData &to) {
  for (RecordWrite &w : record_writes(from, to)) {
    if (w.value) store.put(w.ns, w.key, *w.value, {});
    else store.erase(w.ns, w.key, {});
  }
  store.flush();
}
}  // namespace

TEST_CASE("the directory round-trips through store records, and only changes are written") {
  QueuedStore q;
  DirectoryData d = with(DirectoryData{}, phone("2001", R"("cesid":"6135550100","additional_dns":["2101"],
      "forward_busy":"2002","service_level":"basic","hot_desk":true,"voicemail_box":"7001")"));
  d = with(d, phone("2002", R"("single_line":true)"));
  d.profiles[4].enable_prack = false;
  d.options.srtp_enabled = true;
  apply_writes(*q.store, DirectoryData{}, d);
  CHECK(read_directory_records(*q.store) == d);
  DirectoryData e = d;
  e.devices.erase(e.devices.begin());
  e.profiles[4] = default_user_profile(5);
  const std::vector<RecordWrite> writes = record_writes(d, e);
  REQUIRE(writes.size() == 2);
  CHECK_FALSE(writes[0].value);  // device erased
  CHECK_FALSE(writes[1].value);  // profile back to defaults: erased
  apply_writes(*q.store, d, e);
  CHECK(read_directory_records(*q.store) == e);
}

TEST_CASE("an unreadable record stops the load with its name") {
  QueuedStore q;
  q.store->put(kDevicesNs, "dev-x", "{\"id\":\"dev-x\",\"auth\":\"maybe\"}", {});
  q.store->flush();
  CHECK_THROWS_WITH_AS(read_directory_records(*q.store), doctest::Contains("provisioning.devices/dev-x"),
                       std::runtime_error);
}

TEST_CASE("provisioning replies only after the commit, then the directory shows it and events go out") {
  QueuedStore q;
  Directory dir;
  std::vector<std::tuple<uint32_t, std::string, std::string>> events;
  Provisioning p(*q.store, dir, context(), [&](uint32_t change, const Device &d, const std::string &old_user) {
    events.emplace_back(change, d.id + "/" + d.user, old_user);
  });
  p.load();
  std::vector<std::pair<unsigned, std::string>> replies;
  auto reply = [&](unsigned status, const std::string &body) { replies.emplace_back(status, body); };
  const auto body = json(phone("2001"));
  p.submit([body](const DirectoryData &now, const OpContext &ctx) { return op_create_device(now, ctx, *body); }, reply);
  const auto rename = json(R"({"user":"2009","password":"x"})");
  p.submit([rename](const DirectoryData &now, const OpContext &ctx) {
    return op_patch_device(now, ctx, "dev-2001", *rename);
  }, reply);
  CHECK(replies.empty());
  CHECK(dir.size() == 0);
  CHECK_FALSE(p.idle());
  q.run();
  REQUIRE(replies.size() == 2);
  CHECK(replies[0].first == 201);
  CHECK(replies[1].first == 200);
  REQUIRE(dir.by_user("2009"));
  CHECK(dir.by_user("2001") == nullptr);
  p.submit([](const DirectoryData &now, const OpContext &) { return op_delete_device(now, "dev-2001"); }, reply);
  q.run();
  CHECK(events == std::vector<std::tuple<uint32_t, std::string, std::string>>{
                      {LS_DEVICE_ADDED, "dev-2001/2001", "2001"},
                      {LS_DEVICE_UPDATED, "dev-2001/2009", "2001"},
                      {LS_DEVICE_REMOVED, "dev-2001/2009", "2009"}});
  CHECK(read_directory_records(*q.store).devices.empty());
}

TEST_CASE("a refused write answers at once with the errors and writes nothing") {
  QueuedStore q;
  Directory dir;
  Provisioning p(*q.store, dir, context(), {});
  unsigned status = 0;
  std::string text;
  const auto body = json(phone("2001", R"("single_line":true,"service_level":"basic")"));
  p.submit([body](const DirectoryData &now, const OpContext &ctx) { return op_create_device(now, ctx, *body); },
           [&](unsigned s, const std::string &b) { status = s; text = b; });
  CHECK(status == 422);
  CHECK(text.find("\"rule\":\"single_line_basic\"") != std::string::npos);
  CHECK(q.store->stats().records_written == 0);
  CHECK(p.idle());
}
