// bench/media/sip_setup.cpp: setting the benchmark calls up through Lineside with two minimal SIP
// phones on UDP (devices with authentication off): REGISTER both, INVITE N times (a window of
// them in flight), answer each INVITE at the callee, ACK; BYE at the end.
#include <poll.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <string_view>

#include "call_plan.hpp"
#include "sdp_text.hpp"
#include "udp_socket.hpp"

namespace lineside::bench {
namespace {

constexpr unsigned kWindow = 32;
constexpr int kSetupSeconds = 120;

/// The value of header `name` (or its compact form) in a SIP message, "" when absent.
std::string header(std::string_view msg, std::string_view name, std::string_view compact) {
  size_t pos = msg.find("\r\n");
  while (pos != std::string_view::npos && pos + 2 < msg.size()) {
    const size_t start = pos + 2;
    const size_t end = msg.find("\r\n", start);
    if (end == start) break;  // end of headers
    const std::string_view line = msg.substr(start, end - start);
    const size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      std::string_view n = line.substr(0, colon);
      while (!n.empty() && n.back() == ' ') n.remove_suffix(1);
      auto same = [](std::string_view a, std::string_view b) {
        if (a.size() != b.size()) return false;
        for (size_t i = 0; i < a.size(); ++i) {
          if (std::tolower(static_cast<unsigned char>(a[i])) !=
              std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
          }
        }
        return true;
      };
      if (same(n, name) || same(n, compact)) {
        std::string_view v = line.substr(colon + 1);
        while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
        return std::string(v);
      }
    }
    pos = end;
  }
  return {};
}

/// Every header line named `name` (Via may come several times), each with its CRLF.
std::string header_lines(std::string_view msg, std::string_view name) {
  std::string out;
  size_t pos = 0;
  while ((pos = msg.find("\r\n", pos)) != std::string_view::npos) {
    pos += 2;
    if (msg.compare(pos, name.size(), name) == 0 && pos + name.size() < msg.size() &&
        (msg[pos + name.size()] == ':' || msg[pos + name.size()] == ' ')) {
      const size_t end = msg.find("\r\n", pos);
      out += std::string(msg.substr(pos, end - pos)) + "\r\n";
    }
  }
  return out;
}

std::string body(std::string_view msg) {
  const size_t sep = msg.find("\r\n\r\n");
  return sep == std::string_view::npos ? std::string() : std::string(msg.substr(sep + 4));
}

std::string uri_of(const std::string &contact) {
  const size_t open = contact.find('<');
  const size_t close = contact.find('>');
  if (open == std::string::npos || close == std::string::npos) return contact;
  return contact.substr(open + 1, close - open - 1);
}

struct Phone {
  UdpSocket sock;
  std::string user;
  std::string contact() const {
    return "<sip:" + user + "@127.0.0.1:" + std::to_string(sock.port()) + ">";
  }
  std::string via(const std::string &branch) const {
    return "Via: SIP/2.0/UDP 127.0.0.1:" + std::to_string(sock.port()) + ";branch=z9hG4bK" +
           branch + ";rport\r\n";
  }
};

std::string request(const Phone &from, const std::string &method, const std::string &ruri,
                    const std::string &to, const std::string &call_id, const std::string &from_tag,
                    int cseq, const std::string &branch, const std::string &content = "") {
  std::string m = method + " " + ruri + " SIP/2.0\r\n" + from.via(branch) + "Max-Forwards: 70\r\n" +
                  "From: <sip:" + from.user + "@pbx.test>;tag=" + from_tag + "\r\nTo: " + to +
                  "\r\n" + "Call-ID: " + call_id + "\r\nCSeq: " + std::to_string(cseq) + " " +
                  method + "\r\n" + "Contact: " + from.contact() + "\r\n";
  if (method == "REGISTER") m += "Expires: 3600\r\n";
  if (!content.empty()) m += "Content-Type: application/sdp\r\n";
  return m + "Content-Length: " + std::to_string(content.size()) + "\r\n\r\n" + content;
}

bool do_register(const Phone &p, const sockaddr_in &server) {
  const std::string reg = request(p, "REGISTER", "sip:pbx.test", "<sip:" + p.user + "@pbx.test>",
                                  "reg-" + p.user + "@bench", "r" + p.user, 1, "reg" + p.user);
  for (int attempt = 0; attempt < 5; ++attempt) {
    p.sock.send_to(reg, server);
    const std::string r = p.sock.receive(1000);
    if (r.rfind("SIP/2.0 200", 0) == 0) return true;
  }
  return false;
}

/// The callee: answers INVITEs (retransmissions too) with its plain SDP; learns B's relay port.
void callee_handle(const Phone &b, const std::string &msg, const sockaddr_in &from, uint16_t b_port,
                   std::vector<CallPlan> &plans, unsigned &answered) {
  if (msg.rfind("INVITE ", 0) == 0) {
    const std::string offer = body(msg);
    const auto index = sdp_session_id(offer);
    if (!index || *index >= plans.size()) return;
    CallPlan &plan = plans[*index];
    if (plan.relay_port_for_b == 0) ++answered;
    plan.relay_port_for_b = sdp_audio_port(offer);
    const std::string answer = phone_sdp(*index, b_port, nullptr);
    const std::string resp =
        "SIP/2.0 200 OK\r\n" + header_lines(msg, "Via") + "From: " + header(msg, "From", "f") +
        "\r\nTo: " + header(msg, "To", "t") + ";tag=b" + std::to_string(*index) +
        "\r\nCall-ID: " + header(msg, "Call-ID", "i") + "\r\nCSeq: " + header(msg, "CSeq", "") +
        "\r\nContact: " + b.contact() +
        "\r\nContent-Type: application/sdp\r\nContent-Length: " + std::to_string(answer.size()) +
        "\r\n\r\n" + answer;
    b.sock.send_to(resp, from);
  } else if (msg.rfind("BYE ", 0) == 0) {
    const std::string resp =
        "SIP/2.0 200 OK\r\n" + header_lines(msg, "Via") + "From: " + header(msg, "From", "f") +
        "\r\nTo: " + header(msg, "To", "t") + "\r\nCall-ID: " + header(msg, "Call-ID", "i") +
        "\r\nCSeq: " + header(msg, "CSeq", "") + "\r\nContent-Length: 0\r\n\r\n";
    b.sock.send_to(resp, from);
  }
}

class LinesideSetup final : public CallSetup {
 public:
  explicit LinesideSetup(const LoadOptions &o)
      : o_(o),
        a_{UdpSocket(0, 4 << 20), o.caller},
        b_{UdpSocket(0, 4 << 20), o.callee},
        server_(loopback(o.control_port, o.server)) {}

