// auth/digest_verifier.cpp: the ordered checks applied to Digest credentials.
#include "digest_verifier.hpp"

#include <algorithm>

#include "ascii_text.hpp"
#include "digest_response.hpp"
#include "sip_uri_match.hpp"

namespace lineside::auth {
namespace {

Verdict make(Decision decision, bool failure, std::string reason) {
  Verdict verdict;
  verdict.decision = decision;
  verdict.counts_as_failure = failure;
  verdict.reason = std::move(reason);
  return verdict;
}

bool is_hex(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

}  // namespace

Verdict DigestVerifier::verify(const AuthSettings &settings, const DigestCredentials &creds,
                               const DeviceRecord *device, const RequestFacts &facts) {
  if (creds.realm != facts.realm) return make(Decision::challenge, true, "credentials for another realm");
  if (creds.userhash) return make(Decision::challenge, false, "userhash is not offered");
  const auto algorithm = creds.algorithm.empty() ? std::optional(DigestAlgorithm::md5)
                                                 : parse_algorithm(creds.algorithm);
  if (!algorithm || std::find(settings.algorithms.begin(), settings.algorithms.end(), *algorithm) ==
                        settings.algorithms.end()) {
    return make(Decision::challenge, false, "algorithm not offered");
  }
  if (!creds.has_qop) return make(Decision::challenge, false, "no qop (RFC 2069 answers are refused)");
  if (!ascii_iequals(creds.qop, "auth")) return make(Decision::challenge, false, "qop other than auth");
  const uint64_t nc = parse_nonce_count(creds.nc);
  if (nc == 0 || creds.cnonce.empty()) return make(Decision::challenge, true, "missing or invalid nc/cnonce");
  if (creds.response.size() != hex_digest_length(*algorithm) || !is_hex(creds.response)) {
    return make(Decision::challenge, true, "malformed response value");
  }
  if (settings.verify_uri && !sip_uris_match(creds.uri, facts.request_uri)) {
    return make(Decision::bad_request, false, "digest uri does not match the Request-URI");
  }
  const NonceCheck nonce = issuer_.check(creds.nonce, facts.realm, facts.now_ms, settings.nonce_lifetime_ms);
  if (nonce.status == NonceStatus::forged) return make(Decision::challenge, false, "nonce not issued by us");
  if (device == nullptr) return make(Decision::forbidden, true, "unknown user");
  if (device->user != creds.username) return make(Decision::forbidden, true, "username is not the device's user");
  if (!device->realm.empty() && device->realm != facts.realm) {
    return make(Decision::forbidden, false, "device credentials are for realm " + device->realm);
  }
  const std::string &stored = *algorithm == DigestAlgorithm::md5 ? device->ha1_md5 : device->ha1_sha256;
  if (stored.empty()) {
    return make(Decision::forbidden, false,
                "device has no " + std::string(algorithm_name(*algorithm)) + " credentials");
  }
  const std::string ha1 = ascii_lowercase(stored);
  const std::string expected = compute_response(DigestResponseInputs{
      *algorithm, ha1, facts.method, creds.uri, creds.nonce, creds.nc, creds.cnonce, creds.qop});
  if (!constant_time_equal(expected, ascii_lowercase(creds.response))) {
    return make(Decision::forbidden, true, "wrong response");
  }
  if (nonce.status == NonceStatus::expired) return make(Decision::stale_challenge, false, "nonce expired");
  if (!device->owns(facts.aor_user)) {
    return make(Decision::forbidden, true, "AoR does not belong to the authenticated device");
  }
  switch (counts_.accept(creds.nonce, nonce.issued_ms, nc, facts.now_ms, settings.nonce_lifetime_ms)) {
    case NonceCountVerdict::replayed:
      return make(Decision::challenge, true, "replayed nonce count");
    case NonceCountVerdict::forgotten:
      return make(Decision::stale_challenge, false, "nonce no longer tracked");
    case NonceCountVerdict::accepted:
      break;
  }
  Verdict verdict = make(Decision::accept, false, "authenticated");
  verdict.algorithm = *algorithm;
  return verdict;
}

}  // namespace lineside::auth
