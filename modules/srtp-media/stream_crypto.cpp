// srtp-media/stream_crypto.cpp: reading a=crypto lines of offers and answers.
#include "stream_crypto.hpp"

#include <algorithm>

#include "core/crypto_suite.hpp"

namespace lineside::media {
namespace {

/// The second field of "TAG SUITE KEY-PARAMS", or "" when there is none.
std::string_view suite_field(std::string_view value) {
  size_t i = value.find_first_not_of(" \t");
  if (i == std::string_view::npos) return {};
  i = value.find_first_of(" \t", i);
  if (i == std::string_view::npos) return {};
  i = value.find_first_not_of(" \t", i);
  if (i == std::string_view::npos) return {};
  const size_t end = value.find_first_of(" \t", i);
  return value.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
}

}  // namespace

OfferedCrypto read_offered_crypto(const SdpMedia &m) {
  OfferedCrypto out;
  const auto values = m.attributes("crypto");
  out.lines = values.size();
  if (values.size() > kMaxCryptoLines) {
    out.error = "too many a=crypto lines (" + std::to_string(values.size()) + ", at most " +
                std::to_string(kMaxCryptoLines) + ")";
    return out;
  }
  for (size_t i = 0; i < values.size(); ++i) {
    const std::string_view suite_text = suite_field(values[i]);
    if (!suite_text.empty()) {
      const auto suite = srtp::suite_from_name(suite_text);
      if (!suite || !srtp::suite_available(*suite)) continue;  // not ours: skipped
    }
    srtp::CryptoParse p = srtp::parse_crypto(values[i]);
    if (!p.attr) {
      out.error = "a=crypto line " + std::to_string(i + 1) + ": " + p.error;
      return out;
    }
    const uint32_t tag = p.attr->tag;
    if (std::any_of(out.usable.begin(), out.usable.end(),
                    [tag](const srtp::CryptoAttribute &a) { return a.tag == tag; })) {
      out.error = "a=crypto tag " + std::to_string(tag) + " appears twice";
      return out;
    }
    out.usable.push_back(std::move(*p.attr));
  }
  return out;
}

AnsweredCrypto read_answered_crypto(const SdpMedia &m) {
  AnsweredCrypto out;
  const auto values = m.attributes("crypto");
  if (values.empty()) return out;
  if (values.size() > 1) {
    out.error =
        "an answer must carry exactly one a=crypto line, got " + std::to_string(values.size());
    return out;
  }
  srtp::CryptoParse p = srtp::parse_crypto(values[0]);
  if (!p.attr) {
    out.error = "a=crypto: " + p.error;
    return out;
  }
  out.attr = std::move(p.attr);
  return out;
}

}  // namespace lineside::media
