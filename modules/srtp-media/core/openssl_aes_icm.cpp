// srtp-media/core/openssl_aes_icm.cpp: libsrtp2 AES-ICM cipher type on an OpenSSL EVP AES-CTR
// context.
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cstring>
#include <new>

#include "core/openssl_srtp_types.hpp"

namespace lineside::srtp {
namespace {

constexpr int kSaltLen = SRTP_SALT_LEN;           // 14: the salt that follows the key in the input
constexpr unsigned kMaxBytesPerIv = 0xffff * 16;  // the 16-bit block counter of RFC 3711 §4.1.1

// The cipher objects are fetched once per process: an implicit fetch per EVP_EncryptInit
// would take the provider store's lock on every re-key.
const EVP_CIPHER *aes_ctr(int key_size) {
  static EVP_CIPHER *const aes128 = EVP_CIPHER_fetch(nullptr, "AES-128-CTR", nullptr);
  static EVP_CIPHER *const aes192 = EVP_CIPHER_fetch(nullptr, "AES-192-CTR", nullptr);
  static EVP_CIPHER *const aes256 = EVP_CIPHER_fetch(nullptr, "AES-256-CTR", nullptr);
  switch (key_size) {
    case 16:
      return aes128;
    case 24:
      return aes192;
    case 32:
      return aes256;
  }
  return nullptr;
}

struct IcmState {
  EVP_CIPHER_CTX *ctx = nullptr;
  int key_size = 0;             // AES key bytes: 16, 24 or 32
  uint8_t offset[16] = {};      // salt || 0x0000, XORed with each IV
  unsigned bytes_since_iv = 0;  // keystream used since the last set_iv
};

// libsrtp frees what alloc returned through the type's dealloc only, so the cipher header and
// our state live in one allocation.
struct IcmCipher {
  srtp_cipher_t header;
  IcmState state;
};

const srtp_cipher_type_t &type_for_key_size(int key_size) {
  if (key_size == 32) return openssl_aes_icm_256_type();
  if (key_size == 24) return openssl_aes_icm_192_type();
  return openssl_aes_icm_128_type();
}

srtp_err_status_t icm_alloc(srtp_cipher_pointer_t *out, int key_len, int /*tag_len*/) {
  int key_size = key_len - kSaltLen;
  if (key_size != 16 && key_size != 24 && key_size != 32) return srtp_err_status_bad_param;
  if (aes_ctr(key_size) == nullptr) return srtp_err_status_cipher_fail;
  auto *cipher = new (std::nothrow) IcmCipher{};
  if (cipher == nullptr) return srtp_err_status_alloc_fail;
  cipher->state.ctx = EVP_CIPHER_CTX_new();
  if (cipher->state.ctx == nullptr) {
    delete cipher;
    return srtp_err_status_alloc_fail;
  }
  cipher->state.key_size = key_size;
  const srtp_cipher_type_t &type = type_for_key_size(key_size);
  cipher->header.type = &type;
  cipher->header.state = &cipher->state;
  cipher->header.key_len = key_len;
  cipher->header.algorithm = static_cast<int>(type.id);
  *out = &cipher->header;
  return srtp_err_status_ok;
}

srtp_err_status_t icm_dealloc(srtp_cipher_pointer_t cipher_header) {
  if (cipher_header == nullptr) return srtp_err_status_bad_param;
  auto *cipher = reinterpret_cast<IcmCipher *>(cipher_header);
  EVP_CIPHER_CTX_free(cipher->state.ctx);  // cleanses the key schedule
  OPENSSL_cleanse(&cipher->state, sizeof cipher->state);
  delete cipher;
  return srtp_err_status_ok;
}

// key = AES key || 14-byte salt (libsrtp's layout for every AES-ICM key length).
srtp_err_status_t icm_init(void *state_ptr, const uint8_t *key) {
  auto *state = static_cast<IcmState *>(state_ptr);
  std::memset(state->offset, 0, sizeof state->offset);
  std::memcpy(state->offset, key + state->key_size, kSaltLen);
  if (EVP_EncryptInit_ex2(state->ctx, aes_ctr(state->key_size), key, nullptr, nullptr) != 1) {
    return srtp_err_status_cipher_fail;
  }
  state->bytes_since_iv = 0;
  return srtp_err_status_ok;
}

// Counter block = offset XOR iv; CTR mode then increments it per 16-byte block.
srtp_err_status_t icm_set_iv(void *state_ptr, uint8_t *iv, srtp_cipher_direction_t) {
  auto *state = static_cast<IcmState *>(state_ptr);
  uint8_t counter[16];
  for (int i = 0; i < 16; ++i) counter[i] = state->offset[i] ^ iv[i];
  if (EVP_EncryptInit_ex2(state->ctx, nullptr, nullptr, counter, nullptr) != 1) {
    return srtp_err_status_cipher_fail;
  }
  state->bytes_since_iv = 0;
  return srtp_err_status_ok;
}

// Encryption and decryption are the same keystream XOR, in place.
srtp_err_status_t icm_crypt(void *state_ptr, uint8_t *buffer, unsigned int *octets) {
  auto *state = static_cast<IcmState *>(state_ptr);
  if (*octets > kMaxBytesPerIv - state->bytes_since_iv) return srtp_err_status_terminus;
  int written = 0;
  if (EVP_EncryptUpdate(state->ctx, buffer, &written, buffer, static_cast<int>(*octets)) != 1 ||
      static_cast<unsigned>(written) != *octets) {
    return srtp_err_status_cipher_fail;
  }
  state->bytes_since_iv += *octets;
  return srtp_err_status_ok;
}

// Known answers: RFC 3711 B.2 (AES-128, the first three keystream blocks for counter 0..2)
// and RFC 6188 §7 (AES-192, AES-256); plaintext zeros, so ciphertext = keystream.
const uint8_t kZeros[48] = {};
uint8_t kZeroIv[16] = {};

const uint8_t kKey128[30] = {0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6, 0xab, 0xf7,
                             0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c, 0xf0, 0xf1, 0xf2, 0xf3,
                             0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd};
const uint8_t kStream128[48] = {
    0xe0, 0x3e, 0xad, 0x09, 0x35, 0xc9, 0x5e, 0x80, 0xe1, 0x66, 0xb1, 0x6d, 0xd9, 0x2b, 0x4e, 0xb4,
    0xd2, 0x35, 0x13, 0x16, 0x2b, 0x02, 0xd0, 0xf7, 0x2a, 0x43, 0xa2, 0xfe, 0x4a, 0x5f, 0x97, 0xab,
    0x41, 0xe9, 0x5b, 0x3b, 0xb0, 0xa2, 0xe8, 0xdd, 0x47, 0x79, 0x01, 0xe4, 0xfc, 0xa8, 0x94, 0xc0};
const uint8_t kKey192[38] = {0xea, 0xb2, 0x34, 0x76, 0x4e, 0x51, 0x7b, 0x2d, 0x3d, 0x16,
                             0x0d, 0x58, 0x7d, 0x8c, 0x86, 0x21, 0x97, 0x40, 0xf6, 0x5f,
                             0x99, 0xb6, 0xbc, 0xf7, 0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5,
                             0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd};
const uint8_t kStream192[32] = {0x35, 0x09, 0x6c, 0xba, 0x46, 0x10, 0x02, 0x8d, 0xc1, 0xb5, 0x75,
                                0x03, 0x80, 0x4c, 0xe3, 0x7c, 0x5d, 0xe9, 0x86, 0x29, 0x1d, 0xcc,
                                0xe1, 0x61, 0xd5, 0x16, 0x5e, 0xc4, 0x56, 0x8f, 0x5c, 0x9a};
const uint8_t kKey256[46] = {0x57, 0xf8, 0x2f, 0xe3, 0x61, 0x3f, 0xd1, 0x70, 0xa8, 0x5e, 0xc9, 0x3c,
                             0x40, 0xb1, 0xf0, 0x92, 0x2e, 0xc4, 0xcb, 0x0d, 0xc0, 0x25, 0xb5, 0x82,
                             0x72, 0x14, 0x7c, 0xc4, 0x38, 0x94, 0x4a, 0x98, 0xf0, 0xf1, 0xf2, 0xf3,
                             0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd};
const uint8_t kStream256[32] = {0x92, 0xbd, 0xd2, 0x8a, 0x93, 0xc3, 0xf5, 0x25, 0x11, 0xc6, 0x77,
                                0xd0, 0x8b, 0x55, 0x15, 0xa4, 0x9d, 0xa7, 0x1b, 0x23, 0x78, 0xa8,
                                0x54, 0xf6, 0x70, 0x50, 0x75, 0x6d, 0xed, 0x16, 0x5b, 0xac};

constexpr srtp_cipher_test_case_t known_answer(int key_len, const uint8_t *key, unsigned len,
                                               const uint8_t *stream) {
  return srtp_cipher_test_case_t{key_len, key, kZeroIv, len, kZeros, len,
                                 stream,  0,   nullptr, 0,   nullptr};
}

const srtp_cipher_test_case_t kCase128 = known_answer(30, kKey128, 48, kStream128);
const srtp_cipher_test_case_t kCase192 = known_answer(38, kKey192, 32, kStream192);
const srtp_cipher_test_case_t kCase256 = known_answer(46, kKey256, 32, kStream256);

constexpr srtp_cipher_type_t icm_type(const char *description, const srtp_cipher_test_case_t *test,
                                      srtp_cipher_type_id_t id) {
  return srtp_cipher_type_t{icm_alloc,  icm_dealloc, icm_init,    nullptr, icm_crypt, icm_crypt,
                            icm_set_iv, nullptr,     description, test,    id};
}

}  // namespace

const srtp_cipher_type_t &openssl_aes_icm_128_type() {
  static const srtp_cipher_type_t type =
      icm_type("AES-128 counter mode (Lineside, OpenSSL EVP)", &kCase128, SRTP_AES_ICM_128);
  return type;
}

const srtp_cipher_type_t &openssl_aes_icm_192_type() {
  static const srtp_cipher_type_t type =
      icm_type("AES-192 counter mode (Lineside, OpenSSL EVP)", &kCase192, SRTP_AES_ICM_192);
  return type;
}

const srtp_cipher_type_t &openssl_aes_icm_256_type() {
  static const srtp_cipher_type_t type =
      icm_type("AES-256 counter mode (Lineside, OpenSSL EVP)", &kCase256, SRTP_AES_ICM_256);
  return type;
}

}  // namespace lineside::srtp
