// srtp-media/core/openssl_aes_gcm.cpp: libsrtp2 AES-128-GCM cipher type on an OpenSSL EVP context.
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <new>

#include "core/openssl_srtp_types.hpp"

namespace lineside::srtp {
namespace {

constexpr int kKeySize = 16;
constexpr int kIvLen = 12;  // RFC 7714 §8.1: the 96-bit IV libsrtp computes per packet

const EVP_CIPHER *aes_128_gcm() {
  static EVP_CIPHER *const cipher = EVP_CIPHER_fetch(nullptr, "AES-128-GCM", nullptr);
  return cipher;
}

struct GcmState {
  EVP_CIPHER_CTX *ctx = nullptr;
  int tag_len = 16;
  srtp_cipher_direction_t direction = srtp_direction_any;  // set by set_iv
};

struct GcmCipher {
  srtp_cipher_t header;
  GcmState state;
};

srtp_err_status_t gcm_alloc(srtp_cipher_pointer_t *out, int key_len, int tag_len) {
  if (key_len != SRTP_AES_GCM_128_KEY_LEN_WSALT) return srtp_err_status_bad_param;
  if (tag_len != 16 && tag_len != 8) return srtp_err_status_bad_param;
  if (aes_128_gcm() == nullptr) return srtp_err_status_cipher_fail;
  auto *cipher = new (std::nothrow) GcmCipher{};
  if (cipher == nullptr) return srtp_err_status_alloc_fail;
  cipher->state.ctx = EVP_CIPHER_CTX_new();
  if (cipher->state.ctx == nullptr) {
    delete cipher;
    return srtp_err_status_alloc_fail;
  }
  cipher->state.tag_len = tag_len;
  cipher->header.type = &openssl_aes_gcm_128_type();
  cipher->header.state = &cipher->state;
  cipher->header.key_len = key_len;
  cipher->header.algorithm = SRTP_AES_GCM_128;
  *out = &cipher->header;
  return srtp_err_status_ok;
}

srtp_err_status_t gcm_dealloc(srtp_cipher_pointer_t cipher_header) {
  if (cipher_header == nullptr) return srtp_err_status_bad_param;
  auto *cipher = reinterpret_cast<GcmCipher *>(cipher_header);
  EVP_CIPHER_CTX_free(cipher->state.ctx);  // cleanses the key schedule
  OPENSSL_cleanse(&cipher->state, sizeof cipher->state);
  delete cipher;
  return srtp_err_status_ok;
}

// key = AES key || 12-byte salt; the salt is libsrtp's business (it builds each IV from it).
srtp_err_status_t gcm_init(void *state_ptr, const uint8_t *key) {
  auto *state = static_cast<GcmState *>(state_ptr);
  state->direction = srtp_direction_any;
  if (EVP_CipherInit_ex2(state->ctx, aes_128_gcm(), key, nullptr, 1, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(state->ctx, EVP_CTRL_GCM_SET_IVLEN, kIvLen, nullptr) != 1) {
    return srtp_err_status_init_fail;
  }
  return srtp_err_status_ok;
}

// Starts one packet: the key schedule stays, only the IV and the direction are loaded.
srtp_err_status_t gcm_set_iv(void *state_ptr, uint8_t *iv, srtp_cipher_direction_t direction) {
  auto *state = static_cast<GcmState *>(state_ptr);
  if (direction != srtp_direction_encrypt && direction != srtp_direction_decrypt) {
    return srtp_err_status_bad_param;
  }
  state->direction = direction;
  int encrypt = direction == srtp_direction_encrypt ? 1 : 0;
  if (EVP_CipherInit_ex2(state->ctx, nullptr, nullptr, iv, encrypt, nullptr) != 1) {
    return srtp_err_status_init_fail;
  }
  return srtp_err_status_ok;
}

// May be called several times per packet (SRTCP adds its E+index word after the header).
srtp_err_status_t gcm_set_aad(void *state_ptr, const uint8_t *aad, uint32_t aad_len) {
  auto *state = static_cast<GcmState *>(state_ptr);
  if (state->direction == srtp_direction_any) return srtp_err_status_bad_param;
  if (aad_len == 0) return srtp_err_status_ok;
  int written = 0;
  if (EVP_CipherUpdate(state->ctx, nullptr, &written, aad, static_cast<int>(aad_len)) != 1) {
    return srtp_err_status_algo_fail;
  }
  return srtp_err_status_ok;
}

srtp_err_status_t gcm_encrypt(void *state_ptr, uint8_t *buffer, unsigned int *octets) {
  auto *state = static_cast<GcmState *>(state_ptr);
  if (state->direction != srtp_direction_encrypt) return srtp_err_status_bad_param;
  if (*octets == 0) return srtp_err_status_ok;  // SRTCP without encryption: tag only
  int written = 0;
  if (EVP_CipherUpdate(state->ctx, buffer, &written, buffer, static_cast<int>(*octets)) != 1 ||
      static_cast<unsigned>(written) != *octets) {
    return srtp_err_status_cipher_fail;
  }
  return srtp_err_status_ok;
}

// After encrypt: finishes GHASH and writes the tag at `tag`; *len = tag length.
srtp_err_status_t gcm_get_tag(void *state_ptr, uint8_t *tag, uint32_t *len) {
  auto *state = static_cast<GcmState *>(state_ptr);
  if (state->direction != srtp_direction_encrypt) return srtp_err_status_bad_param;
  uint8_t none[16];
  int written = 0;
  if (EVP_CipherFinal_ex(state->ctx, none, &written) != 1 ||
      EVP_CIPHER_CTX_ctrl(state->ctx, EVP_CTRL_GCM_GET_TAG, state->tag_len, tag) != 1) {
    return srtp_err_status_algo_fail;
  }
  *len = static_cast<uint32_t>(state->tag_len);
  return srtp_err_status_ok;
}

// `buffer` holds ciphertext || tag; decrypts in place and checks the tag (auth_fail if wrong),
// then shortens *octets by the tag.
srtp_err_status_t gcm_decrypt(void *state_ptr, uint8_t *buffer, unsigned int *octets) {
  auto *state = static_cast<GcmState *>(state_ptr);
  if (state->direction != srtp_direction_decrypt) return srtp_err_status_bad_param;
  auto tag_len = static_cast<unsigned>(state->tag_len);
  if (*octets < tag_len) return srtp_err_status_bad_param;
  unsigned int data_len = *octets - tag_len;
  if (EVP_CIPHER_CTX_ctrl(state->ctx, EVP_CTRL_GCM_SET_TAG, state->tag_len, buffer + data_len) !=
      1) {
    return srtp_err_status_auth_fail;
  }
  int written = 0;
  if (data_len > 0 &&
      (EVP_CipherUpdate(state->ctx, buffer, &written, buffer, static_cast<int>(data_len)) != 1 ||
       static_cast<unsigned>(written) != data_len)) {
    return srtp_err_status_cipher_fail;
  }
  uint8_t none[16];
  if (EVP_CipherFinal_ex(state->ctx, none, &written) != 1) return srtp_err_status_auth_fail;
  *octets = data_len;
  return srtp_err_status_ok;
}

// Known answers: "The Galois/Counter Mode of Operation" (McGrew, Viega) test case 3 (no AAD) and
// test case 4 (20 bytes of AAD, 60 bytes of plaintext), 128-bit key, 96-bit IV, 16-byte tag.
const uint8_t kKey[28] = {0xfe, 0xff, 0xe9, 0x92, 0x86, 0x65, 0x73, 0x1c, 0x6d, 0x6a,
                          0x8f, 0x94, 0x67, 0x30, 0x83, 0x08, 0xca, 0xfe, 0xba, 0xbe,
                          0xfa, 0xce, 0xdb, 0xad, 0xde, 0xca, 0xf8, 0x88};
uint8_t kIv[12] = {0xca, 0xfe, 0xba, 0xbe, 0xfa, 0xce, 0xdb, 0xad, 0xde, 0xca, 0xf8, 0x88};
const uint8_t kPlain[64] = {
    0xd9, 0x31, 0x32, 0x25, 0xf8, 0x84, 0x06, 0xe5, 0xa5, 0x59, 0x09, 0xc5, 0xaf, 0xf5, 0x26, 0x9a,
    0x86, 0xa7, 0xa9, 0x53, 0x15, 0x34, 0xf7, 0xda, 0x2e, 0x4c, 0x30, 0x3d, 0x8a, 0x31, 0x8a, 0x72,
    0x1c, 0x3c, 0x0c, 0x95, 0x95, 0x68, 0x09, 0x53, 0x2f, 0xcf, 0x0e, 0x24, 0x49, 0xa6, 0xb5, 0x25,
    0xb1, 0x6a, 0xed, 0xf5, 0xaa, 0x0d, 0xe6, 0x57, 0xba, 0x63, 0x7b, 0x39, 0x1a, 0xaf, 0xd2, 0x55};
const uint8_t kCipher3[80] = {
    0x42, 0x83, 0x1e, 0xc2, 0x21, 0x77, 0x74, 0x24, 0x4b, 0x72, 0x21, 0xb7, 0x84, 0xd0, 0xd4, 0x9c,
    0xe3, 0xaa, 0x21, 0x2f, 0x2c, 0x02, 0xa4, 0xe0, 0x35, 0xc1, 0x7e, 0x23, 0x29, 0xac, 0xa1, 0x2e,
    0x21, 0xd5, 0x14, 0xb2, 0x54, 0x66, 0x93, 0x1c, 0x7d, 0x8f, 0x6a, 0x5a, 0xac, 0x84, 0xaa, 0x05,
    0x1b, 0xa3, 0x0b, 0x39, 0x6a, 0x0a, 0xac, 0x97, 0x3d, 0x58, 0xe0, 0x91, 0x47, 0x3f, 0x59, 0x85,
    0x4d, 0x5c, 0x2a, 0xf3, 0x27, 0xcd, 0x64, 0xa6, 0x2c, 0xf3, 0x5a, 0xbd, 0x2b, 0xa6, 0xfa, 0xb4};
const uint8_t kAad4[20] = {0xfe, 0xed, 0xfa, 0xce, 0xde, 0xad, 0xbe, 0xef, 0xfe, 0xed,
                           0xfa, 0xce, 0xde, 0xad, 0xbe, 0xef, 0xab, 0xad, 0xda, 0xd2};
const uint8_t kCipher4[76] = {
    0x42, 0x83, 0x1e, 0xc2, 0x21, 0x77, 0x74, 0x24, 0x4b, 0x72, 0x21, 0xb7, 0x84, 0xd0, 0xd4, 0x9c,
    0xe3, 0xaa, 0x21, 0x2f, 0x2c, 0x02, 0xa4, 0xe0, 0x35, 0xc1, 0x7e, 0x23, 0x29, 0xac, 0xa1, 0x2e,
    0x21, 0xd5, 0x14, 0xb2, 0x54, 0x66, 0x93, 0x1c, 0x7d, 0x8f, 0x6a, 0x5a, 0xac, 0x84, 0xaa, 0x05,
    0x1b, 0xa3, 0x0b, 0x39, 0x6a, 0x0a, 0xac, 0x97, 0x3d, 0x58, 0xe0, 0x91, 0x5b, 0xc9, 0x4f, 0xbc,
    0x32, 0x21, 0xa5, 0xdb, 0x94, 0xfa, 0xe9, 0x5a, 0xe7, 0x12, 0x1a, 0x47};

const srtp_cipher_test_case_t kCase4 = {28,       kKey, kIv,   60, kPlain, 76,
                                        kCipher4, 20,   kAad4, 16, nullptr};
const srtp_cipher_test_case_t kCase3 = {28,       kKey, kIv,     64, kPlain, 80,
                                        kCipher3, 0,    nullptr, 16, &kCase4};

}  // namespace

const srtp_cipher_type_t &openssl_aes_gcm_128_type() {
  static const srtp_cipher_type_t type = {
      gcm_alloc,   gcm_dealloc,     gcm_init,
      gcm_set_aad, gcm_encrypt,     gcm_decrypt,
      gcm_set_iv,  gcm_get_tag,     "AES-128 GCM (Lineside, OpenSSL EVP)",
      &kCase3,     SRTP_AES_GCM_128};
  return type;
}

}  // namespace lineside::srtp
