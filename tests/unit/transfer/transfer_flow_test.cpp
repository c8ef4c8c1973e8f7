// tests/unit/transfer/transfer_flow_test.cpp: blind transfers and refusals through the fake host.
#include <doctest/doctest.h>

#include "transfer_test_support.hpp"

using namespace lineside::transfer;
using namespace lineside::transfer::test;

TEST_CASE("a blind REFER is answered 202 and handed to the host with Referred-By") {
  TransferFixture f;
  REQUIRE(f.load());
  auto req = TransferFixture::refer("<sip:1003@pbx.test>");
  CHECK(f.in_call(*req, 7) == LS_VERDICT_STOP);
  CHECK(req->status() == 202);
  REQUIRE(f.host.transfers().size() == 1);
  const auto &t = f.host.transfers()[0];
  CHECK(t.call_id == 7);
  CHECK(t.leaving_side == LS_LEG_CALLEE);
  CHECK(t.target_dn == std::optional<std::string>("1003"));
  CHECK(t.referred_by == std::optional<std::string>("\"Ext 1002\" <sip:1002@pbx.test>"));
  CHECK(t.with_call_id == 0);
  CHECK(t.notify_sipfrag == 1);
  CHECK(f.module().log().running() == 1);
  CHECK(f.host.counter("started") == 1);
}

TEST_CASE("the outcome is logged, counted and listed by the admin route") {
  TransferFixture f;
  REQUIRE(f.load());
  auto ok = TransferFixture::refer("<sip:1003@pbx.test>");
  f.in_call(*ok, 7, LS_LEG_CALLER);
  f.host.complete_transfer(0, 200);
  auto failing = TransferFixture::refer("<sip:1009@pbx.test>");
  f.in_call(*failing, 8);
  f.host.complete_transfer(1, 486);
  CHECK(f.module().log().running() == 0);
  CHECK(f.host.counter("completed") == 1);
  CHECK(f.host.counter("failed") == 1);
  CHECK(f.host.logged("completed", LS_LOG_NOTICE));
  CHECK(f.host.logged("failed with 486", LS_LOG_NOTICE));
  auto listed = f.host.admin("GET", kAdminPath);
  CHECK(listed.status == 200);
  CHECK(listed.body.find("\"running\":[]") != std::string::npos);
  CHECK(listed.body.find("\"target\":\"1009\",\"started_unix_ms\"") != std::string::npos);
  CHECK(listed.body.find("\"status\":486") < listed.body.find("\"status\":200"));  // newest first
  CHECK(listed.body.find("\"leaving\":\"caller\"") != std::string::npos);
}

TEST_CASE("Refer-Sub: false is honoured: no progress NOTIFYs, and the 202 says so") {
  TransferFixture f;
  REQUIRE(f.load());
  auto req = TransferFixture::refer("<sip:1003@pbx.test>");
  req->add_header("Refer-Sub", "false");
  f.in_call(*req, 7);
  CHECK(req->status() == 202);
  CHECK(req->final_response()->header("Refer-Sub") == std::optional<std::string>("false"));
  REQUIRE(f.host.transfers().size() == 1);
  CHECK(f.host.transfers()[0].notify_sipfrag == 0);
}

TEST_CASE("a second REFER while a transfer runs on the call is refused 491 and starts nothing") {
  TransferFixture f;
  REQUIRE(f.load());
  auto first = TransferFixture::refer("<sip:1003@pbx.test>");
  f.in_call(*first, 7);
  auto second = TransferFixture::refer("<sip:1004@pbx.test>");
  f.in_call(*second, 7, LS_LEG_CALLER);
  CHECK(second->status() == 491);
  CHECK(f.host.transfers().size() == 1);
  f.host.complete_transfer(0, 480);
  auto third = TransferFixture::refer("<sip:1004@pbx.test>");
  f.in_call(*third, 7);
  CHECK(third->status() == 202);
}

TEST_CASE("the host refusing to start the transfer gives 491 and leaves nothing running") {
  TransferFixture f;
  REQUIRE(f.load());
  f.host.fail_next_transfer();
  auto req = TransferFixture::refer("<sip:1003@pbx.test>");
  f.in_call(*req, 7);
  CHECK(req->status() == 491);
  CHECK(f.module().log().running() == 0);
  CHECK(f.module().log().recent().empty());
}

