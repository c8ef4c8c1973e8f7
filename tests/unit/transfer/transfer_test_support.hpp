// tests/unit/transfer/transfer_test_support.hpp: a fake host with the transfer module loaded, REFER
// requests inside and outside a call, and call events.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "lineside/testing/fake_host.hpp"
#include "transfer_descriptor.hpp"
#include "transfer_module.hpp"

namespace lineside::transfer::test {

using lineside::testing::FakeHost;
using lineside::testing::FakeRequest;

struct TransferFixture {
  FakeHost host;

  /// Load the module (config() may be filled first); false with host.load_error() on failure.
  bool load() {
    const bool ok = host.load(&transfer_descriptor(), testing::delete_module_base);
    if (!ok) MESSAGE("load failed: " << host.load_error());
    return ok;
  }
  TransferModule &module() { return host.module<TransferModule>(); }

  /// A REFER from 1002 inside a call's dialog (To tag set), Refer-To as given ("" = none).
  static std::unique_ptr<FakeRequest> refer(const std::string &refer_to) {
    auto req = std::make_unique<FakeRequest>("REFER", "sip:127.0.0.1:5060");
    req->from_uri = "sip:1002@pbx.test";
    req->from_display = "Ext 1002";
    req->to_uri = "sip:1001@pbx.test";
    req->to_tag = "srv-tag";
    req->call_id = "dialog-1@phone";
    if (!refer_to.empty()) req->add_header("Refer-To", refer_to);
    return req;
  }

  /// Run the in-dialog hook for `req` as sent by `side` of call `call_id`.
  uint32_t in_call(FakeRequest &req, uint64_t call_id, uint32_t side = LS_LEG_CALLEE) {
    ls_in_dialog_args_t args{sizeof(ls_in_dialog_args_t), side, call_id};
    return host.dispatch(LS_HOOK_IN_DIALOG, req, &args);
  }

  /// Emit a call event as the kernel would.
  void call_event(uint32_t change, uint64_t call_id, const char *caller_device,
                  const char *callee_device) {
    ls_call_event_t e{};
    e.size = sizeof e;
    e.change = change;
    e.call_id = call_id;
    e.caller_device_id = caller_device;
    e.caller_dn = "1001";
    e.dialled = "1002";
    e.callee_device_id = callee_device;
    host.emit(LS_EVENT_CALL, &e);
  }

  /// A connected call: ATTEMPT then ANSWERED.
  void connected(uint64_t call_id, const char *caller_device, const char *callee_device) {
    call_event(LS_CALL_ATTEMPT, call_id, caller_device, nullptr);
    call_event(LS_CALL_ANSWERED, call_id, caller_device, callee_device);
  }
};

}  // namespace lineside::transfer::test
