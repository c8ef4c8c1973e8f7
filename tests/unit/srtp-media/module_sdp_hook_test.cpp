// tests/unit/srtp-media/module_sdp_hook_test.cpp: the module's SDP hook through the fake host, as
// the kernel runs it: which transport a body came over, an older host that does not say, keys
// never sent towards plain signalling, SDP after the call ended.
#include <doctest/doctest.h>

#include <cstddef>
#include <string>

#include "media_test_support.hpp"
#include "module_fixture.hpp"

using lineside::media::test::audio_sdp;
using lineside::media::test::crypto_line;
using lineside::media::test::crypto_of;
using lineside::media::test::parsed;

namespace {

constexpr int kPorts = 45200;  // this file's relay range (45200-45299)

/// A body between the caller (dev-1010) and the first fork (dev-1002), in either direction.
ls_sdp_args_t sdp_args(uint32_t kind, uint64_t call_id, bool from_caller, uint32_t from_transport,
                       uint32_t to_transport) {
  ls_sdp_args_t a{};
  a.kind = kind;
  a.call_id = call_id;
  a.from_side = from_caller ? LS_LEG_CALLER : LS_LEG_CALLEE;
  a.to_side = from_caller ? LS_LEG_CALLEE : LS_LEG_CALLER;
  a.from_transport = from_transport;
  a.to_transport = to_transport;
  a.from_device_id = from_caller ? "dev-1010" : "dev-1002";
  a.to_device_id = from_caller ? "dev-1002" : "dev-1010";
  return a;
}

ls_sdp_args_t caller_offer(uint64_t call_id, uint32_t from_transport, uint32_t to_transport) {
  return sdp_args(LS_SDP_OFFER, call_id, true, from_transport, to_transport);
}

/// The callee's answer back to a caller whose signalling is `caller_transport`.
ls_sdp_args_t callee_answer(uint64_t call_id, uint32_t caller_transport) {
  return sdp_args(LS_SDP_ANSWER, call_id, false, LS_TRANSPORT_TLS, caller_transport);
}

std::string proto_of(const std::string &body) {
  return parsed(body).media.at(0).proto;
}

}  // namespace

TEST_CASE("an offer that needs SRTP is refused before it goes on when it came over plain signalling") {
  ModuleFixture f(true, kPorts);
  f.capabilities.avp_only = false;
  REQUIRE_MESSAGE(f.load(), f.host.load_error());
  const std::string offer = audio_sdp(40000, "RTP/SAVP", {crypto_line()});

  SUBCASE("over UDP: 488 at once, nothing forwarded, no relay port taken") {
    const auto run = f.host.run_sdp(caller_offer(1, LS_TRANSPORT_UDP, LS_TRANSPORT_TLS), offer);
    CHECK(run.verdict == LS_VERDICT_STOP);
    CHECK(run.status == 488);
    CHECK_FALSE(run.replaced);
    CHECK(f.host.logged("the offering leg needs SRTP but its signalling is not TLS"));
    CHECK(f.host.admin("GET", "/api/v1/media").body.find("\"ports_in_use\":0") !=
          std::string::npos);
  }
  SUBCASE("over TLS: it goes on, anchored, with a key of ours") {
    const auto run = f.host.run_sdp(caller_offer(2, LS_TRANSPORT_TLS, LS_TRANSPORT_TLS), offer);
    CHECK(run.verdict == LS_VERDICT_CONTINUE);
    REQUIRE(run.replaced);
    CHECK(parsed(run.body).media.at(0).port != 40000);
    const auto keys = crypto_of(run.body);
    REQUIRE_FALSE(keys.empty());
    CHECK(keys.front() != crypto_of(offer).front());
  }
  SUBCASE("the system switch off: refused as an SRTP offer, whatever the transport") {
    f.capabilities.srtp_enabled = false;
    const auto run = f.host.run_sdp(caller_offer(3, LS_TRANSPORT_TLS, LS_TRANSPORT_TLS), offer);
    CHECK(run.status == 488);
  }
}

TEST_CASE("a host that does not say the sender's transport (ABI 1.0) gets the refusal at the answer") {
  ModuleFixture f(true, kPorts);
  f.capabilities.avp_only = false;
  REQUIRE_MESSAGE(f.load(), f.host.load_error());
  ls_sdp_args_t older = caller_offer(4, LS_TRANSPORT_UDP, LS_TRANSPORT_TLS);
  older.size = offsetof(ls_sdp_args_t, from_transport);  // from_transport is not there
  const auto offered = f.host.run_sdp(older, audio_sdp(40000, "RTP/SAVP", {crypto_line()}));
  REQUIRE(offered.verdict == LS_VERDICT_CONTINUE);

  const auto answered = f.host.run_sdp(callee_answer(4, LS_TRANSPORT_UDP), audio_sdp(40002));
  CHECK(answered.verdict == LS_VERDICT_STOP);
  CHECK(answered.status == 488);
  CHECK(f.host.logged("keys may not be sent to it"));
}

TEST_CASE("keys are never offered towards a leg whose signalling is plain") {
  ModuleFixture f(true, kPorts);
  f.capabilities.avp_only = false;
  REQUIRE_MESSAGE(f.load(), f.host.load_error());
  const std::string optional_offer = audio_sdp(40000, "RTP/AVP", {crypto_line()});
  const auto run = f.host.run_sdp(caller_offer(5, LS_TRANSPORT_TLS, LS_TRANSPORT_UDP), optional_offer);
  CHECK(run.verdict == LS_VERDICT_CONTINUE);
  CHECK(crypto_of(run.body).empty());
  CHECK(proto_of(run.body) == "RTP/AVP");

  // The plain answer goes back to the TLS caller keyed, with a key of ours.
  const auto answered = f.host.run_sdp(callee_answer(5, LS_TRANSPORT_TLS), audio_sdp(40002));
  CHECK(answered.verdict == LS_VERDICT_CONTINUE);
  const auto keys = crypto_of(answered.body);
  REQUIRE(keys.size() == 1);
  CHECK(keys.front() != crypto_of(optional_offer).front());
}

TEST_CASE("an SDP for a call that has ended is refused with 481") {
  ModuleFixture f(true, kPorts);
  REQUIRE_MESSAGE(f.load(), f.host.load_error());
  ls_call_event_t ended{};
  ended.size = sizeof ended;
  ended.change = LS_CALL_ENDED;
  ended.call_id = 6;
  ended.ended_by = LS_CALL_BY_CALLER;
  f.host.emit(LS_EVENT_CALL, &ended);
  const auto run =
      f.host.run_sdp(caller_offer(6, LS_TRANSPORT_TLS, LS_TRANSPORT_TLS), audio_sdp(40000));
  CHECK(run.verdict == LS_VERDICT_STOP);
  CHECK(run.status == 481);
}
