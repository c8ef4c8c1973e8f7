// tests/unit/srtp-media/negotiation_test.cpp: offer/answer mapping per leg mode: profiles, fresh
// keys per leg, refusals (488) for what a mode forbids and for hostile a=crypto.
#include <string>

#include "media_test_support.hpp"
#include "stream_description.hpp"

using namespace lineside::media;
using namespace lineside::media::test;
using lineside::srtp::Suite;

namespace {

constexpr uint32_t A = kCallerLeg;
constexpr uint32_t B = 1;

const EndpointSetup &setup_of(const RelayCommand &c, uint32_t leg) {
  for (const auto &e : c.endpoints) {
    if (e.leg == leg) return e;
  }
  FAIL("no endpoint for leg " << leg);
  return c.endpoints.front();
}

}  // namespace

TEST_CASE("plain to plain: both sides see the relay, no keys anywhere") {
  Negotiation n;
  SdpVerdict offer =
      n.call.offer(A, B, audio_sdp(4000), policy(SrtpMode::avp_only), policy(SrtpMode::avp_only));
  REQUIRE_FALSE(offer.refuse);
  REQUIRE(offer.body);
  const SdpSession to_b = parsed(*offer.body);
  CHECK(to_b.session_connection() == std::optional<std::string_view>("IN IP4 127.0.0.1"));
  CHECK(to_b.media[0].proto == "RTP/AVP");
  CHECK(to_b.media[0].port != 4000);
  CHECK(to_b.media[0].attributes("crypto").empty());
  CHECK(to_b.media[0].attribute("sendrecv"));
  CHECK(offer.body->find("127.0.0.2") == std::string::npos);

  SdpVerdict answer = n.call.answer(B, A, audio_sdp(5000, "RTP/AVP", {}, "", "127.0.0.3", "0 101"),
                                    policy(SrtpMode::avp_only));
  REQUIRE_FALSE(answer.refuse);
  const SdpSession to_a = parsed(*answer.body);
  CHECK(to_a.media[0].formats == std::vector<std::string>{"0", "101"});
  CHECK(to_a.media[0].port != to_b.media[0].port);
  REQUIRE(answer.command);
  CHECK(answer.command->endpoints.size() == 2);
  const EndpointSetup &a = setup_of(*answer.command, A);
  const EndpointSetup &b = setup_of(*answer.command, B);
  CHECK(a.remote_rtp.text() == "127.0.0.2:4000");
  CHECK(a.remote_rtcp.text() == "127.0.0.2:4001");
  CHECK(b.remote_rtp.text() == "127.0.0.3:5000");
  CHECK(a.peer_leg == B);
  CHECK(b.peer_leg == A);
  CHECK(a.ports);
  CHECK(b.ports);
  CHECK_FALSE(a.inbound);
  CHECK_FALSE(b.outbound);
  CHECK(n.pool->in_use() == 2);
}

TEST_CASE(
    "SRTP mandatory caller to an AVP-only callee: converted, the caller's key never forwarded") {
  Negotiation n;
  const std::string a_crypto = crypto_line(3);
  SdpVerdict offer = n.call.offer(A, B, audio_sdp(4000, "RTP/SAVP", {a_crypto}),
                                  policy(SrtpMode::mandatory), policy(SrtpMode::avp_only));
  REQUIRE_FALSE(offer.refuse);
  CHECK(parsed(*offer.body).media[0].proto == "RTP/AVP");
  CHECK(crypto_of(*offer.body).empty());
  CHECK(offer.body->find(a_crypto.substr(a_crypto.find("inline:"))) == std::string::npos);

  SdpVerdict answer = n.call.answer(B, A, audio_sdp(5000), policy(SrtpMode::mandatory));
  REQUIRE_FALSE(answer.refuse);
  const SdpSession to_a = parsed(*answer.body);
  CHECK(to_a.media[0].proto == "RTP/SAVP");
  const auto ours = crypto_of(*answer.body);
  REQUIRE(ours.size() == 1);
  CHECK(ours[0].rfind("3 AES_CM_128_HMAC_SHA1_80 inline:", 0) == 0);  // A's tag and suite
  CHECK(key_of(ours[0]) != key_of(a_crypto));                         // our own key
  const EndpointSetup &a = setup_of(*answer.command, A);
  const EndpointSetup &b = setup_of(*answer.command, B);
  CHECK(a.inbound);
  CHECK(a.outbound);
  CHECK_FALSE(b.inbound);
  CHECK_FALSE(b.outbound);
}

