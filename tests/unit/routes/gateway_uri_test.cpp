// tests/unit/routes/gateway_uri_test.cpp: gateway URIs: accepted forms, refusals, Request-URIs.
#include "gateway_uri.hpp"

#include <doctest/doctest.h>

#include "lineside/abi.h"

using lineside::routes::GatewayUri;

namespace {

std::string refusal(const std::string &text) {
  std::string why;
  CHECK_FALSE(GatewayUri::parse(text, why).has_value());
  return why;
}

}  // namespace

TEST_CASE("gateway URIs give the Request-URI of a call and its transport") {
  std::string why;
  auto udp = GatewayUri::parse("sip:127.0.0.1:5090;transport=udp", why);
  REQUIRE_MESSAGE(udp, why);
  CHECK(udp->request_uri("6135550100") == "sip:6135550100@127.0.0.1:5090;transport=udp");
  CHECK(udp->transport() == LS_TRANSPORT_UDP);
  CHECK(udp->port() == 5090);

  auto named = GatewayUri::parse("sip:GW.Example.NET", why);
  REQUIRE(named);
  CHECK(named->request_uri("911") == "sip:911@gw.example.net");  // no port: NAPTR/SRV by the stack
  CHECK(named->transport() == LS_TRANSPORT_UNKNOWN);

  auto tls = GatewayUri::parse("sips:[2001:db8::1]:5061", why);
  REQUIRE(tls);
  CHECK(tls->transport() == LS_TRANSPORT_TLS);
  CHECK(tls->request_uri("*82#") == "sips:*82%23@[2001:db8::1]:5061");  // '#' escaped

  auto tcp = GatewayUri::parse("sip:gw;transport=TCP;lr", why);
  REQUIRE(tcp);
  CHECK(tcp->transport() == LS_TRANSPORT_TCP);
  CHECK(tcp->request_uri("1") == "sip:1@gw;transport=TCP;lr");
}

TEST_CASE("malformed gateway URIs are refused with the reason") {
  CHECK(refusal("http://gw").find("sip: or sips:") != std::string::npos);
  CHECK(refusal("gw.example.net").find("sip: or sips:") != std::string::npos);
  CHECK(refusal("sip:trunk@gw").find("no user part") != std::string::npos);
  CHECK(refusal("sip:gw:0").find("out of range") != std::string::npos);
  CHECK(refusal("sip:gw:70000").find("out of range") != std::string::npos);
  CHECK(refusal("sip:gw:50a").find("bad port") != std::string::npos);
  CHECK(refusal("sip:gw;transport=sctp").find("udp, tcp or tls") != std::string::npos);
  CHECK(refusal("sips:gw;transport=udp").find("sips:") != std::string::npos);
  CHECK(refusal("sip:gw?Subject=x").find("no headers") != std::string::npos);
  CHECK(refusal("sip:").find("bad host") != std::string::npos);
  CHECK(refusal("sip:[::1").find("IPv6") != std::string::npos);
  CHECK(refusal("sip:gw;a\"b").find("bad character") != std::string::npos);
}
