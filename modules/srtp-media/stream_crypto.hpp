// srtp-media/stream_crypto.hpp: the a=crypto lines of one m-line, read with the limits and rules
// of RFC 4568 (several in an offer, exactly one in an answer).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/sdes_attribute.hpp"
#include "sdp_session.hpp"

namespace lineside::media {

/// More a=crypto lines than this in one m-line is hostile: the SDP is refused.
inline constexpr size_t kMaxCryptoLines = 16;

/// The crypto offered in one m-line.
struct OfferedCrypto {
  size_t lines = 0;                           ///< a=crypto lines present
  std::vector<srtp::CryptoAttribute> usable;  ///< parsed, of a suite this process can key
  std::string error;                          ///< set: refuse the SDP (488)
};

/// Lines naming a suite we do not know or cannot key are skipped (RFC 4568 §7.1.1: the answerer
/// picks one it supports). A line with a known suite that does not parse (bad base64, wrong
/// key length, MKI, lifetime out of range, missing fields), a duplicate tag, or more than
/// kMaxCryptoLines lines is an error.
[[nodiscard]] OfferedCrypto read_offered_crypto(const SdpMedia &m);

/// The crypto in one answer m-line: none, or exactly one parsed line.
struct AnsweredCrypto {
  std::optional<srtp::CryptoAttribute> attr;
  std::string error;  ///< set: the answer is refused
};

[[nodiscard]] AnsweredCrypto read_answered_crypto(const SdpMedia &m);

}  // namespace lineside::media
