// srtp-media/call_media_answer.cpp: an answer checked against what we offered, rewritten for the
// offering leg (our own fresh key if it offered SRTP), and the relay setup it commits.
#include <algorithm>

#include "call_media.hpp"
#include "codec_filter.hpp"
#include "sdp_rewrite.hpp"
#include "stream_crypto.hpp"

namespace lineside::media {
namespace {

/// "caller SRTP AES_CM_128_HMAC_SHA1_80 via port 20000" (never the key).
std::string leg_text(uint32_t leg, const std::optional<srtp::CryptoAttribute> &keys,
                     uint16_t port) {
  std::string text = leg == kCallerLeg ? "caller" : "callee " + std::to_string(leg - 1);
  text += keys ? std::string(" SRTP ") + srtp::suite_name(keys->suite) : std::string(" RTP");
  return text + " via port " + std::to_string(port);
}

}  // namespace

SdpVerdict CallMedia::direct_answer(const Exchange &ex, SdpSession &sdp) {
  if (sdp.media.size() != ex.streams.size()) {
    return refuse(488, "the answer has " + std::to_string(sdp.media.size()) +
                           " m-lines, the offer had " + std::to_string(ex.streams.size()));
  }
  for (size_t i = 0; i < sdp.media.size(); ++i) {
    SdpMedia &m = sdp.media[i];
    if (m.port != 0 && !filter_answer_codecs(m, ex.streams[i].sent)) {
      return refuse(
          488, "the answer's m-line " + std::to_string(i + 1) + " chose no codec that was offered");
    }
  }
  SdpVerdict v;
  v.body = sdp.to_string();
  return v;
}

SdpVerdict CallMedia::answer(uint32_t from, uint32_t to, std::string_view body,
                             const LegPolicy &to_policy) {
  heard_from(from);
  auto found = exchanges_.find({to, from});
  if (found == exchanges_.end()) return SdpVerdict{};  // never saw the offer: not ours to touch
  const Exchange &ex = found->second;
  SdpParse parsed = parse_sdp(body);
  if (!parsed.session) return refuse(488, "unreadable SDP answer: " + parsed.error);
  SdpSession &sdp = *parsed.session;
  if (ex.direct) return direct_answer(ex, sdp);
  if (sdp.media.size() != ex.streams.size()) {
    return refuse(488, "the answer has " + std::to_string(sdp.media.size()) +
                           " m-lines, the offer had " + std::to_string(ex.streams.size()));
  }
  const bool to_srtp_possible = to_policy.mode != SrtpMode::avp_only && to_policy.keys_allowed;
  RelayCommand command;
  command.call_id = call_id_;
  std::string summary;
  for (size_t i = 0; i < sdp.media.size(); ++i) {
    SdpMedia &m = sdp.media[i];
    const StreamPlan &plan = ex.streams[i];
    const std::string where = "answer m-line " + std::to_string(i + 1) + " (" + m.media + "): ";
    const StreamDescription answerer = describe_stream(sdp, i);
    if (!plan.anchored || answerer.rejected) {
      disable_media(m);
      continue;
    }
    if (answerer.family == 0) return refuse(488, where + "no usable IN IP4/IP6 c= line");
    if (answerer.family != settings_.family) {
      return refuse(488, where + "address family differs from the relay's");
    }
    if (!filter_answer_codecs(m, plan.sent)) {
      return refuse(488, where + "chose no codec that was offered");
    }
    AnsweredCrypto answered = read_answered_crypto(m);
    if (!answered.error.empty()) return refuse(488, where + answered.error);
    std::optional<srtp::CryptoAttribute> answerer_in;   // the answerer's key
    std::optional<srtp::CryptoAttribute> answerer_out;  // ours towards it
    if (answered.attr && !plan.answerer_offered_srtp) {
      // Some phones (baresip's "srtp") add a=crypto to an answer to a plain offer and then send
      // plain RTP, as they have no key of ours: the line is ignored; an RTP/SAVP answer is not.
      if (is_secure(answerer.profile))
        return refuse(488, where + "RTP/SAVP answer to a plain offer");
      answered.attr.reset();
    }
    if (answered.attr) {
      const auto sent = read_offered_crypto(plan.sent);
      const uint32_t tag = answered.attr->tag;
      auto ours = std::find_if(sent.usable.begin(), sent.usable.end(),
                               [tag](const srtp::CryptoAttribute &c) { return c.tag == tag; });
      if (ours == sent.usable.end() || ours->suite != answered.attr->suite) {
        return refuse(488, where + "a=crypto tag " + std::to_string(tag) +
                               " does not match an offered tag and suite");
      }
      answerer_in = answered.attr;
      answerer_out = *ours;
    } else if (plan.answerer_mandatory) {
      return refuse(488, where + "plain RTP answer from a leg where SRTP is mandatory");
    } else if (is_secure(answerer.profile)) {
      return refuse(488, where + "RTP/SAVP answer without a=crypto");
    }
    // The offering leg: SRTP if it offered keys, its mode allows it and keys may go to it.
    std::optional<srtp::CryptoAttribute> offerer_in;
    std::optional<srtp::CryptoAttribute> offerer_out;
    if (!plan.offerer_crypto.empty() && to_srtp_possible) {
      offerer_in = plan.offerer_crypto.front();
      offerer_out = our_key(to, i, offerer_in->suite, offerer_in->tag);
    } else if (plan.offerer_requires_srtp || to_policy.mode == SrtpMode::mandatory) {
      return refuse(488, where +
                             "the offering leg needs SRTP but keys may not be sent to it "
                             "(its signalling is not TLS, or SRTP is off for it)");
    }
    std::string error;
    auto offerer_setup = endpoint_setup(to, i, plan.offerer, plan.offerer.rtcp_mux, offerer_in,
                                        offerer_out, from, error);
    if (!offerer_setup) return refuse(488, where + "cannot key SRTP: " + error);
    auto answerer_setup =
        endpoint_setup(from, i, answerer, answerer.rtcp_mux && plan.offerer.rtcp_mux, answerer_in,
                       answerer_out, to, error);
    if (!answerer_setup) return refuse(488, where + "cannot key SRTP: " + error);
    command.endpoints.push_back(std::move(*offerer_setup));
    command.endpoints.push_back(std::move(*answerer_setup));
    MediaShape shape;
    shape.port = side(to, i).port;
    shape.profile = plan.offerer.profile;
    shape.secure = is_secure(plan.offerer.profile);
    shape.direction = answerer.effective;
    shape.rtcp_mux = plan.offerer.rtcp_mux;
    if (offerer_out) shape.crypto.push_back(*offerer_out);
    shape_media(m, shape);
    summary += (summary.empty() ? "" : "; ") + m.media + ": " +
               leg_text(to, offerer_in, shape.port) + " <-> " +
               leg_text(from, answerer_in, side(from, i).port);
  }
  rewrite_session(sdp, settings_.address, settings_.family);
  SdpVerdict v;
  v.body = sdp.to_string();
  if (!command.endpoints.empty()) v.command = std::move(command);
  v.summary = std::move(summary);
  return v;
}

}  // namespace lineside::media
