// srtp-media/call_media.cpp: a call's legs, ports, keys, relay endpoint setups and the winner.
#include "call_media.hpp"

#include <algorithm>

namespace lineside::media {
namespace {

bool same_keys(const std::optional<srtp::CryptoAttribute> &a,
               const std::optional<srtp::CryptoAttribute> &b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a) return true;
  return a->suite == b->suite && a->key_salt == b->key_salt && a->lifetime == b->lifetime;
}

std::unique_ptr<srtp::SrtpStream> make_stream(const std::optional<srtp::CryptoAttribute> &keys,
                                              srtp::Direction direction, std::string &error) {
  if (!keys) return nullptr;
  return srtp::SrtpStream::create(*keys, direction, error);
}

SocketAddress address_of(const std::string &address, uint16_t port, bool null_address) {
  if (null_address || port == 0) return {};
  return SocketAddress::from_numeric(address, port).value_or(SocketAddress());
}

}  // namespace

CallMedia::CallMedia(uint64_t call_id, const NegotiationSettings &settings, PortSource ports)
    : call_id_(call_id), settings_(settings), ports_(std::move(ports)) {}

SdpVerdict CallMedia::refuse(uint32_t status, std::string reason) const {
  SdpVerdict v;
  v.refuse = true;
  v.status = status;
  v.reason = std::move(reason);
  return v;
}

CallMedia::StreamSide &CallMedia::side(uint32_t leg, size_t stream) {
  Leg &l = legs_[leg];
  if (l.streams.size() <= stream) l.streams.resize(stream + 1);
  return l.streams[stream];
}

bool CallMedia::ensure_ports(uint32_t leg, size_t stream, std::string &error) {
  StreamSide &s = side(leg, stream);
  if (s.port) return true;
  s.ports = ports_(error);
  if (!s.ports) return false;
  s.port = s.ports->port();
  return true;
}

srtp::CryptoAttribute CallMedia::our_key(uint32_t leg, size_t stream, srtp::Suite suite,
                                         uint32_t tag) {
  StreamSide &s = side(leg, stream);
  auto it = std::find_if(s.our_keys.begin(), s.our_keys.end(),
                         [suite](const srtp::CryptoAttribute &k) { return k.suite == suite; });
  if (it == s.our_keys.end()) {
    s.our_keys.push_back(srtp::generate_crypto(tag, suite));
    it = s.our_keys.end() - 1;
  }
  srtp::CryptoAttribute key = *it;
  key.tag = tag;
  return key;
}

std::optional<EndpointSetup> CallMedia::endpoint_setup(
    uint32_t leg, size_t stream, const StreamDescription &remote, bool rtcp_mux,
    const std::optional<srtp::CryptoAttribute> &in, const std::optional<srtp::CryptoAttribute> &out,
    uint32_t peer, std::string &error) {
  StreamSide &s = side(leg, stream);
  EndpointSetup e;
  e.leg = leg;
  e.stream = static_cast<uint32_t>(stream);
  e.remote_rtp = address_of(remote.address, remote.rtp_port, remote.null_address);
  e.remote_rtcp = address_of(remote.rtcp_address, remote.rtcp_port, remote.null_address);
  e.rtcp_mux = rtcp_mux;
  e.send_to_leg = wants_to_receive(remote.effective) && !e.remote_rtp.empty();
  e.leg_sends = will_send(remote.effective);
  e.peer_leg = peer;
  if (!same_keys(s.inbound_keys, in)) {
    e.replace_inbound = true;
    e.inbound = make_stream(in, srtp::Direction::inbound, error);
    if (in && !e.inbound) return std::nullopt;
  }
  if (!same_keys(s.outbound_keys, out)) {
    e.replace_outbound = true;
    e.outbound = make_stream(out, srtp::Direction::outbound, error);
    if (out && !e.outbound) return std::nullopt;
  }
  // Committed only once every context exists: a failure leaves the previous state alone.
  s.inbound_keys = in;
  s.outbound_keys = out;
  if (!s.at_relay) {
    e.ports = std::move(s.ports);
    s.at_relay = true;
  }
  at_relay_ = true;
  return e;
}

void CallMedia::note_leg(uint32_t leg, const char *device_id) {
  if (device_id) legs_[leg].device_id = device_id;
}

void CallMedia::heard_from(uint32_t leg) {
  if (leg == kCallerLeg) return;
  std::erase(callee_order_, leg);
  callee_order_.push_back(leg);
}

std::optional<RelayCommand> CallMedia::answered(const char *device_id) {
  if (callee_order_.empty()) {  // no SDP from any callee: the only B leg we know, if any
    for (const auto &[leg, l] : legs_) {
      if (leg != kCallerLeg) callee_order_.push_back(leg);
    }
    if (callee_order_.size() != 1) return std::nullopt;
  }
  winner_ = callee_order_.back();
  if (device_id) {
    for (auto it = callee_order_.rbegin(); it != callee_order_.rend(); ++it) {
      if (legs_[*it].device_id == device_id) {
        winner_ = *it;
        break;
      }
    }
  }
  for (auto it = legs_.begin(); it != legs_.end();) {
    it = (it->first == kCallerLeg || it->first == winner_) ? std::next(it) : legs_.erase(it);
  }
  std::erase_if(exchanges_, [this](const auto &kv) {
    const auto [offerer, answerer] = kv.first;
    return (offerer != kCallerLeg && offerer != winner_) ||
           (answerer != kCallerLeg && answerer != winner_);
  });
  callee_order_ = {winner_};
  if (!at_relay_) return std::nullopt;
  RelayCommand c;
  c.kind = RelayCommand::Kind::answered;
  c.call_id = call_id_;
  c.winner_leg = winner_;
  return c;
}

size_t CallMedia::port_pairs() const {
  size_t n = 0;
  for (const auto &[leg, l] : legs_) {
    for (const auto &s : l.streams) n += s.port ? 1 : 0;
  }
  return n;
}

}  // namespace lineside::media
