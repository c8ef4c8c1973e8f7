// srtp-media/call_media.hpp: one call's offer/answer state on the SIP thread: which leg offered
// what, the relay ports of each leg, our own keys per leg, and the relay setup an answer commits.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/crypto_suite.hpp"
#include "core/sdes_attribute.hpp"
#include "port_pool.hpp"
#include "relay_update.hpp"
#include "sdp_session.hpp"
#include "srtp_policy.hpp"
#include "stream_description.hpp"

namespace lineside::media {

struct NegotiationSettings {
  std::string address;                    ///< relay address written into c= and o=
  int family = 0;                         ///< its family (AF_INET / AF_INET6)
  std::vector<srtp::Suite> suites;        ///< what we offer, preferred first
  std::vector<std::string> audio_codecs;  ///< encoding names an audio offer may keep
  bool direct_media = false;              ///< plain legs on both sides bypass the relay
};

/// Where relay ports come from (the module's PortPool; a fake in tests).
using PortSource = std::function<std::unique_ptr<RelayPorts>(std::string &error)>;

/// What the SDP hook does with one body.
struct SdpVerdict {
  bool refuse = false;
  uint32_t status = 488;                ///< when refused
  std::string reason;                   ///< why (for the log; never contains keys)
  std::optional<std::string> body;      ///< the body to send on (nullopt: leave it as it is)
  std::optional<RelayCommand> command;  ///< relay setup committed by an answer
  std::string summary;                  ///< what an answer set up, per stream (no keys)
};

class CallMedia {
 public:
  CallMedia(uint64_t call_id, const NegotiationSettings &settings, PortSource ports);

  /// An offer from leg `from` to leg `to` (legs: kCallerLeg, fork k = k + 1).
  SdpVerdict offer(uint32_t from, uint32_t to, std::string_view body, const LegPolicy &from_policy,
                   const LegPolicy &to_policy);
  /// The answer from leg `from` to the offer `to` made; `to_policy` is the offerer's, now with
  /// its signalling transport known.
  SdpVerdict answer(uint32_t from, uint32_t to, std::string_view body, const LegPolicy &to_policy);

  /// Remember which device a leg reaches (for picking the winner).
  void note_leg(uint32_t leg, const char *device_id);
  /// The call was answered by `device_id`: the B leg that answered last for that device wins;
  /// the other B legs' ports are given back. nullopt when the relay has nothing for this call.
  std::optional<RelayCommand> answered(const char *device_id);

  [[nodiscard]] uint64_t call_id() const { return call_id_; }
  /// True once some answer set the relay up for this call.
  [[nodiscard]] bool at_relay() const { return at_relay_; }
  /// Relay port pairs this call holds (on the SIP thread or at the relay).
  [[nodiscard]] size_t port_pairs() const;
  [[nodiscard]] uint32_t winner_leg() const { return winner_; }

 private:
  /// Our side of one stream towards one leg.
  struct StreamSide {
    std::unique_ptr<RelayPorts> ports;  ///< until the relay takes them
    uint16_t port = 0;                  ///< our RTP port for this leg (0: none yet)
    bool at_relay = false;
    std::vector<srtp::CryptoAttribute> our_keys;         ///< one per suite, made once per leg
    std::optional<srtp::CryptoAttribute> inbound_keys;   ///< committed: the leg's key
    std::optional<srtp::CryptoAttribute> outbound_keys;  ///< committed: ours towards it
  };
  struct Leg {
    std::string device_id;
    std::vector<StreamSide> streams;
  };
  /// One m-line of an offer in flight.
  struct StreamPlan {
    bool anchored = false;
    StreamDescription offerer;
    std::vector<srtp::CryptoAttribute> offerer_crypto;  ///< usable lines, offerer's order
    bool offerer_requires_srtp = false;                 ///< RTP/SAVP, or a mandatory device
    bool answerer_offered_srtp = false;                 ///< we sent a=crypto to the answerer
    bool answerer_mandatory = false;                    ///< we sent RTP/SAVP
    SdpMedia sent;                                      ///< the m-line the answerer got
  };
  struct Exchange {
    bool direct = false;
    std::vector<StreamPlan> streams;
  };

  SdpVerdict refuse(uint32_t status, std::string reason) const;
  /// An SDP came from `leg`: a callee that sends SDP last is the likely winner.
  void heard_from(uint32_t leg);
  StreamSide &side(uint32_t leg, size_t stream);
  /// Our RTP port for (leg, stream), allocating a pair the first time; false when none is free.
  bool ensure_ports(uint32_t leg, size_t stream, std::string &error);
  /// Our key of `suite` towards (leg, stream), made the first time, with `tag`.
  srtp::CryptoAttribute our_key(uint32_t leg, size_t stream, srtp::Suite suite, uint32_t tag);
  std::optional<SdpVerdict> direct_offer(uint32_t from, uint32_t to, SdpSession &sdp,
                                         const LegPolicy &from_policy, const LegPolicy &to_policy);
  SdpVerdict direct_answer(const Exchange &ex, SdpSession &sdp);
  /// The relay setup of (leg, stream) with these keys; SRTP contexts made only for new keys.
  std::optional<EndpointSetup> endpoint_setup(uint32_t leg, size_t stream,
                                              const StreamDescription &remote, bool rtcp_mux,
                                              const std::optional<srtp::CryptoAttribute> &in,
                                              const std::optional<srtp::CryptoAttribute> &out,
                                              uint32_t peer, std::string &error);

  uint64_t call_id_;
  const NegotiationSettings &settings_;
  PortSource ports_;
  std::map<uint32_t, Leg> legs_;
  std::map<std::pair<uint32_t, uint32_t>, Exchange> exchanges_;  ///< by (offerer, answerer)
  std::vector<uint32_t> callee_order_;  ///< B legs in the order their SDP arrived
  uint32_t winner_ = 0;
  bool at_relay_ = false;
};

}  // namespace lineside::media