TEST_CASE("an immediate failure still answers 202 and records the outcome") {
  TransferFixture f;
  REQUIRE(f.load());
  f.host.fail_next_transfer_at_once(480);
  auto req = TransferFixture::refer("<sip:1099@pbx.test>");
  f.in_call(*req, 7);
  CHECK(req->status() == 202);
  CHECK(f.module().log().running() == 0);
  REQUIRE(f.module().log().recent().size() == 1);
  CHECK(f.module().log().recent()[0].status == 480);
}

TEST_CASE("hostile in-dialog REFERs get their error and no transfer") {
  TransferFixture f;
  REQUIRE(f.load());
  auto expect = [&f](std::unique_ptr<lineside::testing::FakeRequest> req, uint32_t status) {
    CHECK(f.in_call(*req, 7) == LS_VERDICT_STOP);
    CHECK(req->status() == status);
    CHECK(req->responses.size() == 1);
  };
  expect(TransferFixture::refer(""), 400);
  auto two = TransferFixture::refer("<sip:1003@pbx.test>");
  two->add_header("Refer-To", "<sip:1004@pbx.test>");
  expect(std::move(two), 400);
  expect(TransferFixture::refer("<tel:1003>"), 400);
  expect(TransferFixture::refer("garbage"), 400);
  expect(TransferFixture::refer("<sip:1003@evil.example>"), 403);
  CHECK(f.host.transfers().empty());
  CHECK(f.host.counter("refused") == 5);
  CHECK(f.host.logged("403 Foreign Domain"));
}

TEST_CASE("a REFER outside a dialog is refused 403; one for an unknown dialog goes to the kernel") {
  TransferFixture f;
  REQUIRE(f.load());
  auto outside = TransferFixture::refer("<sip:1003@pbx.test>");
  outside->to_tag.reset();
  CHECK(f.host.dispatch(LS_HOOK_REQUEST, *outside) == LS_VERDICT_STOP);
  CHECK(outside->status() == 403);
  auto stale = TransferFixture::refer("<sip:1003@pbx.test>");
  CHECK(f.host.dispatch(LS_HOOK_REQUEST, *stale) == LS_VERDICT_CONTINUE);
  CHECK(stale->responses.empty());
  CHECK(f.host.transfers().empty());
}

TEST_CASE("local_domains widens what a Refer-To may name; a bad entry fails the load") {
  TransferFixture f;
  f.host.config()
      .add_list_string("local_domains", "PBX.Example.com")
      .add_list_string("local_domains", "[::1]");
  REQUIRE(f.load());
  auto req = TransferFixture::refer("<sip:1003@pbx.example.com>");
  f.in_call(*req, 7);
  CHECK(req->status() == 202);

  TransferFixture bad;
  bad.host.config().add_list_string("local_domains", "user@host");
  CHECK_FALSE(bad.load());
  REQUIRE(bad.host.config_errors().size() == 1);
  CHECK(bad.host.config_errors()[0].key == "local_domains");
}

TEST_CASE("a reload changes the accepted domains and the history length") {
  TransferFixture f;
  REQUIRE(f.load());
  lineside::testing::FakeConfig next;
  next.add_list_string("local_domains", "alias.test");
  next.set("recent_transfers", 0);
  REQUIRE(f.host.reconfigure(std::move(next)));
  auto req = TransferFixture::refer("<sip:1003@alias.test>");
  f.in_call(*req, 7);
  CHECK(req->status() == 202);
  f.host.complete_transfer(0, 200);
  CHECK(f.module().log().recent().empty());
}

TEST_CASE("a call that ends during its transfer closes the transfer; a late outcome is ignored") {
  TransferFixture f;
  REQUIRE(f.load());
  f.connected(7, "dev-1001", "dev-1002");
  auto req = TransferFixture::refer("<sip:1003@pbx.test>");
  f.in_call(*req, 7);
  f.call_event(LS_CALL_ENDED, 7, "dev-1001", "dev-1002");
  CHECK(f.module().log().running() == 0);
  REQUIRE(f.module().log().recent().size() == 1);
  CHECK(f.module().log().recent()[0].status == 487);
  f.host.complete_transfer(0, 200);
  CHECK(f.module().log().recent().size() == 1);
  CHECK(f.host.counter("completed") == 0);
}
