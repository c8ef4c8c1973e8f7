// admin/admin_auth.hpp: admin API credentials, kept hashed: the bearer token as its SHA-256 (the
// clear token lives only in the 0600 token file), basic-auth users as salted PBKDF2-SHA256.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace lineside::kernel {

/// "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>" of `password` with a random 16-byte salt.
std::string pbkdf2_hash(const std::string &password, unsigned iterations = 100000);
/// True when `password` matches an encoded pbkdf2_hash() value (constant-time compare).
bool pbkdf2_verify(const std::string &password, const std::string &encoded);
/// False (with a reason) when `encoded` is not a well-formed pbkdf2_hash() value.
bool pbkdf2_well_formed(const std::string &encoded, std::string &why);

class AdminAuth {
 public:
  /// users: (name, pbkdf2 encoded hash). The token is hashed at once and not kept.
  AdminAuth(const std::string &token, std::vector<std::pair<std::string, std::string>> users);
  /// Checks an Authorization header: "Bearer <token>" or "Basic base64(user:password)".
  [[nodiscard]] bool allows(const std::string &authorization) const;

 private:
  std::string token_sha256_;
  std::vector<std::pair<std::string, std::string>> users_;
};

}  // namespace lineside::kernel
