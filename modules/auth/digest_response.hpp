// auth/digest_response.hpp: the digest computations of RFC 2617 / RFC 7616 (HA1, HA2, response).
#pragma once

#include <string>
#include <string_view>

#include "digest_algorithm.hpp"

namespace lineside::auth {

/// What the expected response of a qop=auth answer depends on. Views borrow the caller's strings.
struct DigestResponseInputs {
  DigestAlgorithm algorithm = DigestAlgorithm::md5;
  std::string_view ha1;    ///< lowercase hex H(username:realm:password)
  std::string_view method; ///< request method ("REGISTER")
  std::string_view uri;    ///< digest-uri exactly as the client sent it
  std::string_view nonce;  ///< server nonce as sent
  std::string_view nc;     ///< nonce-count exactly as the client sent it ("00000001")
  std::string_view cnonce; ///< client nonce
  std::string_view qop;    ///< "auth"
};

/// H(username:realm:password) as lowercase hex (what the directory stores as HA1).
[[nodiscard]] std::string compute_ha1(DigestAlgorithm algorithm, std::string_view username,
                                      std::string_view realm, std::string_view password);

/// The expected response: H(HA1:nonce:nc:cnonce:qop:H(method:uri)), lowercase hex.
[[nodiscard]] std::string compute_response(const DigestResponseInputs &inputs);

}  // namespace lineside::auth
