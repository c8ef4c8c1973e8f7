// tests/unit/srtp-media/sdp_session_test.cpp: SDP parsing limits, attributes, stream descriptions,
// writing back, and the codec filters.
#include <string>

#include "codec_filter.hpp"
#include "media_test_support.hpp"
#include "stream_description.hpp"

using namespace lineside::media;
using namespace lineside::media::test;

TEST_CASE("a body parses into session lines and media sections and writes back the same") {
  const std::string body = audio_sdp(4000);
  const SdpSession s = parsed(body);
  REQUIRE(s.media.size() == 1);
  CHECK(s.media[0].media == "audio");
  CHECK(s.media[0].port == 4000);
  CHECK(s.media[0].proto == "RTP/AVP");
  CHECK(s.media[0].formats == std::vector<std::string>{"0", "8", "101"});
  CHECK(s.media[0].attribute("ptime") == std::optional<std::string_view>("20"));
  CHECK(s.session_connection() == std::optional<std::string_view>("IN IP4 127.0.0.2"));
  CHECK(s.to_string() == body);
}

TEST_CASE("LF line ends and a port count are accepted") {
  const SdpParse p =
      parse_sdp("v=0\no=- 1 1 IN IP4 1.2.3.4\ns=-\nt=0 0\nm=video 5000/2 RTP/AVP 96\n");
  REQUIRE(p.session);
  CHECK(p.session->media[0].port_count == 2);
}

TEST_CASE("hostile or broken bodies are refused with a reason") {
  CHECK_FALSE(parse_sdp("").session);
  CHECK_FALSE(parse_sdp("o=- 1 1 IN IP4 1.2.3.4\r\n").session);
  CHECK(parse_sdp("v=1\r\n").error.find("v=0") != std::string::npos);
  CHECK_FALSE(parse_sdp("v=0\r\nthis is not sdp\r\n").session);
  CHECK_FALSE(parse_sdp(std::string("v=0\r\ns=a\0b\r\n", 13)).session);
  CHECK_FALSE(parse_sdp("v=0\r\nm=audio\r\n").session);
  CHECK_FALSE(parse_sdp("v=0\r\nm=audio 70000 RTP/AVP 0\r\n").session);
  CHECK_FALSE(parse_sdp("v=0\r\nm=audio -1 RTP/AVP 0\r\n").session);
  CHECK_FALSE(parse_sdp("v=0\r\nm=audio 4000/0 RTP/AVP 0\r\n").session);
  std::string many = "v=0\r\n";
  for (int i = 0; i < 600; ++i) many += "a=x\r\n";
  CHECK(parse_sdp(many).error.find("too many lines") != std::string::npos);
  std::string media = "v=0\r\n";
  for (int i = 0; i < 9; ++i) media += "m=audio 4000 RTP/AVP 0\r\n";
  CHECK(parse_sdp(media).error.find("too many media") != std::string::npos);
  std::string formats = "v=0\r\nm=audio 4000 RTP/AVP";
  for (int i = 0; i < 65; ++i) formats += " 0";
  CHECK_FALSE(parse_sdp(formats + "\r\n").session);
  CHECK_FALSE(parse_sdp(std::string(40000, 'a')).session);
}

TEST_CASE("a stream description reads address, ports, profile, rtcp and direction") {
  SdpSession s =
      parsed(audio_sdp(4000, "RTP/SAVP", {}, "a=rtcp:4005\r\na=rtcp-mux\r\na=sendonly\r\n"));
  const StreamDescription d = describe_stream(s, 0);
  CHECK(d.anchorable);
  CHECK(d.family == AF_INET);
  CHECK(d.address == "127.0.0.2");
  CHECK(d.rtp_port == 4000);
  CHECK(d.rtcp_port == 4005);
  CHECK(d.rtcp_mux);
  CHECK(d.profile == RtpProfile::savp);
  CHECK(d.direction == MediaDirection::sendonly);
  CHECK(d.effective == MediaDirection::sendonly);
}

TEST_CASE("c=0.0.0.0 means the author does not want media (RFC 2543 hold)") {
  SdpSession s = parsed(audio_sdp(4000, "RTP/AVP", {}, "", "0.0.0.0"));
  const StreamDescription d = describe_stream(s, 0);
  CHECK(d.null_address);
  CHECK(d.direction == MediaDirection::sendrecv);
  CHECK(d.effective == MediaDirection::sendonly);
  CHECK_FALSE(wants_to_receive(d.effective));
}

TEST_CASE("session-level direction applies when the m-line has none; non-RTP is not anchorable") {
  SdpSession s = parsed(
      "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nt=0 0\r\n"
      "a=inactive\r\nm=audio 4000 RTP/AVP 0\r\nm=image 4002 udptl t38\r\n");
  CHECK(describe_stream(s, 0).direction == MediaDirection::inactive);
  CHECK_FALSE(describe_stream(s, 1).anchorable);
  CHECK(describe_stream(s, 0).rtcp_port == 4001);
}

TEST_CASE("encoding names come from a=rtpmap or the static table") {
  SdpSession s = parsed(audio_sdp(4000, "RTP/AVP", {}, "", "127.0.0.2", "0 8 18 101 96"));
  const SdpMedia &m = s.media[0];
  CHECK(encoding_of(m, "0") == "pcmu/8000");
  CHECK(encoding_of(m, "18") == "g729/8000");
  CHECK(encoding_of(m, "101") == "telephone-event/8000");
  CHECK(encoding_of(m, "96").empty());
  CHECK(is_auxiliary_encoding("telephone-event/8000"));
  CHECK_FALSE(is_auxiliary_encoding("pcma/8000"));
}

TEST_CASE("the offer keeps allowed codecs with their lines; none left means refusal") {
  SdpSession s = parsed(audio_sdp(4000, "RTP/AVP", {}, "", "127.0.0.2", "0 8 18 101"));
  SdpMedia m = s.media[0];
  REQUIRE(filter_offer_codecs(m, {"pcma", "telephone-event"}));
  CHECK(m.formats == std::vector<std::string>{"8", "101"});
  CHECK(m.attributes("rtpmap").size() == 2);
  CHECK(m.attribute("fmtp") == std::optional<std::string_view>("101 0-15"));

  SdpMedia only_dtmf = s.media[0];
  CHECK_FALSE(filter_offer_codecs(only_dtmf, {"telephone-event", "G722"}));
}

TEST_CASE("the answer may only keep codecs that were offered") {
  SdpMedia offered = parsed(audio_sdp(4000, "RTP/AVP", {}, "", "127.0.0.2", "8 101")).media[0];
  SdpMedia answer = parsed(audio_sdp(5000, "RTP/AVP", {}, "", "127.0.0.3", "0 8 101")).media[0];
  REQUIRE(filter_answer_codecs(answer, offered));
  CHECK(answer.formats == std::vector<std::string>{"8", "101"});
  SdpMedia wrong = parsed(audio_sdp(5000, "RTP/AVP", {}, "", "127.0.0.3", "0 101")).media[0];
  CHECK_FALSE(filter_answer_codecs(wrong, offered));
}
