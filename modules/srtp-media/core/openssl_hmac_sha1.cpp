// srtp-media/core/openssl_hmac_sha1.cpp: libsrtp2 HMAC-SHA1 auth type on an OpenSSL EVP_MAC
// context.
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <cstring>
#include <new>

#include "core/openssl_srtp_types.hpp"

namespace lineside::srtp {
namespace {

constexpr int kSha1Len = 20;

EVP_MAC *hmac_algorithm() {
  static EVP_MAC *const mac = EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr);
  return mac;
}

struct HmacAuth {
  srtp_auth_t header;
  EVP_MAC_CTX *ctx;
};

srtp_err_status_t hmac_alloc(srtp_auth_pointer_t *out, int key_len, int out_len) {
  if (out_len < 0 || out_len > kSha1Len || key_len < 0) return srtp_err_status_bad_param;
  if (hmac_algorithm() == nullptr) return srtp_err_status_auth_fail;
  auto *auth = new (std::nothrow) HmacAuth{};
  if (auth == nullptr) return srtp_err_status_alloc_fail;
  auth->ctx = EVP_MAC_CTX_new(hmac_algorithm());
  if (auth->ctx == nullptr) {
    delete auth;
    return srtp_err_status_alloc_fail;
  }
  auth->header.type = &openssl_hmac_sha1_type();
  auth->header.state = auth->ctx;
  auth->header.out_len = out_len;
  auth->header.key_len = key_len;
  auth->header.prefix_len = 0;
  *out = &auth->header;
  return srtp_err_status_ok;
}

srtp_err_status_t hmac_dealloc(srtp_auth_pointer_t auth_header) {
  if (auth_header == nullptr) return srtp_err_status_bad_param;
  auto *auth = reinterpret_cast<HmacAuth *>(auth_header);
  EVP_MAC_CTX_free(auth->ctx);  // cleanses the keyed states
  OPENSSL_cleanse(auth, sizeof *auth);
  delete auth;
  return srtp_err_status_ok;
}

srtp_err_status_t hmac_init(void *state, const uint8_t *key, int key_len) {
  char digest[] = "SHA1";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                         OSSL_PARAM_construct_end()};
  if (EVP_MAC_init(static_cast<EVP_MAC_CTX *>(state), key, static_cast<size_t>(key_len), params) !=
      1) {
    return srtp_err_status_auth_fail;
  }
  return srtp_err_status_ok;
}

// Restart from the keyed state set by init (no re-keying).
srtp_err_status_t hmac_start(void *state) {
  if (EVP_MAC_init(static_cast<EVP_MAC_CTX *>(state), nullptr, 0, nullptr) != 1) {
    return srtp_err_status_auth_fail;
  }
  return srtp_err_status_ok;
}

srtp_err_status_t hmac_update(void *state, const uint8_t *message, int octets) {
  if (octets < 0) return srtp_err_status_bad_param;
  if (EVP_MAC_update(static_cast<EVP_MAC_CTX *>(state), message, static_cast<size_t>(octets)) !=
      1) {
    return srtp_err_status_auth_fail;
  }
  return srtp_err_status_ok;
}

// Absorbs the last `octets` bytes, then writes the first `tag_len` bytes of the MAC.
srtp_err_status_t hmac_compute(void *state, const uint8_t *message, int octets, int tag_len,
                               uint8_t *tag) {
  if (tag_len < 0 || tag_len > kSha1Len) return srtp_err_status_bad_param;
  srtp_err_status_t status = hmac_update(state, message, octets);
  if (status != srtp_err_status_ok) return status;
  uint8_t mac[EVP_MAX_MD_SIZE];
  size_t mac_len = 0;
  if (EVP_MAC_final(static_cast<EVP_MAC_CTX *>(state), mac, &mac_len, sizeof mac) != 1 ||
      mac_len != kSha1Len) {
    return srtp_err_status_auth_fail;
  }
  std::memcpy(tag, mac, static_cast<size_t>(tag_len));
  OPENSSL_cleanse(mac, sizeof mac);
  return srtp_err_status_ok;
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
                                        "HMAC-SHA1 (Lineside, OpenSSL EVP)",
                                        &kCase1,
                                        SRTP_HMAC_SHA1};
  return type;
}

}  // namespace lineside::srtp
