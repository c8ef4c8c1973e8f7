// srtp-media/core/crypto_suite.hpp: the SRTP crypto suites we negotiate, their SDP names and key
// sizes.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace lineside::srtp {

/// SDES crypto suites (RFC 4568 §6.2, RFC 7714 §14.2) this core can key.
enum class Suite { aes_cm_128_hmac_sha1_80, aes_cm_128_hmac_sha1_32, aead_aes_128_gcm };

/// Every suite, in order of preference for an offer (strongest tag first).
inline constexpr Suite kAllSuites[] = {Suite::aead_aes_128_gcm, Suite::aes_cm_128_hmac_sha1_80,
                                       Suite::aes_cm_128_hmac_sha1_32};

/// The name used in a=crypto, e.g. "AES_CM_128_HMAC_SHA1_80".
[[nodiscard]] const char *suite_name(Suite suite);

/// The suite with that a=crypto name; nullopt for any other name. ABNF literals are
/// case-insensitive (RFC 5234 §2.3), so "aes_cm_128_hmac_sha1_80" is accepted too.
[[nodiscard]] std::optional<Suite> suite_from_name(std::string_view name);

/// Bytes of master key || master salt in the inline key: 30 for AES_CM_128 (16 + 14), 28 for
/// AEAD_AES_128_GCM (16 + 12).
[[nodiscard]] size_t master_key_salt_len(Suite suite);

/// Bytes of the SRTP authentication tag the suite appends to each RTP packet (10, 4 or 16).
[[nodiscard]] size_t rtp_auth_tag_len(Suite suite);

/// Whether this process can key the suite. The AES_CM suites always; AEAD_AES_128_GCM only when
/// the libsrtp2 build offers it (checked once by creating a session). Installs the SRTP backend
/// (see srtp_backend.hpp) if that has not been done; false if that fails.
[[nodiscard]] bool suite_available(Suite suite);

}  // namespace lineside::srtp
