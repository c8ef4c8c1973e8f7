// tests/unit/srtp/backend_vectors_test.cpp: the OpenSSL cipher/auth types against libsrtp2's own
// test vectors, RFC 3711 B.2/B.3 known answers, and libsrtp2's reference SRTP/SRTCP packets.
#include <doctest/doctest.h>

#include <cstring>
#include <string>

#include "core/openssl_srtp_types.hpp"
#include "core/srtp_backend.hpp"
#include "core/srtp_stream.hpp"
#include "srtp_test_support.hpp"

// libsrtp2's own (here NSS-based) types and its crypto-kernel lookup: exported by libsrtp2.so but
// not declared in its installed headers.
extern "C" const srtp_cipher_type_t srtp_aes_icm_128;
extern "C" const srtp_cipher_type_t srtp_aes_icm_192;
extern "C" const srtp_cipher_type_t srtp_aes_icm_256;
extern "C" const srtp_cipher_type_t srtp_aes_gcm_128;
extern "C" const srtp_auth_type_t srtp_hmac;
extern "C" srtp_err_status_t srtp_crypto_kernel_alloc_cipher(srtp_cipher_type_id_t id,
                                                             srtp_cipher_pointer_t *cp, int key_len,
                                                             int tag_len);
extern "C" srtp_err_status_t srtp_crypto_kernel_alloc_auth(srtp_auth_type_id_t id,
                                                           srtp_auth_pointer_t *ap, int key_len,
                                                           int out_len);

using namespace lineside::srtp;
using lineside::srtp::test::from_hex;

TEST_CASE("our types pass their own known-answer tests") {
  CHECK(srtp_cipher_type_self_test(&openssl_aes_icm_128_type()) == srtp_err_status_ok);
  CHECK(srtp_cipher_type_self_test(&openssl_aes_icm_192_type()) == srtp_err_status_ok);
  CHECK(srtp_cipher_type_self_test(&openssl_aes_icm_256_type()) == srtp_err_status_ok);
  CHECK(srtp_cipher_type_self_test(&openssl_aes_gcm_128_type()) == srtp_err_status_ok);
  CHECK(srtp_auth_type_self_test(&openssl_hmac_sha1_type()) == srtp_err_status_ok);
}

TEST_CASE("our types pass libsrtp2's own test vectors") {
  REQUIRE(srtp_aes_icm_128.test_data != nullptr);
  CHECK(srtp_cipher_type_test(&openssl_aes_icm_128_type(), srtp_aes_icm_128.test_data) ==
        srtp_err_status_ok);
  CHECK(srtp_cipher_type_test(&openssl_aes_icm_192_type(), srtp_aes_icm_192.test_data) ==
        srtp_err_status_ok);
  CHECK(srtp_cipher_type_test(&openssl_aes_icm_256_type(), srtp_aes_icm_256.test_data) ==
        srtp_err_status_ok);
  CHECK(srtp_cipher_type_test(&openssl_aes_gcm_128_type(), srtp_aes_gcm_128.test_data) ==
        srtp_err_status_ok);
  CHECK(srtp_auth_type_test(&openssl_hmac_sha1_type(), srtp_hmac.test_data) == srtp_err_status_ok);
  // And libsrtp2's own types agree with our vectors: both sides are checked independently.
  CHECK(srtp_cipher_type_test(&srtp_aes_icm_128, openssl_aes_icm_128_type().test_data) ==
        srtp_err_status_ok);
  CHECK(srtp_cipher_type_test(&srtp_aes_gcm_128, openssl_aes_gcm_128_type().test_data) ==
        srtp_err_status_ok);
  CHECK(srtp_auth_type_test(&srtp_hmac, openssl_hmac_sha1_type().test_data) == srtp_err_status_ok);
}

TEST_CASE("after installation libsrtp2's crypto kernel hands out our types") {
  std::string error;
  REQUIRE(install_srtp_backend(error));
  CHECK(install_srtp_backend(error));  // idempotent
  srtp_cipher_t *cipher = nullptr;
  REQUIRE(srtp_crypto_kernel_alloc_cipher(SRTP_AES_ICM_128, &cipher, 30, 0) == srtp_err_status_ok);
  CHECK(cipher->type == &openssl_aes_icm_128_type());
  srtp_cipher_dealloc(cipher);
  REQUIRE(srtp_crypto_kernel_alloc_cipher(SRTP_AES_ICM_256, &cipher, 46, 0) == srtp_err_status_ok);
  CHECK(cipher->type == &openssl_aes_icm_256_type());
  srtp_cipher_dealloc(cipher);
  REQUIRE(srtp_crypto_kernel_alloc_cipher(SRTP_AES_GCM_128, &cipher, 28, 16) == srtp_err_status_ok);
  CHECK(cipher->type == &openssl_aes_gcm_128_type());
  srtp_cipher_dealloc(cipher);
  srtp_auth_t *auth = nullptr;
  REQUIRE(srtp_crypto_kernel_alloc_auth(SRTP_HMAC_SHA1, &auth, 20, 10) == srtp_err_status_ok);
  CHECK(auth->type == &openssl_hmac_sha1_type());
  srtp_auth_dealloc(auth);
}

