// bench/media/ng_setup.cpp: setting the benchmark calls up through rtpengine with its NG protocol
// (bencode over UDP): "offer" with A's SRTP SDP turned into plain RTP/AVP for B, "answer" with B's
// plain SDP turned back into SRTP for A, "delete" at the end.
#include <chrono>

#include "bencode.hpp"
#include "call_plan.hpp"
#include "sdp_text.hpp"
#include "udp_socket.hpp"

namespace lineside::bench {
namespace {

class RtpengineSetup final : public CallSetup {
 public:
  explicit RtpengineSetup(const LoadOptions &o)
      : sock_(0, 4 << 20), server_(loopback(o.control_port, o.server)) {}

  std::string setup(std::vector<CallPlan> &plans, uint16_t a_port, uint16_t b_port) override {
    for (CallPlan &p : plans) {
      const std::string id = std::to_string(p.index);
      BencodeDict offer;
      offer.add("command", "offer")
          .add("call-id", "bench-" + id)
          .add("from-tag", "a" + id)
          .add("sdp", phone_sdp(p.index, a_port, &p.a_key))
          .add("transport-protocol", "RTP/AVP")
          .add("replace", std::vector<std::string>{"origin", "session-connection"})
          .add("ICE", "remove");
      auto to_b = command(offer, id);
      if (!to_b) return "rtpengine refused the offer of call " + id;
      p.relay_port_for_b = sdp_audio_port(*to_b);
      BencodeDict answer;
      answer.add("command", "answer")
          .add("call-id", "bench-" + id)
          .add("from-tag", "a" + id)
          .add("to-tag", "b" + id)
          .add("sdp", phone_sdp(p.index, b_port, nullptr))
          .add("replace", std::vector<std::string>{"origin", "session-connection"})
          .add("ICE", "remove");
      auto to_a = command(answer, id);
      if (!to_a) return "rtpengine refused the answer of call " + id;
      p.relay_port_for_a = sdp_audio_port(*to_a);
      p.relay_key_for_a = sdp_crypto(*to_a);
      if (!p.relay_key_for_a) return "rtpengine's answer for A has no usable a=crypto: " + *to_a;
    }
    return {};
  }

  void teardown(const std::vector<CallPlan> &plans) override {
    for (const CallPlan &p : plans) {
      const std::string id = std::to_string(p.index);
      BencodeDict del;
      del.add("command", "delete").add("call-id", "bench-" + id).add("from-tag", "a" + id);
      command(del, id);
    }
  }

 private:
  /// Send one command and return the reply's "sdp" (or "" for a reply without one).
  std::optional<std::string> command(const BencodeDict &d, const std::string &id) {
    const std::string cookie = "c" + id + "-" + std::to_string(++seq_);
    for (int attempt = 0; attempt < 3; ++attempt) {
      sock_.send_to(cookie + " " + d.encoded(), server_);
      const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
      while (std::chrono::steady_clock::now() < until) {
        const std::string reply = sock_.receive(200);
        if (reply.rfind(cookie + " ", 0) != 0) continue;
        const std::string_view dict = std::string_view(reply).substr(cookie.size() + 1);
        if (bencode_string(dict, "result").value_or("") != "ok") return std::nullopt;
        return bencode_string(dict, "sdp").value_or("");
      }
    }
    return std::nullopt;
  }

  UdpSocket sock_;
  sockaddr_in server_;
  unsigned seq_ = 0;
};

}  // namespace

std::unique_ptr<CallSetup> rtpengine_setup(const LoadOptions &o) {
  return std::make_unique<RtpengineSetup>(o);
}

}  // namespace lineside::bench
