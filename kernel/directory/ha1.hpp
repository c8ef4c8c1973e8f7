// directory/ha1.hpp: digest HA1 = H(user:realm:password) for MD5 and SHA-256 (RFC 7616).
#pragma once

#include <string>

namespace lineside::kernel {

/// Lowercase hex MD5(user:realm:password).
std::string ha1_md5(const std::string &user, const std::string &realm, const std::string &password);
/// Lowercase hex SHA-256(user:realm:password).
std::string ha1_sha256(const std::string &user, const std::string &realm,
                       const std::string &password);

}  // namespace lineside::kernel