TEST_CASE("libsrtp2 refuses a replacement whose known answers are wrong") {
  std::string error;
  REQUIRE(install_srtp_backend(error));
  static const uint8_t wrong_stream[32] = {1};
  static srtp_cipher_test_case_t wrong_case;
  wrong_case = *openssl_aes_icm_128_type().test_data;
  wrong_case.plaintext_length_octets = wrong_case.ciphertext_length_octets = 32;
  wrong_case.ciphertext = wrong_stream;
  static srtp_cipher_type_t broken;
  broken = openssl_aes_icm_128_type();
  broken.test_data = &wrong_case;
  CHECK(srtp_replace_cipher_type(&broken, SRTP_AES_ICM_128) == srtp_err_status_algo_fail);
  srtp_cipher_t *cipher = nullptr;
  REQUIRE(srtp_crypto_kernel_alloc_cipher(SRTP_AES_ICM_128, &cipher, 30, 0) == srtp_err_status_ok);
  CHECK(cipher->type == &openssl_aes_icm_128_type());  // still ours, not the broken copy
  srtp_cipher_dealloc(cipher);
}

TEST_CASE("RFC 3711 B.3 key derivation through our AES-ICM") {
  // Master key || master salt of RFC 3711 B.3; label 0/1/2 = cipher key / auth key / salt,
  // key derivation rate 0, so the IV is the label at byte 7 XOR the salt.
  auto master = from_hex("E1F97A0D3E018BE0D64FA32C06DE4139 0EC675AD498AFEEBB6960B3AABE6");
  auto derive = [&](uint8_t label, size_t length) {
    srtp_cipher_t *cipher = nullptr;
    REQUIRE(srtp_cipher_type_alloc(&openssl_aes_icm_128_type(), &cipher, 30, 0) ==
            srtp_err_status_ok);
    REQUIRE(srtp_cipher_init(cipher, master.data()) == srtp_err_status_ok);
    uint8_t iv[16] = {};
    iv[7] = label;
    REQUIRE(srtp_cipher_set_iv(cipher, iv, srtp_direction_encrypt) == srtp_err_status_ok);
    std::vector<uint8_t> out(length, 0);
    uint32_t octets = static_cast<uint32_t>(length);
    REQUIRE(srtp_cipher_encrypt(cipher, out.data(), &octets) == srtp_err_status_ok);
    srtp_cipher_dealloc(cipher);
    return out;
  };
  CHECK(derive(0, 16) == from_hex("C61E7A93744F39EE10734AFE3FF7A087"));
  CHECK(derive(2, 14) == from_hex("30CBBC08863D8C85D49DB34A9AE1"));
  CHECK(derive(1, 20) == from_hex("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4"));
}

TEST_CASE("libsrtp2's reference SRTP and SRTCP packets, AES_CM_128_HMAC_SHA1_80") {
  // srtp_validate() in libsrtp2's test driver: the RFC 3711 B.3 master key, SSRC 0xcafebabe.
  CryptoAttribute attr = lineside::srtp::test::attribute(
      Suite::aes_cm_128_hmac_sha1_80,
      from_hex("E1F97A0D3E018BE0D64FA32C06DE4139 0EC675AD498AFEEBB6960B3AABE6"));
  auto rtp_plain = from_hex("800f1234decafbadcafebabe abababababababababababababababab");
  auto srtp =
      from_hex("800f1234decafbadcafebabe 4e55dc4ce79978d88ca4d215949d2402 b78d6acc99ea179b8dbb");
  auto rtcp_plain = from_hex("81c8000bcafebabe abababababababababababababababab");
  auto srtcp =
      from_hex("81c8000bcafebabe 7128035be487b9bdbef89041f977a5a8 80000001 993e08cd54d6c1230798");
  std::string error;
  auto sender = SrtpStream::create(attr, Direction::outbound, error);
  auto receiver = SrtpStream::create(attr, Direction::inbound, error);
  REQUIRE(sender);
  REQUIRE(receiver);

  std::vector<uint8_t> buffer = rtp_plain;
  buffer.resize(rtp_plain.size() + SrtpStream::kMaxTrailer);
  size_t len = rtp_plain.size();
  REQUIRE(sender->protect_rtp(buffer.data(), len, buffer.size()));
  CHECK(std::vector<uint8_t>(buffer.begin(), buffer.begin() + static_cast<long>(len)) == srtp);
  REQUIRE(receiver->unprotect_rtp(buffer.data(), len));
  CHECK(std::vector<uint8_t>(buffer.begin(), buffer.begin() + static_cast<long>(len)) == rtp_plain);

  buffer = rtcp_plain;
  buffer.resize(rtcp_plain.size() + SrtpStream::kMaxTrailer);
  len = rtcp_plain.size();
  REQUIRE(sender->protect_rtcp(buffer.data(), len, buffer.size()));
  CHECK(std::vector<uint8_t>(buffer.begin(), buffer.begin() + static_cast<long>(len)) == srtcp);
  REQUIRE(receiver->unprotect_rtcp(buffer.data(), len));
  CHECK(std::vector<uint8_t>(buffer.begin(), buffer.begin() + static_cast<long>(len)) ==
        rtcp_plain);
}
