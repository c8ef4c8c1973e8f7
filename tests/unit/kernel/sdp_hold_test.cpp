// tests/unit/kernel/sdp_hold_test.cpp: RFC 2543 hold (c=0.0.0.0) rewritten as RFC 3264 hold.
#include "calls/sdp_hold.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace lineside::kernel;

namespace {
const std::string kOffer =
    "v=0\r\no=a 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
    "m=audio 40000 RTP/AVP 0\r\na=sendrecv\r\n";
const std::string kZeroHold =
    "v=0\r\no=a 1 2 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
    "m=audio 40000 RTP/AVP 0\r\na=sendrecv\r\n";
}  // namespace

TEST_CASE("a 0.0.0.0 hold keeps the sender's previous address and becomes sendonly") {
  SdpStreamAddresses last;
  remember_stream_addresses(kOffer, last);
  CHECK(last.session == "IN IP4 192.0.2.10");
  REQUIRE(last.media.size() == 1);
  std::string held = kZeroHold;
  CHECK(rewrite_zero_address_hold(held, last, "198.51.100.7"));
  CHECK(held.find("0.0.0.0") == std::string::npos);
  CHECK(held.find("c=IN IP4 192.0.2.10\r\n") != std::string::npos);
  CHECK(held.find("a=sendonly\r\n") != std::string::npos);
  CHECK(held.find("a=sendrecv") == std::string::npos);
}

TEST_CASE("with nothing remembered the signalling address is used, then the o= address") {
  SdpStreamAddresses none;
  std::string held = kZeroHold;
  CHECK(rewrite_zero_address_hold(held, none, "198.51.100.7"));
  CHECK(held.find("c=IN IP4 198.51.100.7\r\n") != std::string::npos);
  held = kZeroHold;
  CHECK(rewrite_zero_address_hold(held, none, ""));
  CHECK(held.find("c=IN IP4 192.0.2.10\r\n") != std::string::npos);
  held = kZeroHold;
  CHECK(rewrite_zero_address_hold(held, none, "2001:db8::5"));
  CHECK(held.find("c=IN IP6 2001:db8::5\r\n") != std::string::npos);
}

TEST_CASE("directions map as RFC 3264 8.4 says; a stream with a real address is left alone") {
  SdpStreamAddresses last;
  remember_stream_addresses(kOffer, last);
  std::string recvonly = kZeroHold;
  recvonly.replace(recvonly.find("a=sendrecv"), 10, "a=recvonly");
  CHECK(rewrite_zero_address_hold(recvonly, last, ""));
  CHECK(recvonly.find("a=inactive\r\n") != std::string::npos);
  std::string inactive = kZeroHold;
  inactive.replace(inactive.find("a=sendrecv"), 10, "a=inactive");
  CHECK(rewrite_zero_address_hold(inactive, last, ""));
  CHECK(inactive.find("a=inactive\r\n") != std::string::npos);
  CHECK(inactive.find("a=sendonly") == std::string::npos);
  std::string untouched = kOffer;
  CHECK_FALSE(rewrite_zero_address_hold(untouched, last, "198.51.100.7"));
  CHECK(untouched == kOffer);
}

TEST_CASE("per stream: media-level addresses are remembered and restored per m= line") {
  const std::string offer =
      "v=0\r\no=a 1 1 IN IP4 192.0.2.10\r\ns=-\r\nt=0 0\r\n"
      "m=audio 40000 RTP/AVP 0\r\nc=IN IP4 192.0.2.20\r\n"
      "m=video 40002 RTP/AVP 96\r\nc=IN IP4 192.0.2.30\r\na=recvonly\r\n";
  SdpStreamAddresses last;
  remember_stream_addresses(offer, last);
  REQUIRE(last.media.size() == 2);
  std::string held =
      "v=0\r\no=a 1 2 IN IP4 192.0.2.10\r\ns=-\r\nt=0 0\r\n"
      "m=audio 40000 RTP/AVP 0\r\nc=IN IP4 0.0.0.0\r\n"
      "m=video 40002 RTP/AVP 96\r\nc=IN IP4 0.0.0.0\r\na=recvonly\r\n";
  CHECK(rewrite_zero_address_hold(held, last, ""));
  CHECK(held ==
        "v=0\r\no=a 1 2 IN IP4 192.0.2.10\r\ns=-\r\nt=0 0\r\n"
        "m=audio 40000 RTP/AVP 0\r\nc=IN IP4 192.0.2.20\r\na=sendonly\r\n"
        "m=video 40002 RTP/AVP 96\r\nc=IN IP4 192.0.2.30\r\na=inactive\r\n");
  // A held body is never remembered as the sender's address.
  remember_stream_addresses("v=0\r\nc=IN IP4 0.0.0.0\r\nm=audio 1 RTP/AVP 0\r\n", last);
  CHECK(last.media[0] == "IN IP4 192.0.2.20");
}

TEST_CASE(
    "a session-level 0.0.0.0 is replaced and each stream gets its own address; LF-only bodies stay "
    "LF") {
  SdpStreamAddresses last;
  last.media = {"IN IP4 192.0.2.40"};
  std::string held = "v=0\nc=IN IP4 0.0.0.0\nt=0 0\nm=audio 4000 RTP/AVP 0\n";
  CHECK(rewrite_zero_address_hold(held, last, "198.51.100.7"));
  CHECK(held ==
        "v=0\nc=IN IP4 198.51.100.7\nt=0 0\nm=audio 4000 RTP/AVP 0\nc=IN IP4 "
        "192.0.2.40\na=sendonly\n");
}
