// srtp-media/core/crypto_suite.cpp: suite names, key sizes and the one-time GCM availability probe.
#include "core/crypto_suite.hpp"

#include <srtp2/srtp.h>

#include <array>
#include <cstdint>
#include <string>

#include "core/srtp_backend.hpp"

namespace lineside::srtp {
namespace {

bool ascii_iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// Creating a real session is the only reliable test that this libsrtp2 build keys GCM: the
// policy setters exist in every build, but a build without GCM refuses the cipher type.
bool probe_gcm_session() {
  std::array<uint8_t, SRTP_AES_GCM_128_KEY_LEN_WSALT> key{};
  key.fill(0x5a);
  srtp_policy_t policy{};
  srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp);
  srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtcp);
  policy.ssrc.type = ssrc_any_outbound;
  policy.key = key.data();
  policy.window_size = 128;
  srtp_t session = nullptr;
  if (srtp_create(&session, &policy) != srtp_err_status_ok) return false;
  srtp_dealloc(session);
  return true;
}

}  // namespace

const char *suite_name(Suite suite) {
  switch (suite) {
    case Suite::aes_cm_128_hmac_sha1_80:
      return "AES_CM_128_HMAC_SHA1_80";
    case Suite::aes_cm_128_hmac_sha1_32:
      return "AES_CM_128_HMAC_SHA1_32";
    case Suite::aead_aes_128_gcm:
      return "AEAD_AES_128_GCM";
  }
  return "unknown";
}

std::optional<Suite> suite_from_name(std::string_view name) {
  for (Suite suite : kAllSuites) {
    if (ascii_iequal(name, suite_name(suite))) return suite;
  }
  return std::nullopt;
}

size_t master_key_salt_len(Suite suite) {
  return suite == Suite::aead_aes_128_gcm ? SRTP_AES_GCM_128_KEY_LEN_WSALT
                                          : SRTP_AES_ICM_128_KEY_LEN_WSALT;
}

size_t rtp_auth_tag_len(Suite suite) {
  switch (suite) {
    case Suite::aes_cm_128_hmac_sha1_80:
      return 10;
    case Suite::aes_cm_128_hmac_sha1_32:
      return 4;
    case Suite::aead_aes_128_gcm:
      return 16;
  }
  return 0;
}

bool suite_available(Suite suite) {
  std::string error;
  if (!install_srtp_backend(error)) return false;
  if (suite != Suite::aead_aes_128_gcm) return true;
  static const bool gcm_available = probe_gcm_session();
  return gcm_available;
}

}  // namespace lineside::srtp
