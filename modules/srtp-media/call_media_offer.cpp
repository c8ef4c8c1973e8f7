// srtp-media/call_media_offer.cpp: an offer from one leg rewritten for the other: relay ports,
// the receiving leg's profile and our fresh keys; what the offering leg may and must do checked.
#include <algorithm>

#include "call_media.hpp"
#include "codec_filter.hpp"
#include "sdp_rewrite.hpp"
#include "stream_crypto.hpp"

namespace lineside::media {
namespace {

bool offers_plain_only(const SdpSession &sdp) {
  for (size_t i = 0; i < sdp.media.size(); ++i) {
    const SdpMedia &m = sdp.media[i];
    if (is_secure(profile_from_proto(m.proto)) || m.attribute("crypto")) return false;
  }
  return true;
}

bool receiver_gets_plain(const LegPolicy &p) {
  return p.mode == SrtpMode::avp_only || (p.mode == SrtpMode::optional && !p.keys_allowed);
}

}  // namespace

std::optional<SdpVerdict> CallMedia::direct_offer(uint32_t from, uint32_t to, SdpSession &sdp,
                                                  const LegPolicy &from_policy,
                                                  const LegPolicy &to_policy) {
  if (!settings_.direct_media || at_relay_ || from_policy.mode == SrtpMode::mandatory ||
      !offers_plain_only(sdp) || !receiver_gets_plain(to_policy)) {
    return std::nullopt;
  }
  Exchange ex;
  ex.direct = true;
  for (auto &m : sdp.media) {
    if (m.media == "audio" && m.port != 0 && !filter_offer_codecs(m, settings_.audio_codecs)) {
      return refuse(488, "no common codec: the offer has none of " +
                             std::to_string(settings_.audio_codecs.size()) + " allowed codecs");
    }
    StreamPlan plan;
    plan.sent = m;
    ex.streams.push_back(std::move(plan));
  }
  exchanges_[{from, to}] = std::move(ex);
  SdpVerdict v;
  v.body = sdp.to_string();
  return v;
}

SdpVerdict CallMedia::offer(uint32_t from, uint32_t to, std::string_view body,
                            const LegPolicy &from_policy, const LegPolicy &to_policy) {
  heard_from(from);
  SdpParse parsed = parse_sdp(body);
  if (!parsed.session) return refuse(488, "unreadable SDP offer: " + parsed.error);
  SdpSession &sdp = *parsed.session;
  if (auto direct = direct_offer(from, to, sdp, from_policy, to_policy)) return std::move(*direct);
  const bool to_srtp = to_policy.mode != SrtpMode::avp_only && to_policy.keys_allowed;
  if (to_policy.mode == SrtpMode::mandatory && !to_policy.keys_allowed) {
    return refuse(488,
                  "SRTP is mandatory for the called leg but its signalling is not TLS "
                  "(keys are only sent over TLS)");
  }
  Exchange ex;
  for (size_t i = 0; i < sdp.media.size(); ++i) {
    SdpMedia &m = sdp.media[i];
    StreamPlan plan;
    plan.offerer = describe_stream(sdp, i);
    const std::string where = "m-line " + std::to_string(i + 1) + " (" + m.media + "): ";
    if (!plan.offerer.anchorable || plan.offerer.rejected) {
      disable_media(m);
      plan.sent = m;
      ex.streams.push_back(std::move(plan));
      continue;
    }
    if (plan.offerer.family == 0) return refuse(488, where + "no usable IN IP4/IP6 c= line");
    if (plan.offerer.family != settings_.family) {
      return refuse(488, where + "address family differs from the relay's");
    }
    OfferedCrypto crypto = read_offered_crypto(m);
    if (!crypto.error.empty()) return refuse(488, where + crypto.error);
    const bool savp = is_secure(plan.offerer.profile);
    if (savp && crypto.lines == 0) return refuse(488, where + "RTP/SAVP without a=crypto");
    if (savp && from_policy.mode == SrtpMode::avp_only) {
      return refuse(488, where +
                             "the offering device is AVP only (or SRTP is off) but offered "
                             "RTP/SAVP");
    }
    if (from_policy.mode == SrtpMode::mandatory && crypto.lines == 0) {
      return refuse(488, where +
                             "SRTP is mandatory for the offering device but its offer has "
                             "no a=crypto");
    }
    plan.offerer_requires_srtp = savp || from_policy.mode == SrtpMode::mandatory;
    if (from_policy.mode != SrtpMode::avp_only) plan.offerer_crypto = std::move(crypto.usable);
    if (plan.offerer_requires_srtp && plan.offerer_crypto.empty()) {
      return refuse(488, where + "none of the offered crypto suites is supported");
    }
    if (plan.offerer_requires_srtp && !from_policy.keys_allowed) {
      // Refused before anything rings: the answer would have to carry our key back in clear.
      return refuse(488, where +
                             "the offering leg needs SRTP but its signalling is not TLS (keys "
                             "are only sent over TLS)");
    }
    if (m.media == "audio" && !filter_offer_codecs(m, settings_.audio_codecs)) {
      return refuse(488, where + "no common codec (none of the offered codecs is allowed)");
    }
    std::string error;
    if (!ensure_ports(from, i, error) || !ensure_ports(to, i, error)) return refuse(503, error);
    MediaShape shape;
    shape.port = side(to, i).port;
    shape.profile = plan.offerer.profile;
    shape.secure = to_srtp && to_policy.mode == SrtpMode::mandatory;
    shape.direction = plan.offerer.effective;
    shape.rtcp_mux = plan.offerer.rtcp_mux;
    if (to_srtp) {
      uint32_t tag = 1;
      for (srtp::Suite suite : settings_.suites)
        shape.crypto.push_back(our_key(to, i, suite, tag++));
    }
    plan.answerer_offered_srtp = !shape.crypto.empty();
    plan.answerer_mandatory = shape.secure;
    plan.anchored = true;
    shape_media(m, shape);
    plan.sent = m;
    ex.streams.push_back(std::move(plan));
  }
  rewrite_session(sdp, settings_.address, settings_.family);
  exchanges_[{from, to}] = std::move(ex);
  SdpVerdict v;
  v.body = sdp.to_string();
  return v;
}

}  // namespace lineside::media