  std::string setup(std::vector<CallPlan> &plans, uint16_t a_port, uint16_t b_port) override {
    if (!do_register(a_, server_) || !do_register(b_, server_))
      return "REGISTER was not answered 200";
    b_port_ = b_port;
    unsigned sent = 0, established = 0, answered = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kSetupSeconds);
    auto invite = [&](uint32_t i) {
      const std::string sdp = phone_sdp(i, a_port, &plans[i].a_key);
      a_.sock.send_to(request(a_, "INVITE", "sip:" + o_.callee + "@pbx.test",
                              "<sip:" + o_.callee + "@pbx.test>", "bench-" + std::to_string(i),
                              "a" + std::to_string(i), 1, "inv" + std::to_string(i), sdp),
                      server_);
    };
    while (established < plans.size() || answered < plans.size()) {
      if (std::chrono::steady_clock::now() > deadline) {
        return "setup timed out: " + std::to_string(established) + " of " +
               std::to_string(plans.size()) + " calls answered";
      }
      while (sent < plans.size() && sent - established < kWindow) invite(sent++);
      pollfd fds[2] = {{a_.sock.fd(), POLLIN, 0}, {b_.sock.fd(), POLLIN, 0}};
      if (::poll(fds, 2, 500) == 0) {  // lost on the way: send what is missing again
        for (uint32_t i = 0; i < sent; ++i) {
          if (plans[i].relay_port_for_a == 0) invite(i);
        }
        continue;
      }
      if (fds[1].revents) serve_callee(plans, &answered);
      if (fds[0].revents) {
        sockaddr_in from{};
        const std::string msg = a_.sock.receive(0, &from);
        if (msg.rfind("SIP/2.0 4", 0) == 0 || msg.rfind("SIP/2.0 5", 0) == 0) {
          return "INVITE refused: " + msg.substr(0, msg.find("\r\n"));
        }
        if (msg.rfind("SIP/2.0 200", 0) != 0 ||
            header(msg, "CSeq", "").find("INVITE") == std::string::npos) {
          continue;
        }
        const std::string call_id = header(msg, "Call-ID", "i");
        const uint32_t i = static_cast<uint32_t>(std::strtoul(call_id.c_str() + 6, nullptr, 10));
        if (i >= plans.size()) continue;
        const std::string answer = body(msg);
        const std::string to = header(msg, "To", "t");
        const std::string contact = uri_of(header(msg, "Contact", "m"));
        if (plans[i].relay_port_for_a == 0) ++established;
        plans[i].relay_port_for_a = sdp_audio_port(answer);
        plans[i].relay_key_for_a = sdp_crypto(answer);
        dialogs_[i] = {to, contact};
        a_.sock.send_to(request(a_, "ACK", contact, to, call_id, "a" + std::to_string(i), 1,
                                "ack" + std::to_string(i)),
                        server_);
      }
    }
    return {};
  }

  void teardown(const std::vector<CallPlan> &plans) override {
    size_t ended = 0;
    for (const auto &plan : plans) {
      auto it = dialogs_.find(plan.index);
      if (it == dialogs_.end()) continue;
      a_.sock.send_to(
          request(a_, "BYE", it->second.second, it->second.first,
                  "bench-" + std::to_string(plan.index), "a" + std::to_string(plan.index), 2,
                  "bye" + std::to_string(plan.index)),
          server_);
      if (++ended % kWindow == 0) drain(50);
    }
    drain(1000);
  }

 private:
  void serve_callee(std::vector<CallPlan> &plans, unsigned *answered) {
    sockaddr_in from{};
    const std::string msg = b_.sock.receive(0, &from);
    unsigned ignored = 0;
    callee_handle(b_, msg, from, b_port_, plans, answered ? *answered : ignored);
  }
  /// Answer the callee's BYEs and swallow the caller's 200s for `ms`.
  void drain(int ms) {
    std::vector<CallPlan> none;
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < until) {
      pollfd fds[2] = {{a_.sock.fd(), POLLIN, 0}, {b_.sock.fd(), POLLIN, 0}};
      if (::poll(fds, 2, 20) <= 0) continue;
      if (fds[0].revents) a_.sock.receive(0);
      if (fds[1].revents) serve_callee(none, nullptr);
    }
  }

  LoadOptions o_;
  Phone a_;
  Phone b_;
  sockaddr_in server_;
  uint16_t b_port_ = 0;
  std::map<uint32_t, std::pair<std::string, std::string>> dialogs_;  ///< index -> (To, Contact)
};

}  // namespace

std::unique_ptr<CallSetup> lineside_setup(const LoadOptions &o) {
  return std::make_unique<LinesideSetup>(o);
}

}  // namespace lineside::bench
