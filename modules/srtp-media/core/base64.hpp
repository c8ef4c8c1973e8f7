// srtp-media/core/base64.hpp: standard base64 (RFC 4648 §4) for SDES inline keys.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lineside::srtp {

/// Encode with the standard alphabet and '=' padding (what RFC 4568 inline keys carry).
[[nodiscard]] std::string base64_encode(std::span<const uint8_t> bytes);

/// Decode standard base64. Padding may be present (then it must be exactly right) or left out
/// (some phones drop it); nullopt on a character outside the alphabet, '=' anywhere but the end,
/// or a length no encoder produces. Spare low bits of the last character are ignored.
[[nodiscard]] std::optional<std::vector<uint8_t>> base64_decode(std::string_view text);

}  // namespace lineside::srtp
