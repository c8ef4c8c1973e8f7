// tests/unit/srtp/stock_interop_test.cpp: streams on our OpenSSL backend and streams on libsrtp2's
// original (NSS) backend understand each other, both ways, for every suite.
#include <doctest/doctest.h>

#include <string>

#include "core/openssl_srtp_types.hpp"
#include "core/srtp_backend.hpp"
#include "core/srtp_stream.hpp"
#include "srtp_test_support.hpp"

extern "C" const srtp_cipher_type_t srtp_aes_icm_128;
extern "C" const srtp_cipher_type_t srtp_aes_icm_256;
extern "C" const srtp_cipher_type_t srtp_aes_gcm_128;
extern "C" const srtp_auth_type_t srtp_hmac;
extern "C" srtp_err_status_t srtp_crypto_kernel_alloc_cipher(srtp_cipher_type_id_t id,
                                                             srtp_cipher_pointer_t *cp, int key_len,
                                                             int tag_len);

using namespace lineside::srtp;
using namespace lineside::srtp::test;

namespace {

bool kernel_aes_icm_128_is(const srtp_cipher_type_t &type) {
  srtp_cipher_t *cipher = nullptr;
  if (srtp_crypto_kernel_alloc_cipher(SRTP_AES_ICM_128, &cipher, 30, 0) != srtp_err_status_ok) {
    return false;
  }
  bool same = cipher->type == &type;
  srtp_cipher_dealloc(cipher);
  return same;
}

/// Puts libsrtp2's own AES-ICM and HMAC-SHA1 back for its lifetime, then ours again. Sessions
/// keep the cipher objects they were created with, so a stream created inside the scope stays on
/// the original backend after it.
class StockBackendScope {
 public:
  StockBackendScope() {
    std::string error;
    REQUIRE(install_srtp_backend(error));
    REQUIRE(srtp_replace_cipher_type(&srtp_aes_icm_128, SRTP_AES_ICM_128) == srtp_err_status_ok);
    REQUIRE(srtp_replace_cipher_type(&srtp_aes_icm_256, SRTP_AES_ICM_256) == srtp_err_status_ok);
    REQUIRE(srtp_replace_cipher_type(&srtp_aes_gcm_128, SRTP_AES_GCM_128) == srtp_err_status_ok);
    REQUIRE(srtp_replace_auth_type(&srtp_hmac, SRTP_HMAC_SHA1) == srtp_err_status_ok);
    REQUIRE(kernel_aes_icm_128_is(srtp_aes_icm_128));
  }
  ~StockBackendScope() {
    srtp_replace_cipher_type(&openssl_aes_icm_128_type(), SRTP_AES_ICM_128);
    srtp_replace_cipher_type(&openssl_aes_icm_256_type(), SRTP_AES_ICM_256);
    srtp_replace_cipher_type(&openssl_aes_gcm_128_type(), SRTP_AES_GCM_128);
    srtp_replace_auth_type(&openssl_hmac_sha1_type(), SRTP_HMAC_SHA1);
  }
};

void exchange(SrtpStream &sender, SrtpStream &receiver) {
  for (uint16_t seq = 100; seq < 150; ++seq) {
    std::vector<uint8_t> buffer = rtp_packet(0xabcdef01, seq, 160);
    const std::vector<uint8_t> plain(buffer.begin(), buffer.begin() + 172);
    size_t len = 172;
    REQUIRE(sender.protect_rtp(buffer.data(), len, buffer.size()));
    REQUIRE(receiver.unprotect_rtp(buffer.data(), len));
    CHECK(std::vector<uint8_t>(buffer.begin(), buffer.begin() + static_cast<long>(len)) == plain);
  }
  for (int i = 0; i < 10; ++i) {
    std::vector<uint8_t> buffer = rtcp_packet(0xabcdef01);
    const std::vector<uint8_t> plain(buffer.begin(), buffer.begin() + 32);
    size_t len = 32;
    REQUIRE(sender.protect_rtcp(buffer.data(), len, buffer.size()));
    REQUIRE(receiver.unprotect_rtcp(buffer.data(), len));
    CHECK(std::vector<uint8_t>(buffer.begin(), buffer.begin() + static_cast<long>(len)) == plain);
  }
}

}  // namespace

TEST_CASE("our streams and libsrtp2's original backend interoperate") {
  for (Suite suite : kAllSuites) {
    CAPTURE(suite_name(suite));
    CryptoAttribute attr = generate_crypto(1, suite);
    std::string error;
    std::unique_ptr<SrtpStream> stock_sender;
    std::unique_ptr<SrtpStream> stock_receiver;
    {
      StockBackendScope stock;
      stock_sender = SrtpStream::create(attr, Direction::outbound, error);
      stock_receiver = SrtpStream::create(attr, Direction::inbound, error);
    }
    REQUIRE(kernel_aes_icm_128_is(openssl_aes_icm_128_type()));
    auto our_sender = SrtpStream::create(attr, Direction::outbound, error);
    auto our_receiver = SrtpStream::create(attr, Direction::inbound, error);
    REQUIRE(stock_sender);
    REQUIRE(stock_receiver);
    REQUIRE(our_sender);
    REQUIRE(our_receiver);
    exchange(*stock_sender, *our_receiver);
    exchange(*our_sender, *stock_receiver);
  }
}
