// auth/digest_verifier.hpp: deciding what a request carrying Digest credentials deserves.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "auth_settings.hpp"
#include "digest_algorithm.hpp"
#include "digest_credentials.hpp"
#include "nonce_count_tracker.hpp"
#include "nonce_issuer.hpp"

namespace lineside::auth {

/// A directory device, copied out of ls_device_info_t (which is only borrowed).
struct DeviceRecord {
  std::string device_id;
  std::string user;
  std::string dn;
  std::string realm;
  std::string ha1_md5;
  std::string ha1_sha256;
  bool auth_enabled = true;

  /// True when `aor_user` (a To or From user part) names this device: its user or main DN.
  [[nodiscard]] bool owns(std::string_view aor_user) const {
    return !aor_user.empty() && (aor_user == user || aor_user == dn);
  }
};

/// The facts about the request that the credentials are checked against.
struct RequestFacts {
  std::string_view method;      ///< "REGISTER"
  std::string_view request_uri; ///< Request-URI text
  std::string_view aor_user;    ///< To user for REGISTER, From user otherwise (may be empty)
  std::string_view realm;       ///< our realm
  int64_t now_ms = 0;           ///< host monotonic clock
};

/// What to do with the request.
enum class Decision {
  accept,          ///< credentials good: annotate and CONTINUE
  challenge,       ///< new challenge (401/407)
  stale_challenge, ///< new challenge with stale=true (right answer, old nonce)
  forbidden,       ///< 403
  bad_request      ///< 400 (digest uri does not match the Request-URI)
};

/// A decision, whether it counts against the source, and a log-safe reason.
struct Verdict {
  Decision decision = Decision::challenge;
  bool counts_as_failure = false;
  std::string reason;                      ///< never contains secrets
  DigestAlgorithm algorithm = DigestAlgorithm::md5; ///< meaningful for accept
};

/// Checks parsed credentials: realm, algorithm, qop, nonce authenticity and age, the response
/// against the device's HA1, the AoR, and nonce-count replays. Order matters: nothing reveals
/// whether a user exists before the client has answered a challenge from us, and a stale nonce is
/// only reported for a response that is otherwise correct.
class DigestVerifier {
 public:
  DigestVerifier(const NonceIssuer &issuer, NonceCountTracker &counts)
      : issuer_(issuer), counts_(counts) {}

  /// `device` is the directory entry for credentials.username, or nullptr when unknown.
  [[nodiscard]] Verdict verify(const AuthSettings &settings, const DigestCredentials &creds,
                               const DeviceRecord *device, const RequestFacts &facts);

 private:
  const NonceIssuer &issuer_;
  NonceCountTracker &counts_;
};

}  // namespace lineside::auth
