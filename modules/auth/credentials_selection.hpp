// auth/credentials_selection.hpp: choosing the credentials meant for us among a request's headers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "digest_credentials.hpp"

namespace lineside::auth {

/// Most Authorization / Proxy-Authorization header values looked at per request.
inline constexpr size_t kMaxCredentialsHeaders = 8;

/// What the credentials headers of a request amount to.
struct CredentialsSelection {
  bool present = false;                         ///< at least one header was there
  std::optional<DigestCredentials> credentials; ///< the well-formed credentials to check
  std::string malformed_username;               ///< username named by a malformed header, if any
  std::string error;                            ///< why the headers were unusable (debug logs)
};

/// Pick the first well-formed Digest credentials for `realm`; failing that the first well-formed
/// ones (they will fail the realm check); failing that report the first malformed header.
[[nodiscard]] CredentialsSelection select_credentials(const std::vector<std::string_view> &values,
                                                      std::string_view realm);

}  // namespace lineside::auth