TEST_CASE(
    "SRTP mandatory callee: RTP/SAVP offer with fresh keys per suite; a plain answer is refused") {
  Negotiation n;
  const std::string a_crypto = crypto_line();
  SdpVerdict offer = n.call.offer(A, B, audio_sdp(4000, "RTP/AVP", {a_crypto}),
                                  policy(SrtpMode::optional), policy(SrtpMode::mandatory));
  REQUIRE_FALSE(offer.refuse);
  CHECK(parsed(*offer.body).media[0].proto == "RTP/SAVP");
  const auto to_b = crypto_of(*offer.body);
  REQUIRE(to_b.size() == 2);
  CHECK(to_b[0].rfind("1 AES_CM_128_HMAC_SHA1_80 ", 0) == 0);
  CHECK(to_b[1].rfind("2 AES_CM_128_HMAC_SHA1_32 ", 0) == 0);
  CHECK(key_of(to_b[0]) != key_of(a_crypto));

  SdpVerdict plain = n.call.answer(B, A, audio_sdp(5000), policy(SrtpMode::optional));
  CHECK(plain.refuse);
  CHECK(plain.status == 488);
  CHECK(plain.reason.find("mandatory") != std::string::npos);
}

TEST_CASE("both SRTP: each leg keyed by its own keys, the answer's tag picks ours") {
  Negotiation n;
  const std::string a_crypto = crypto_line(1);
  SdpVerdict offer = n.call.offer(A, B, audio_sdp(4000, "RTP/SAVP", {a_crypto}),
                                  policy(SrtpMode::mandatory), policy(SrtpMode::mandatory));
  REQUIRE_FALSE(offer.refuse);
  const auto to_b = crypto_of(*offer.body);
  const std::string b_crypto = crypto_line(2, Suite::aes_cm_128_hmac_sha1_32);
  SdpVerdict answer =
      n.call.answer(B, A, audio_sdp(5000, "RTP/SAVP", {b_crypto}), policy(SrtpMode::mandatory));
  REQUIRE_FALSE(answer.refuse);
  const auto to_a = crypto_of(*answer.body);
  REQUIRE(to_a.size() == 1);
  for (const auto &k : {key_of(a_crypto), key_of(b_crypto), key_of(to_b[0]), key_of(to_b[1])}) {
    CHECK(key_of(to_a[0]) != k);
  }
  const EndpointSetup &b = setup_of(*answer.command, B);
  REQUIRE(b.outbound);
  CHECK(b.outbound->suite() == Suite::aes_cm_128_hmac_sha1_32);
  REQUIRE(b.inbound);
}

TEST_CASE("what a leg's mode forbids is refused with 488") {
  SUBCASE("an AVP-only device offering RTP/SAVP") {
    Negotiation n;
    SdpVerdict v = n.call.offer(A, B, audio_sdp(4000, "RTP/SAVP", {crypto_line()}),
                                policy(SrtpMode::avp_only), policy(SrtpMode::avp_only));
    CHECK(v.refuse);
    CHECK(v.status == 488);
  }
  SUBCASE("a mandatory device offering plain RTP") {
    Negotiation n;
    SdpVerdict v = n.call.offer(A, B, audio_sdp(4000), policy(SrtpMode::mandatory),
                                policy(SrtpMode::optional));
    CHECK(v.refuse);
  }
  SUBCASE("a mandatory callee reached over plain signalling") {
    Negotiation n;
    SdpVerdict v = n.call.offer(A, B, audio_sdp(4000), policy(SrtpMode::optional),
                                policy(SrtpMode::mandatory, false));
    CHECK(v.refuse);
    CHECK(v.reason.find("TLS") != std::string::npos);
    CHECK(n.pool->in_use() == 0);
  }
  SUBCASE("RTP/SAVP without a=crypto, or only with suites we do not know") {
    Negotiation n;
    CHECK(n.call
              .offer(A, B, audio_sdp(4000, "RTP/SAVP"), policy(SrtpMode::optional),
                     policy(SrtpMode::optional))
              .refuse);
    CHECK(n.call
              .offer(A, B, audio_sdp(4000, "RTP/SAVP", {"1 F8_128_HMAC_SHA1_80 inline:AAAA"}),
                     policy(SrtpMode::optional), policy(SrtpMode::optional))
              .refuse);
  }
}

TEST_CASE("hostile a=crypto lines are refused with 488, never half-accepted") {
  const std::string good = crypto_line();
  const std::string key = good.substr(good.find("inline:"));
  const std::vector<std::vector<std::string>> hostile = {
      {"1 AES_CM_128_HMAC_SHA1_80 inline:!!!not-base64!!!"},
      {"1 AES_CM_128_HMAC_SHA1_80 inline:QUJDREVGR0hJSktMTU5PUFFSU1RVVldY"},  // 24 bytes, not 30
      {"1 AES_CM_128_HMAC_SHA1_80"},
      {"1"},
      {""},
      {"1 AES_CM_128_HMAC_SHA1_80 " + key + "|2^20|1:4"},                        // MKI
      {"1 AES_CM_128_HMAC_SHA1_80 " + key, "1 AES_CM_128_HMAC_SHA1_32 " + key},  // same tag
  };
  for (const auto &lines : hostile) {
    Negotiation n;
    SdpVerdict v = n.call.offer(A, B, audio_sdp(4000, "RTP/SAVP", lines),
                                policy(SrtpMode::optional), policy(SrtpMode::optional));
    CHECK_MESSAGE(v.refuse, lines.front());
    CHECK(v.status == 488);
    CHECK(v.reason.find(key.substr(7)) == std::string::npos);  // the key is never quoted
  }
  std::vector<std::string> hundred;
  for (int i = 1; i <= 100; ++i) hundred.push_back(crypto_line(static_cast<uint32_t>(i)));
  Negotiation n;
  SdpVerdict v = n.call.offer(A, B, audio_sdp(4000, "RTP/SAVP", hundred),
                              policy(SrtpMode::optional), policy(SrtpMode::optional));
  CHECK(v.refuse);
  CHECK(v.reason.find("too many") != std::string::npos);
}

