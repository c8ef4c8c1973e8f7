// srtp-media/codec_filter.hpp: codecs negotiated end to end: the offer keeps only the codecs the
// administrator allows, the answer only codecs that were offered.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sdp_session.hpp"

namespace lineside::media {

/// "pcmu/8000" for format `pt` of `m`: its a=rtpmap, else the RFC 3551 static table; "" when
/// unknown. Lower case, channels dropped.
[[nodiscard]] std::string encoding_of(const SdpMedia &m, std::string_view pt);

/// True for formats that carry no voice by themselves (telephone-event, comfort noise).
[[nodiscard]] bool is_auxiliary_encoding(std::string_view encoding);

/// Keeps the formats of an audio offer whose encoding name (case-insensitive, "PCMU") is in
/// `allowed`, with their rtpmap/fmtp/rtcp-fb lines; drops the others. False when no voice codec
/// is left (only telephone-event / CN, or nothing): the offer then gets 488.
bool filter_offer_codecs(SdpMedia &m, const std::vector<std::string> &allowed);

/// Keeps the formats of an answer whose encoding (name and clock rate) appears in `offered`
/// (the m-line we sent to the answerer). False when no voice codec is left.
bool filter_answer_codecs(SdpMedia &answer, const SdpMedia &offered);

}  // namespace lineside::media
