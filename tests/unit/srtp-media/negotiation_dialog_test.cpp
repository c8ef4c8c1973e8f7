// tests/unit/srtp-media/negotiation_dialog_test.cpp: negotiation over a call's life: repeated
// answers, re-INVITE re-keying, hold, forks and the winner, video, rtcp-mux, direct media.
#include <string>

#include "media_test_support.hpp"

using namespace lineside::media;
using namespace lineside::media::test;

namespace {

constexpr uint32_t A = kCallerLeg;
constexpr uint32_t B = 1;

const EndpointSetup &setup_of(const RelayCommand &c, uint32_t leg, uint32_t stream = 0) {
  for (const auto &e : c.endpoints) {
    if (e.leg == leg && e.stream == stream) return e;
  }
  FAIL("no endpoint for leg " << leg);
  return c.endpoints.front();
}

}  // namespace

TEST_CASE("the same answer in a 183 and the 200 gives the caller the same SDP; no re-keying") {
  Negotiation n;
  REQUIRE_FALSE(n.call
                    .offer(A, B, audio_sdp(4000, "RTP/SAVP", {crypto_line()}),
                           policy(SrtpMode::mandatory), policy(SrtpMode::avp_only))
                    .refuse);
  const std::string b_answer = audio_sdp(5000);
  SdpVerdict early = n.call.answer(B, A, b_answer, policy(SrtpMode::mandatory));
  SdpVerdict final = n.call.answer(B, A, b_answer, policy(SrtpMode::mandatory));
  REQUIRE(early.body);
  REQUIRE(final.body);
  CHECK(*early.body == *final.body);
  REQUIRE(final.command);
  const EndpointSetup &a = setup_of(*final.command, A);
  CHECK_FALSE(a.replace_inbound);
  CHECK_FALSE(a.replace_outbound);
  CHECK_FALSE(a.ports);  // already handed to the relay by the first answer
}

TEST_CASE("a re-INVITE with a new key re-keys that direction only; ports and our keys stay") {
  Negotiation n;
  const std::string first_key = crypto_line();
  SdpVerdict o1 = n.call.offer(A, B, audio_sdp(4000, "RTP/SAVP", {first_key}),
                               policy(SrtpMode::mandatory), policy(SrtpMode::mandatory));
  SdpVerdict a1 = n.call.answer(B, A, audio_sdp(5000, "RTP/SAVP", {crypto_line()}),
                                policy(SrtpMode::mandatory));
  REQUIRE(a1.command);
  SdpVerdict o2 = n.call.offer(A, B, audio_sdp(4000, "RTP/SAVP", {crypto_line()}),
                               policy(SrtpMode::mandatory), policy(SrtpMode::mandatory));
  REQUIRE_FALSE(o2.refuse);
  CHECK(crypto_of(*o2.body) == crypto_of(*o1.body));  // our keys towards B are stable
  CHECK(parsed(*o2.body).media[0].port == parsed(*o1.body).media[0].port);
  SdpVerdict a2 = n.call.answer(B, A, audio_sdp(5000, "RTP/SAVP", {crypto_line()}),
                                policy(SrtpMode::mandatory));
  REQUIRE(a2.command);
  CHECK(crypto_of(*a2.body) == crypto_of(*a1.body));  // our key towards A too
  const EndpointSetup &a = setup_of(*a2.command, A);
  const EndpointSetup &b = setup_of(*a2.command, B);
  CHECK(a.replace_inbound);  // A sent a new key
  CHECK(a.inbound);
  CHECK_FALSE(a.replace_outbound);
  CHECK(b.replace_inbound);  // so did B
  CHECK_FALSE(b.replace_outbound);
  CHECK(n.pool->in_use() == 2);
}