TEST_CASE("keys are only offered where they may be sent") {
  Negotiation n;
  SdpVerdict v = n.call.offer(A, B, audio_sdp(4000, "RTP/AVP", {crypto_line()}),
                              policy(SrtpMode::optional), policy(SrtpMode::optional, false));
  REQUIRE_FALSE(v.refuse);
  CHECK(crypto_of(*v.body).empty());
  CHECK(parsed(*v.body).media[0].proto == "RTP/AVP");
  // The caller offered keys optionally but its own signalling is plain: a plain answer for it.
  SdpVerdict answer = n.call.answer(B, A, audio_sdp(5000), policy(SrtpMode::optional, false));
  REQUIRE_FALSE(answer.refuse);
  CHECK(crypto_of(*answer.body).empty());
  CHECK(parsed(*answer.body).media[0].proto == "RTP/AVP");
}

TEST_CASE("an RTP/SAVP caller whose signalling cannot carry our key gets its answer refused") {
  Negotiation n;
  REQUIRE_FALSE(n.call
                    .offer(A, B, audio_sdp(4000, "RTP/SAVP", {crypto_line()}),
                           policy(SrtpMode::optional), policy(SrtpMode::avp_only))
                    .refuse);
  SdpVerdict answer = n.call.answer(B, A, audio_sdp(5000), policy(SrtpMode::optional, false));
  CHECK(answer.refuse);
}

TEST_CASE("codecs are negotiated end to end") {
  Negotiation n;
  SdpVerdict none = n.call.offer(A, B, audio_sdp(4000, "RTP/AVP", {}, "", "127.0.0.2", "18 101"),
                                 policy(SrtpMode::avp_only), policy(SrtpMode::avp_only));
  CHECK(none.refuse);
  CHECK(none.reason.find("codec") != std::string::npos);

  SdpVerdict offer = n.call.offer(A, B, audio_sdp(4000, "RTP/AVP", {}, "", "127.0.0.2", "8 101"),
                                  policy(SrtpMode::avp_only), policy(SrtpMode::avp_only));
  REQUIRE_FALSE(offer.refuse);
  SdpVerdict wrong = n.call.answer(B, A, audio_sdp(5000, "RTP/AVP", {}, "", "127.0.0.3", "0"),
                                   policy(SrtpMode::avp_only));
  CHECK(wrong.refuse);
}

TEST_CASE("an answer's a=crypto must name a tag and suite we offered, and be the only one") {
  for (const std::vector<std::string> &bad : std::vector<std::vector<std::string>>{
           {crypto_line(9)},
           {crypto_line(1, Suite::aes_cm_128_hmac_sha1_32)},
           {crypto_line(1), crypto_line(2, Suite::aes_cm_128_hmac_sha1_32)}}) {
    Negotiation n;
    REQUIRE_FALSE(
        n.call.offer(A, B, audio_sdp(4000), policy(SrtpMode::avp_only), policy(SrtpMode::optional))
            .refuse);
    CHECK(n.call.answer(B, A, audio_sdp(5000, "RTP/SAVP", bad), policy(SrtpMode::avp_only)).refuse);
  }
}

TEST_CASE("a=crypto in an RTP/AVP answer to a plain offer is ignored; in an RTP/SAVP one refused") {
  Negotiation n;
  REQUIRE_FALSE(
      n.call.offer(A, B, audio_sdp(4000), policy(SrtpMode::avp_only), policy(SrtpMode::avp_only))
          .refuse);
  SdpVerdict v =
      n.call.answer(B, A, audio_sdp(5000, "RTP/AVP", {crypto_line()}), policy(SrtpMode::avp_only));
  REQUIRE_FALSE(v.refuse);
  CHECK(crypto_of(*v.body).empty());
  CHECK_FALSE(setup_of(*v.command, B).inbound);
  Negotiation s;
  REQUIRE_FALSE(
      s.call.offer(A, B, audio_sdp(4000), policy(SrtpMode::avp_only), policy(SrtpMode::avp_only))
          .refuse);
  CHECK(
      s.call.answer(B, A, audio_sdp(5000, "RTP/SAVP", {crypto_line()}), policy(SrtpMode::avp_only))
          .refuse);
}
