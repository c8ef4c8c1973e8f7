// tests/unit/transfer/attended_transfer_test.cpp: REFER with Replaces: the dialog lookup, who may
// replace what, and the parties followed from call events.
#include <doctest/doctest.h>

#include "transfer_test_support.hpp"

using namespace lineside::transfer;
using namespace lineside::transfer::test;

namespace {

// Call 7: 1001 (caller) -> 1002. Call 9: 1002 (caller) -> 1003. 1002 transfers 1001 to 1003.
const char *kReplacing =
    "<sip:1003@pbx.test?Replaces=bc-call%40phone%3Bto-tag%3Dsrv9%3Bfrom-tag%3Dph9>";

void two_calls(TransferFixture &f) {
  f.connected(7, "dev-1001", "dev-1002");
  f.connected(9, "dev-1002", "dev-1003");
  f.host.add_dialog({"bc-call@phone", "srv9", "ph9", 9, LS_LEG_CALLER});
}

}  // namespace

TEST_CASE("an attended REFER moves the other call's remaining party into this call") {
  TransferFixture f;
  REQUIRE(f.load());
  two_calls(f);
  auto req = TransferFixture::refer(kReplacing);
  f.in_call(*req, 7);
  CHECK(req->status() == 202);
  REQUIRE(f.host.transfers().size() == 1);
  const auto &t = f.host.transfers()[0];
  CHECK(t.call_id == 7);
  CHECK(t.leaving_side == LS_LEG_CALLEE);
  CHECK_FALSE(t.target_dn);
  CHECK(t.with_call_id == 9);
  CHECK(t.with_side == LS_LEG_CALLER);
  f.host.complete_transfer(0, 200);
  CHECK(f.module().parties().party(7, LS_LEG_CALLEE) == "dev-1003");
}

TEST_CASE(
    "a Replaces naming no dialog is refused 403 without a transfer (481 would end the call)") {
  TransferFixture f;
  REQUIRE(f.load());
  two_calls(f);
  auto req = TransferFixture::refer(
      "<sip:1003@pbx.test?Replaces=bc-call%40phone%3Bto-tag%3Dph9%3Bfrom-tag%3Dsrv9>");  // tags
                                                                                         // swapped
  f.in_call(*req, 7);
  CHECK(req->status() == 403);
  CHECK(req->final_response()->reason == "Replaced Dialog Not Found");
  CHECK(f.host.transfers().empty());
}

TEST_CASE("a Replaces naming this very call is refused") {
  TransferFixture f;
  REQUIRE(f.load());
  two_calls(f);
  f.host.add_dialog({"self@phone", "s", "p", 7, LS_LEG_CALLEE});
  auto req = TransferFixture::refer(
      "<sip:1001@pbx.test?Replaces=self%40phone%3Bto-tag%3Ds%3Bfrom-tag%3Dp>");
  f.in_call(*req, 7);
  CHECK(req->status() == 403);
  CHECK(f.host.transfers().empty());
}

TEST_CASE("a phone may not replace a dialog of another phone") {
  TransferFixture f;
  REQUIRE(f.load());
  f.connected(7, "dev-1001", "dev-1002");
  f.connected(9, "dev-1004", "dev-1003");  // 1002 is not in call 9
  f.host.add_dialog({"bc-call@phone", "srv9", "ph9", 9, LS_LEG_CALLER});
  auto req = TransferFixture::refer(kReplacing);
  f.in_call(*req, 7);
  CHECK(req->status() == 403);
  CHECK(req->final_response()->reason == "Replaces A Dialog Of Another Phone");
  CHECK(f.host.transfers().empty());

  TransferFixture lax;
  lax.host.config().set("same_phone_replaces", false);
  REQUIRE(lax.load());
  lax.connected(7, "dev-1001", "dev-1002");
  lax.connected(9, "dev-1004", "dev-1003");
  lax.host.add_dialog({"bc-call@phone", "srv9", "ph9", 9, LS_LEG_CALLER});
  auto allowed = TransferFixture::refer(kReplacing);
  lax.in_call(*allowed, 7);
  CHECK(allowed->status() == 202);
}

TEST_CASE("while the other call is being transferred, an attended REFER naming it gets 491") {
  TransferFixture f;
  REQUIRE(f.load());
  two_calls(f);
  auto busy = TransferFixture::refer("<sip:1005@pbx.test>");
  f.in_call(*busy, 9, LS_LEG_CALLEE);
  REQUIRE(busy->status() == 202);
  auto req = TransferFixture::refer(kReplacing);
  f.in_call(*req, 7);
  CHECK(req->status() == 491);
  CHECK(f.host.transfers().size() == 1);
}

TEST_CASE("every transfer the kernel reports is listed with its parties, a phone's own too") {
  TransferFixture f;
  REQUIRE(f.load());
  f.connected(7, "dev-1001", "dev-1002");
  ls_call_event_t e{};
  e.size = sizeof e;
  e.change = LS_CALL_TRANSFERRED;
  e.call_id = 7;
  e.caller_dn = "1001";
  e.callee_dn = "1003";
  e.callee_device_id = "dev-1003";
  e.third_party_dn = "1003";
  e.transferred_by_dn = "1002";
  f.host.emit(LS_EVENT_CALL, &e);
  REQUIRE(f.module().log().observed().size() == 1);
  CHECK(f.module().log().observed()[0].transferred_by_dn == "1002");
  auto listed = f.host.admin("GET", kAdminPath);
  CHECK(
      listed.body.find(
          "\"observed\":[{\"call\":7,\"third_party_dn\":\"1003\",\"transferred_by_dn\":\"1002\"") !=
      std::string::npos);
}

TEST_CASE("call parties follow answered, transferred and ended calls") {
  TransferFixture f;
  REQUIRE(f.load());
  f.connected(7, "dev-1001", "dev-1002");
  CHECK(f.module().parties().party(7, LS_LEG_CALLER) == "dev-1001");
  CHECK(f.module().parties().party(7, LS_LEG_CALLEE) == "dev-1002");
  f.call_event(LS_CALL_TRANSFERRED, 7, "dev-1001", "dev-1003");
  CHECK(f.module().parties().party(7, LS_LEG_CALLEE) == "dev-1003");
  f.call_event(LS_CALL_TRANSFERRED, 7, "dev-1001", "dev-1003");  // the caller side was replaced
  CHECK(f.module().parties().party(7, LS_LEG_CALLER).empty());
  f.call_event(LS_CALL_ENDED, 7, "dev-1001", "dev-1003");
  CHECK(f.module().parties().size() == 0);
}

TEST_CASE("without the host's transfer services a REFER is refused 503") {
  // A host table from before call_transfer existed: size stops at request_send.
  static ls_host_t old_table = *FakeHost::table();
  old_table.size = static_cast<uint32_t>(offsetof(ls_host_t, call_transfer));
  FakeHost host;  // not loaded: the module is built directly on the older table
  lineside::Host older(&old_table, host.ctx());
  TransferModule module(older);
  CHECK(host.logged("cannot execute transfers", LS_LOG_WARNING));
  auto req = TransferFixture::refer("<sip:1003@pbx.test>");
  host.adopt(*req);
  lineside::Request view(older, req->handle());
  ls_in_dialog_args_t args{sizeof(ls_in_dialog_args_t), LS_LEG_CALLEE, 7};
  CHECK(module.on_refer_in_dialog(view, args) == LS_VERDICT_STOP);
  CHECK(req->status() == 503);
  CHECK(host.transfers().empty());
}