TEST_CASE("hold: sendonly and 0.0.0.0 reach the other leg as a direction, never as 0.0.0.0") {
  Negotiation n;
  REQUIRE_FALSE(
      n.call.offer(A, B, audio_sdp(4000), policy(SrtpMode::avp_only), policy(SrtpMode::avp_only))
          .refuse);
  REQUIRE_FALSE(n.call.answer(B, A, audio_sdp(5000), policy(SrtpMode::avp_only)).refuse);

  SdpVerdict hold = n.call.offer(A, B, audio_sdp(4000, "RTP/AVP", {}, "", "0.0.0.0"),
                                 policy(SrtpMode::avp_only), policy(SrtpMode::avp_only));
  REQUIRE_FALSE(hold.refuse);
  CHECK(hold.body->find("0.0.0.0") == std::string::npos);
  CHECK(parsed(*hold.body).media[0].attribute("sendonly"));
  SdpVerdict held = n.call.answer(B, A, audio_sdp(5000, "RTP/AVP", {}, "a=recvonly\r\n"),
                                  policy(SrtpMode::avp_only));
  REQUIRE(held.command);
  CHECK(parsed(*held.body).media[0].attribute("recvonly"));
  const EndpointSetup &a = setup_of(*held.command, A);
  const EndpointSetup &b = setup_of(*held.command, B);
  CHECK_FALSE(a.send_to_leg);  // nothing goes to the holding phone
  CHECK(a.leg_sends);
  CHECK(b.send_to_leg);
  CHECK_FALSE(b.leg_sends);

  SdpVerdict inactive = n.call.offer(A, B, audio_sdp(4000, "RTP/AVP", {}, "a=inactive\r\n"),
                                     policy(SrtpMode::avp_only), policy(SrtpMode::avp_only));
  CHECK(parsed(*inactive.body).media[0].attribute("inactive"));
}

TEST_CASE("forks: each B leg gets its own ports and keys; the answer that wins keeps its leg") {
  Negotiation n;
  const std::string a_sdp = audio_sdp(4000, "RTP/SAVP", {crypto_line()});
  n.call.note_leg(1, "dev-1002");
  n.call.note_leg(2, "dev-1003");
  SdpVerdict to1 =
      n.call.offer(A, 1, a_sdp, policy(SrtpMode::mandatory), policy(SrtpMode::mandatory));
  SdpVerdict to2 =
      n.call.offer(A, 2, a_sdp, policy(SrtpMode::mandatory), policy(SrtpMode::avp_only));
  REQUIRE_FALSE(to1.refuse);
  REQUIRE_FALSE(to2.refuse);
  CHECK(parsed(*to1.body).media[0].port != parsed(*to2.body).media[0].port);
  CHECK(parsed(*to1.body).media[0].proto == "RTP/SAVP");
  CHECK(parsed(*to2.body).media[0].proto == "RTP/AVP");
  CHECK(n.pool->in_use() == 3);

  const auto from1 = crypto_of(*to1.body);
  SdpVerdict early = n.call.answer(1, A, audio_sdp(5000, "RTP/SAVP", {crypto_line(1)}),
                                   policy(SrtpMode::mandatory));
  n.call.note_leg(1, "dev-1002");
  SdpVerdict win = n.call.answer(2, A, audio_sdp(6000), policy(SrtpMode::mandatory));
  n.call.note_leg(2, "dev-1003");
  REQUIRE(win.command);
  // The caller sees one port and one key whichever fork answers.
  CHECK(parsed(*early.body).media[0].port == parsed(*win.body).media[0].port);
  CHECK(crypto_of(*early.body) == crypto_of(*win.body));

  auto answered = n.call.answered("dev-1003");
  REQUIRE(answered);
  CHECK(answered->kind == RelayCommand::Kind::answered);
  CHECK(answered->winner_leg == 2);
  CHECK(n.call.winner_leg() == 2);
  CHECK(n.call.port_pairs() == 2);
}

