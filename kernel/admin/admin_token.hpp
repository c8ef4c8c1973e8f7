// admin/admin_token.hpp: the admin API bearer token file (created 0600 with a random token).
#pragma once

#include <string>

namespace lineside::kernel {

/// Read the token from `path`, creating the file (0600, 32 random bytes as hex) when missing.
/// Throws std::runtime_error naming the file on failure or when the file is empty.
std::string load_or_create_admin_token(const std::string &path);

/// Constant-time comparison of a presented token with the expected one.
bool token_matches(const std::string &presented, const std::string &expected);

}  // namespace lineside::kernel
