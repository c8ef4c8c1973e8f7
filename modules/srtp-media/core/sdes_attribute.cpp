// srtp-media/core/sdes_attribute.cpp: RFC 4568 §9.1 a=crypto grammar, checked field by field.
#include "core/sdes_attribute.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <stdexcept>

#include "core/base64.hpp"

namespace lineside::srtp {
namespace {

constexpr uint32_t kMaxTag = 999'999'999;
constexpr size_t kMaxEchoedChars = 40;

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

bool starts_with_ignoring_case(std::string_view text, std::string_view lower_prefix) {
  if (text.size() < lower_prefix.size()) return false;
  for (size_t i = 0; i < lower_prefix.size(); ++i) {
    if (ascii_lower(text[i]) != lower_prefix[i]) return false;
  }
  return true;
}

/// Peer text quoted in an error: printable ASCII only, bounded, so a hostile value cannot
/// flood or garble a log line. Only called on non-secret fields (suite, session parameter).
std::string quoted(std::string_view text) {
  std::string out = "'";
  for (char c : text.substr(0, kMaxEchoedChars)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  if (text.size() > kMaxEchoedChars) out += "...";
  return out + "'";
}

/// Splits on runs of SP/HTAB; at most `limit` fields are reported through `fields`.
size_t split_fields(std::string_view text, std::string_view *fields, size_t limit) {
  size_t count = 0;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_blank(text[i])) ++i;
    if (i == text.size()) break;
    size_t start = i;
    while (i < text.size() && !is_blank(text[i])) ++i;
    if (count < limit) fields[count] = text.substr(start, i - start);
    ++count;
  }
  return count;
}

/// Decimal digits only, value <= max; nullopt otherwise (no overflow on long digit strings).
std::optional<uint64_t> parse_decimal(std::string_view digits, uint64_t max) {
  if (digits.empty()) return std::nullopt;
  uint64_t value = 0;
  for (char c : digits) {
    if (!is_digit(c)) return std::nullopt;
    uint64_t digit = static_cast<uint64_t>(c - '0');
    if (value > (max - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

std::optional<uint64_t> parse_lifetime(std::string_view text, std::string &error) {
  if (text.starts_with("2^")) {
    auto exponent = parse_decimal(text.substr(2), 64);
    if (!exponent) {
      error = "key lifetime is not a number (expected 2^N or decimal)";
      return std::nullopt;
    }
    if (*exponent > 48) {
      error = "key lifetime 2^" + std::to_string(*exponent) + " exceeds the SRTP limit of 2^48";
      return std::nullopt;
    }
    return uint64_t{1} << *exponent;
  }
  bool all_digits = !text.empty();
  for (char c : text) all_digits = all_digits && is_digit(c);
  if (!all_digits) {
    error = "key lifetime is not a number (expected 2^N or decimal)";
    return std::nullopt;
  }
  auto value = parse_decimal(text, kMaxKeyLifetime);
  if (!value) {
    error = "key lifetime exceeds the SRTP limit of 2^48";
    return std::nullopt;
  }
  if (*value == 0) {
    error = "key lifetime must be at least 1";
    return std::nullopt;
  }
  return value;
}

/// "inline:KEY[|LIFETIME][|MKI:LEN]" into `attr`; false with `error` set on refusal.
bool parse_key_params(std::string_view params, CryptoAttribute &attr, std::string &error) {
  if (params.find(';') != std::string_view::npos) {
    error = "multiple key-params not supported (one inline key per a=crypto line)";
    return false;
  }
  constexpr std::string_view kInline = "inline:";  // key-method is case-insensitive ABNF
  if (!starts_with_ignoring_case(params, kInline)) {
    error = "key method must be inline:";
    return false;
  }
  std::string_view info = params.substr(kInline.size());
  std::string_view parts[3];
  size_t count = 0;
  while (true) {
    size_t bar = info.find('|');
    if (count == 3) {
      error = "key-info has too many '|' fields";
      return false;
    }
    parts[count++] = info.substr(0, bar);
    if (bar == std::string_view::npos) break;
    info.remove_prefix(bar + 1);
  }
  for (size_t i = 1; i < count; ++i) {
    if (parts[i].find(':') != std::string_view::npos) {
      error = "MKI not supported";
      return false;
    }
    if (i == 2) {
      error = "key-info has a second lifetime";
      return false;
    }
    auto lifetime = parse_lifetime(parts[i], error);
    if (!lifetime) return false;
    attr.lifetime = lifetime;
  }
  auto key = base64_decode(parts[0]);
  if (!key) {
    error = "inline key is not valid base64";
    return false;
  }
  size_t expected = master_key_salt_len(attr.suite);
  if (key->size() != expected) {
    error = "inline key is " + std::to_string(key->size()) + " bytes, " + suite_name(attr.suite) +
            " needs " + std::to_string(expected);
    OPENSSL_cleanse(key->data(), key->size());
    return false;
  }
  attr.key_salt = std::move(*key);
  return true;
}

CryptoParse refuse(std::string error) {
  return CryptoParse{std::nullopt, std::move(error)};
}

}  // namespace

CryptoParse parse_crypto(std::string_view value) {
  if (value.size() > kMaxCryptoValueLen) {
    return refuse("a=crypto value longer than " + std::to_string(kMaxCryptoValueLen) + " bytes");
  }
  while (!value.empty() &&
         (is_blank(value.back()) || value.back() == '\r' || value.back() == '\n')) {
    value.remove_suffix(1);
  }
  std::string_view fields[4];
  size_t count = split_fields(value, fields, 4);
  if (count == 0) return refuse("empty a=crypto value");
  if (count == 1) return refuse("a=crypto has no crypto-suite");
  if (count == 2) return refuse("a=crypto has no key-params");
  if (count > 3) {
    std::string_view name = fields[3].substr(0, fields[3].find('='));
    return refuse("session parameters not supported (" + quoted(name) + ")");
  }

  CryptoAttribute attr;
  auto tag = fields[0].size() <= 9 ? parse_decimal(fields[0], kMaxTag) : std::nullopt;
  if (!tag || *tag == 0) return refuse("tag must be a number from 1 to 999999999");
  attr.tag = static_cast<uint32_t>(*tag);

  auto suite = suite_from_name(fields[1]);
  if (!suite) return refuse("unknown crypto-suite " + quoted(fields[1]));
  if (!suite_available(*suite)) {
    return refuse(std::string(suite_name(*suite)) + " is not available in this libsrtp2 build");
  }
  attr.suite = *suite;

  std::string error;
  if (!parse_key_params(fields[2], attr, error)) return refuse(std::move(error));
  return CryptoParse{std::move(attr), {}};
}

std::string format_crypto(const CryptoAttribute &attr) {
  std::string out = std::to_string(attr.tag) + " " + suite_name(attr.suite) +
                    " inline:" + base64_encode(attr.key_salt);
  if (attr.lifetime) {
    uint64_t lifetime = *attr.lifetime;
    bool power_of_two = lifetime != 0 && (lifetime & (lifetime - 1)) == 0;
    if (power_of_two) {
      int exponent = 0;
      while ((uint64_t{1} << exponent) != lifetime) ++exponent;
      out += "|2^" + std::to_string(exponent);
    } else {
      out += "|" + std::to_string(lifetime);
    }
  }
  return out;
}

CryptoAttribute generate_crypto(uint32_t tag, Suite suite) {
  CryptoAttribute attr;
  attr.tag = tag;
  attr.suite = suite;
  attr.key_salt.resize(master_key_salt_len(suite));
  if (RAND_bytes(attr.key_salt.data(), static_cast<int>(attr.key_salt.size())) != 1) {
    throw std::runtime_error("OpenSSL RAND_bytes failed: no SRTP key generated");
  }
  return attr;
}

}  // namespace lineside::srtp
