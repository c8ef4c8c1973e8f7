// srtp-media/core/openssl_srtp_types.hpp: libsrtp2 cipher/auth types built on OpenSSL.
#pragma once

#include <srtp2/auth.h>
#include <srtp2/cipher.h>

namespace lineside::srtp {

/// AES-ICM (RFC 3711 §4.1.1) with a 128-, 192- or 256-bit key: one EVP_CIPHER_CTX per cipher
/// instance, keyed once in init; set_iv only loads the new counter block (no allocation).
/// Key lengths given to alloc include the 14-byte salt (30, 38, 46). Carries our own
/// known-answer test (RFC 3711 B.2 / RFC 6188 §7) as test_data.
[[nodiscard]] const srtp_cipher_type_t &openssl_aes_icm_128_type();
[[nodiscard]] const srtp_cipher_type_t &openssl_aes_icm_192_type();
[[nodiscard]] const srtp_cipher_type_t &openssl_aes_icm_256_type();

/// AES-128-GCM for AEAD_AES_128_GCM (RFC 7714), 8- or 16-byte tags: one EVP_CIPHER_CTX per cipher
/// instance keyed once in init; set_iv loads only the packet's 96-bit IV. Key length given to alloc
/// includes the 12-byte salt (28). Debian's NSS GCM has the same per-packet context cost as its
/// AES-ICM. Carries the GCM specification's test cases 3 and 4 as test_data.
[[nodiscard]] const srtp_cipher_type_t &openssl_aes_gcm_128_type();

/// HMAC-SHA1 (RFC 2104) truncated to the tag length libsrtp asks for: each auth instance keeps
/// the keyed inner and outer SHA-1 states computed once in init; start() copies the inner one per
/// packet (no allocation, no parameter lookup). Carries RFC 2202 known-answer tests as test_data.
[[nodiscard]] const srtp_auth_type_t &openssl_hmac_sha1_type();

}  // namespace lineside::srtp