TEST_CASE("video is anchored like audio; T.38 and other non-RTP m-lines are disabled") {
  Negotiation n;
  const std::string extra =
      "m=video 4002 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\n"
      "m=image 4004 udptl t38\r\n";
  SdpVerdict offer = n.call.offer(A, B, audio_sdp(4000, "RTP/AVP", {}, extra),
                                  policy(SrtpMode::avp_only), policy(SrtpMode::avp_only));
  REQUIRE_FALSE(offer.refuse);
  const SdpSession to_b = parsed(*offer.body);
  REQUIRE(to_b.media.size() == 3);
  CHECK(to_b.media[1].port != 0);
  CHECK(to_b.media[1].port != 4002);
  CHECK(to_b.media[2].port == 0);
  const std::string answer_extra =
      "m=video 5002 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\n"
      "m=image 0 udptl t38\r\n";
  SdpVerdict answer = n.call.answer(B, A, audio_sdp(5000, "RTP/AVP", {}, answer_extra, "127.0.0.3"),
                                    policy(SrtpMode::avp_only));
  REQUIRE(answer.command);
  CHECK(answer.command->endpoints.size() == 4);
  CHECK(setup_of(*answer.command, B, 1).remote_rtp.text() == "127.0.0.3:5002");
  CHECK(parsed(*answer.body).media[2].port == 0);
  CHECK(n.pool->in_use() == 4);
}

TEST_CASE("an answer with a different number of m-lines is refused") {
  Negotiation n;
  REQUIRE_FALSE(
      n.call.offer(A, B, audio_sdp(4000), policy(SrtpMode::avp_only), policy(SrtpMode::avp_only))
          .refuse);
  CHECK(n.call
            .answer(B, A, audio_sdp(5000, "RTP/AVP", {}, "m=video 5002 RTP/AVP 96\r\n"),
                    policy(SrtpMode::avp_only))
            .refuse);
}

TEST_CASE("rtcp-mux offered is passed on; each leg's mux follows its own SDP") {
  Negotiation n;
  SdpVerdict offer = n.call.offer(A, B, audio_sdp(4000, "RTP/AVP", {}, "a=rtcp-mux\r\n"),
                                  policy(SrtpMode::avp_only), policy(SrtpMode::avp_only));
  CHECK(parsed(*offer.body).media[0].attribute("rtcp-mux"));
  SdpVerdict answer = n.call.answer(B, A, audio_sdp(5000), policy(SrtpMode::avp_only));
  REQUIRE(answer.command);
  CHECK(parsed(*answer.body).media[0].attribute("rtcp-mux"));  // we accept it for the caller
  CHECK(setup_of(*answer.command, A).rtcp_mux);
  CHECK_FALSE(setup_of(*answer.command, B).rtcp_mux);
}

TEST_CASE("direct media: plain legs on both sides see each other, the relay takes no port") {
  Negotiation n;
  n.settings.direct_media = true;
  SdpVerdict offer =
      n.call.offer(A, B, audio_sdp(4000), policy(SrtpMode::optional), policy(SrtpMode::avp_only));
  REQUIRE(offer.body);
  CHECK(parsed(*offer.body).media[0].port == 4000);
  CHECK(offer.body->find("127.0.0.2") != std::string::npos);
  SdpVerdict answer = n.call.answer(B, A, audio_sdp(5000), policy(SrtpMode::optional));
  CHECK_FALSE(answer.command);
  CHECK(parsed(*answer.body).media[0].port == 5000);
  CHECK(n.pool->in_use() == 0);

  // A leg that gets SRTP is anchored even with direct media allowed.
  Negotiation s;
  s.settings.direct_media = true;
  SdpVerdict srtp =
      s.call.offer(A, B, audio_sdp(4000), policy(SrtpMode::optional), policy(SrtpMode::optional));
  CHECK(parsed(*srtp.body).media[0].port != 4000);
}

TEST_CASE("port exhaustion refuses the offer with 503 and leaks nothing") {
  Negotiation n(42000, 42003);  // two pairs: one call's worth
  REQUIRE_FALSE(
      n.call.offer(A, 1, audio_sdp(4000), policy(SrtpMode::avp_only), policy(SrtpMode::avp_only))
          .refuse);
  SdpVerdict second =
      n.call.offer(A, 2, audio_sdp(4000), policy(SrtpMode::avp_only), policy(SrtpMode::avp_only));
  CHECK(second.refuse);
  CHECK(second.status == 503);
  CHECK(n.pool->in_use() == 2);
}

TEST_CASE("an answer to an offer we never saw is left alone") {
  Negotiation n;
  SdpVerdict v = n.call.answer(B, A, audio_sdp(5000), policy(SrtpMode::avp_only));
  CHECK_FALSE(v.refuse);
  CHECK_FALSE(v.body);
}
