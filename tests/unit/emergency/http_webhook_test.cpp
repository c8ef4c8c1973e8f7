// tests/unit/emergency/http_webhook_test.cpp: webhook URLs, the HTTP POST client against a local
// server (answers, errors, refusals, a silent server and its deadline, TLS to a plain server), and
// the webhook thread (delivery, retries, queue bound, stop).
#include <doctest/doctest.h>

#include <chrono>
#include <mutex>

#include "emergency_event.hpp"
#include "http_post.hpp"
#include "http_test_server.hpp"
#include "webhook_sender.hpp"

using namespace lineside::emergency;

namespace {

HttpUrl url_of(const std::string &text) {
  std::string why;
  auto u = parse_http_url(text, why);
  REQUIRE_MESSAGE(u, why);
  return *u;
}

std::string refusal(const std::string &text) {
  std::string why;
  CHECK_FALSE(parse_http_url(text, why));
  return why;
}

}  // namespace

TEST_CASE("webhook URLs") {
  const HttpUrl a = url_of("http://127.0.0.1:8080/hooks/911?token=s3cret");
  CHECK_FALSE(a.tls);
  CHECK(a.host == "127.0.0.1");
  CHECK(a.port == 8080);
  CHECK(a.target == "/hooks/911?token=s3cret");
  CHECK(a.host_header() == "127.0.0.1:8080");
  CHECK(a.loggable() == "http://127.0.0.1:8080/hooks/911");  // no query (it may hold a token)
  const HttpUrl b = url_of("https://alerts.example.com");
  CHECK(b.tls);
  CHECK(b.port == 443);
  CHECK(b.target == "/");
  CHECK(b.host_header() == "alerts.example.com");
  CHECK(url_of("http://[::1]:81?x").host == "::1");
  CHECK(url_of("http://[::1]:81?x").target == "/?x");
  CHECK(refusal("ftp://x").find("http://") != std::string::npos);
  CHECK(refusal("http://user:pw@x/").find("not supported") != std::string::npos);
  CHECK(refusal("http://x:0/").find("out of range") != std::string::npos);
  CHECK(refusal("http://x:99999/").find("out of range") != std::string::npos);
  CHECK(refusal("http://x:8a/").find("bad port") != std::string::npos);
  CHECK(refusal("http:///a").find("no host") != std::string::npos);
  CHECK(refusal("http://x/a b").find("spaces") != std::string::npos);
  CHECK(refusal("http://x/#f").find("fragment") != std::string::npos);
}

TEST_CASE("POST reaches the server with its body; the status decides success") {
  test::HttpTestServer server(204);
  const HttpUrl url = url_of(server.url("/hook?k=1"));
  HttpPostRequest req;
  req.url = &url;
  req.body = R"({"event":"emergency_call"})";
  const HttpOutcome out = http_post(req);
  CHECK(out.ok);
  CHECK(out.status == 204);
  REQUIRE(server.wait_for(1));
  const std::string got = server.requests()[0];
  CHECK(got.find("POST /hook?k=1 HTTP/1.1\r\n") == 0);
  CHECK(got.find("\r\nHost: 127.0.0.1:" + std::to_string(server.port()) + "\r\n") !=
        std::string::npos);
  CHECK(got.find("\r\nContent-Type: application/json\r\n") != std::string::npos);
  CHECK(got.substr(got.size() - req.body.size()) == req.body);

  test::HttpTestServer failing(503);
  const HttpUrl bad = url_of(failing.url());
  req.url = &bad;
  const HttpOutcome no = http_post(req);
  CHECK_FALSE(no.ok);
  CHECK(no.status == 503);
  CHECK(no.error == "HTTP 503");
}

TEST_CASE(
    "a refused connection, a silent server and TLS to a plain server fail within the deadline") {
  HttpPostRequest req;
  const HttpUrl closed = url_of("http://127.0.0.1:1/");
  req.url = &closed;
  CHECK(http_post(req).error.find("Connection refused") != std::string::npos);

  test::HttpTestServer silent(0);
  const HttpUrl quiet = url_of(silent.url());
  req.url = &quiet;
  req.timeout_ms = 300;
  const auto start = std::chrono::steady_clock::now();
  const HttpOutcome out = http_post(req);
  const auto took = std::chrono::steady_clock::now() - start;
  CHECK_FALSE(out.ok);
  CHECK(out.error == "receive: timed out");
  CHECK(took < std::chrono::milliseconds(1500));

  test::HttpTestServer plain(200);
  const HttpUrl tls = url_of("https://127.0.0.1:" + std::to_string(plain.port()) + "/");
  req.url = &tls;
  req.timeout_ms = 2000;
  const HttpOutcome t = http_post(req);
  CHECK_FALSE(t.ok);
  CHECK(t.error.find("TLS") != std::string::npos);
}

TEST_CASE("the webhook thread delivers, retries, reports, and drops what is queued at stop") {
  std::mutex m;
  std::vector<WebhookResult> results;
  WebhookSender sender([&](const WebhookResult &r) {
    const std::lock_guard<std::mutex> lock(m);
    results.push_back(r);
  });
  test::HttpTestServer ok(200);
  test::HttpTestServer down(500);
  WebhookPolicy policy;
  policy.attempts = 2;
  policy.retry_delay_ms = 10;
  policy.timeout_ms = 2000;
  CHECK(sender.post({url_of(ok.url()), url_of(down.url())}, "emergency_call", "{}", policy) == 2);
  REQUIRE(sender.wait_idle(10000));
  {
    const std::lock_guard<std::mutex> lock(m);
    REQUIRE(results.size() == 2);
    CHECK(results[0].ok);
    CHECK(results[0].attempts == 1);
    CHECK_FALSE(results[1].ok);
    CHECK(results[1].attempts == 2);
    CHECK(results[1].status == 500);
  }
  CHECK(down.requests().size() == 2);
  sender.stop();
  CHECK(sender.post({url_of(ok.url())}, "emergency_call", "{}", policy) == 0);
  const std::lock_guard<std::mutex> lock(m);
  CHECK(results.back().error == "the module is stopping");
}

TEST_CASE("notification bodies carry who, where and when") {
  EmergencyEvent e;
  e.call_id = 12;
  e.dialled = "911";
  e.dn = "1001";
  e.device_id = "dev-1001";
  e.caller_name = "Ext \"1001\"";
  e.cesid = "6135550101";
  e.cesid_source = "table";
  e.time_unix_ms = 1700000000123;
  e.source_addr = "192.0.2.20";
  e.source_port = 5062;
  e.transport = "udp";
  CHECK(iso_time(e.time_unix_ms) == "2023-11-14T22:13:20.123Z");
  const std::string j = webhook_json(e);
  CHECK(
      j.find(
          R"("event":"emergency_call","call_id":12,"dialled":"911","dn":"1001","device":"dev-1001","name":"Ext \"1001\"","cesid":"6135550101","cesid_source":"table","time":"2023-11-14T22:13:20.123Z","time_unix":1700000000,"source_address":"192.0.2.20","source_port":5062)") !=
      std::string::npos);
  CHECK(outcome_json(e, "emergency_call_failed", 503, e.time_unix_ms).find(R"("status":503)") !=
        std::string::npos);
  CHECK(front_desk_text(e).find("EMERGENCY CALL: 911 dialled by DN 1001") == 0);
  CHECK(front_desk_text(e).find("CESID 6135550101") != std::string::npos);
  CHECK(front_desk_failure_text(e, 503).find("FAILED") != std::string::npos);
}
