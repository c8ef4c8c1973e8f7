// srtp-media/core/openssl_hmac_sha1.cpp: libsrtp2 HMAC-SHA1 auth type on OpenSSL's SHA-1 block
// functions, restarting each packet from SHA-1 states keyed once per session.
//
// OpenSSL 3.0's EVP_MAC restarts an HMAC by duplicating a provider digest context (a malloc and a
// free per packet) and looks its parameters up by name; in the media relay that was about 15 % of
// the CPU per relayed packet. The SHA1_* functions are deprecated in 3.0 but run the same SHA-NI /
// AVX2 block code, and their state is a plain struct that copies without allocating.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <cstring>
#include <new>

#include "core/openssl_srtp_types.hpp"

namespace lineside::srtp {
namespace {

constexpr int kSha1Len = SHA_DIGEST_LENGTH;  // 20
constexpr size_t kBlock = SHA_CBLOCK;        // 64

/// The keyed states (after absorbing key XOR ipad / key XOR opad) and the running inner state.
struct HmacState {
  SHA_CTX inner_keyed;
  SHA_CTX outer_keyed;
  SHA_CTX running;
};

// libsrtp frees what alloc returned through the type's dealloc only, so the auth header and our
// state live in one allocation.
struct HmacAuth {
  srtp_auth_t header;
  HmacState state;
};

srtp_err_status_t hmac_alloc(srtp_auth_pointer_t *out, int key_len, int out_len) {
  if (out_len < 0 || out_len > kSha1Len || key_len < 0) return srtp_err_status_bad_param;
  auto *auth = new (std::nothrow) HmacAuth{};
  if (auth == nullptr) return srtp_err_status_alloc_fail;
  auth->header.type = &openssl_hmac_sha1_type();
  auth->header.state = &auth->state;
  auth->header.out_len = out_len;
  auth->header.key_len = key_len;
  auth->header.prefix_len = 0;
  *out = &auth->header;
  return srtp_err_status_ok;
}

srtp_err_status_t hmac_dealloc(srtp_auth_pointer_t auth_header) {
  if (auth_header == nullptr) return srtp_err_status_bad_param;
  auto *auth = reinterpret_cast<HmacAuth *>(auth_header);
  OPENSSL_cleanse(auth, sizeof *auth);  // the keyed states are key material
  delete auth;
  return srtp_err_status_ok;
}

bool absorb_padded_key(SHA_CTX &ctx, const uint8_t (&key_block)[kBlock], uint8_t pad) {
  uint8_t padded[kBlock];
  for (size_t i = 0; i < kBlock; ++i) padded[i] = key_block[i] ^ pad;
  const bool ok = SHA1_Init(&ctx) == 1 && SHA1_Update(&ctx, padded, kBlock) == 1;
  OPENSSL_cleanse(padded, sizeof padded);
  return ok;
}

// RFC 2104 §2: a key longer than the block is hashed first; the key is then zero-padded to the
// block and XORed with 0x36 (inner) and 0x5c (outer).
srtp_err_status_t hmac_init(void *state_ptr, const uint8_t *key, int key_len) {
  if (key_len < 0 || (key == nullptr && key_len > 0)) return srtp_err_status_bad_param;
  auto *state = static_cast<HmacState *>(state_ptr);
  uint8_t key_block[kBlock] = {};
  if (static_cast<size_t>(key_len) > kBlock) {
    if (SHA1(key, static_cast<size_t>(key_len), key_block) == nullptr) {
      return srtp_err_status_auth_fail;
    }
  } else if (key_len > 0) {
    std::memcpy(key_block, key, static_cast<size_t>(key_len));
  }
  const bool ok = absorb_padded_key(state->inner_keyed, key_block, 0x36) &&
                  absorb_padded_key(state->outer_keyed, key_block, 0x5c);
  OPENSSL_cleanse(key_block, sizeof key_block);
  state->running = state->inner_keyed;
  return ok ? srtp_err_status_ok : srtp_err_status_auth_fail;
}

// Restart from the keyed inner state set by init (no re-keying).
srtp_err_status_t hmac_start(void *state_ptr) {
  auto *state = static_cast<HmacState *>(state_ptr);
  state->running = state->inner_keyed;
  return srtp_err_status_ok;
}

srtp_err_status_t hmac_update(void *state_ptr, const uint8_t *message, int octets) {
  if (octets < 0 || (message == nullptr && octets > 0)) return srtp_err_status_bad_param;
  auto *state = static_cast<HmacState *>(state_ptr);
  if (SHA1_Update(&state->running, message, static_cast<size_t>(octets)) != 1) {
    return srtp_err_status_auth_fail;
  }
  return srtp_err_status_ok;
}

// Absorbs the last `octets` bytes, then writes the first `tag_len` bytes of the MAC.
srtp_err_status_t hmac_compute(void *state_ptr, const uint8_t *message, int octets, int tag_len,
                               uint8_t *tag) {
  if (tag_len < 0 || tag_len > kSha1Len) return srtp_err_status_bad_param;
  srtp_err_status_t status = hmac_update(state_ptr, message, octets);
  if (status != srtp_err_status_ok) return status;
  auto *state = static_cast<HmacState *>(state_ptr);
  uint8_t inner[kSha1Len];
  uint8_t mac[kSha1Len];
  SHA_CTX outer = state->outer_keyed;
  const bool ok = SHA1_Final(inner, &state->running) == 1 &&
                  SHA1_Update(&outer, inner, sizeof inner) == 1 && SHA1_Final(mac, &outer) == 1;
  if (ok) std::memcpy(tag, mac, static_cast<size_t>(tag_len));
  OPENSSL_cleanse(inner, sizeof inner);
  OPENSSL_cleanse(mac, sizeof mac);
  OPENSSL_cleanse(&outer, sizeof outer);
  return ok ? srtp_err_status_ok : srtp_err_status_auth_fail;
}

// RFC 2202 §3 test cases 1, 2 and 6: a short binary key, a text key ("Jefe") and a key longer
// than the SHA-1 block (hashed first), each with the full 20-byte MAC.
const uint8_t kKey1[20] = {0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b,
                           0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b};
const uint8_t kData1[] = "Hi There";
const uint8_t kTag1[20] = {0xb6, 0x17, 0x31, 0x86, 0x55, 0x05, 0x72, 0x64, 0xe2, 0x8b,
                           0xc0, 0xb6, 0xfb, 0x37, 0x8c, 0x8e, 0xf1, 0x46, 0xbe, 0x00};
const uint8_t kKey2[] = "Jefe";
const uint8_t kData2[] = "what do ya want for nothing?";
const uint8_t kTag2[20] = {0xef, 0xfc, 0xdf, 0x6a, 0xe5, 0xeb, 0x2f, 0xa2, 0xd2, 0x74,
                           0x16, 0xd5, 0xf1, 0x84, 0xdf, 0x9c, 0x25, 0x9a, 0x7c, 0x79};
const uint8_t kKey6[80] = {
    0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa,
    0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa,
    0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa,
    0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa,
    0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa};
const uint8_t kData6[] = "Test Using Larger Than Block-Size Key - Hash Key First";
const uint8_t kTag6[20] = {0xaa, 0x4a, 0xe5, 0xe1, 0x52, 0x72, 0xd0, 0x0e, 0x95, 0x70,
                           0x56, 0x37, 0xce, 0x8a, 0x3b, 0x55, 0xed, 0x40, 0x21, 0x12};

const srtp_auth_test_case_t kCase6 = {80, kKey6, sizeof kData6 - 1, kData6, 20, kTag6, nullptr};
const srtp_auth_test_case_t kCase2 = {4, kKey2, sizeof kData2 - 1, kData2, 20, kTag2, &kCase6};
const srtp_auth_test_case_t kCase1 = {20, kKey1, sizeof kData1 - 1, kData1, 20, kTag1, &kCase2};

}  // namespace

const srtp_auth_type_t &openssl_hmac_sha1_type() {
  static const srtp_auth_type_t type = {hmac_alloc,
                                        hmac_dealloc,
                                        hmac_init,
                                        hmac_compute,
                                        hmac_update,
                                        hmac_start,
                                        "HMAC-SHA1 (Lineside, OpenSSL SHA-1)",
                                        &kCase1,
                                        SRTP_HMAC_SHA1};
  return type;
}

}  // namespace lineside::srtp
