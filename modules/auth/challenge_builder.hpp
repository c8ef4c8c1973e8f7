// auth/challenge_builder.hpp: the WWW-Authenticate / Proxy-Authenticate headers of a challenge.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "digest_algorithm.hpp"
#include "lineside/plugin.hpp"

namespace lineside::auth {

/// One challenge header value: Digest realm="R", nonce="N", algorithm=A, qop="auth"[, stale=true].
[[nodiscard]] std::string challenge_value(DigestAlgorithm algorithm, std::string_view realm,
                                          std::string_view nonce, bool stale);

/// One header per algorithm, in the given (preference) order (RFC 8760 §2.4), named
/// WWW-Authenticate for a 401 or Proxy-Authenticate for a 407.
[[nodiscard]] std::vector<Header> challenge_headers(const std::vector<DigestAlgorithm> &algorithms,
                                                    std::string_view realm,
                                                    std::string_view nonce, bool stale,
                                                    bool proxy);

}  // namespace lineside::auth
