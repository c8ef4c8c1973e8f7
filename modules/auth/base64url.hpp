// auth/base64url.hpp: unpadded base64url (RFC 4648 §5) encoding and strict decoding of byte strings.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lineside::auth {

/// Encode bytes as base64url without '=' padding.
[[nodiscard]] std::string base64url_encode(std::string_view bytes);

/// Decode unpadded base64url text; nullopt on any character outside the alphabet, on padding,
/// or on a length no encoder produces (a remainder of one character) or with non-zero spare bits.
[[nodiscard]] std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace lineside::auth
