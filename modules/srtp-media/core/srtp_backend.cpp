// srtp-media/core/srtp_backend.cpp: srtp_init() and the swap of libsrtp2's crypto to OpenSSL, once.
#include "core/srtp_backend.hpp"

#include <srtp2/srtp.h>

#include <mutex>

#include "core/openssl_srtp_types.hpp"
#include "core/srtp_status.hpp"

namespace lineside::srtp {
namespace {

std::string refusal(const char *what, srtp_err_status_t status) {
  return std::string("libsrtp2 refused ") + what + " (" + srtp_status_text(status) + ")";
}

// libsrtp2 runs the new type's own test vectors, then the replaced type's, before switching.
bool replace_types(std::string &error) {
  struct CipherSwap {
    const srtp_cipher_type_t &type;
    const char *name;
  };
  const CipherSwap ciphers[] = {
      {openssl_aes_icm_128_type(), "the OpenSSL AES-ICM-128 cipher"},
      {openssl_aes_icm_192_type(), "the OpenSSL AES-ICM-192 cipher"},
      {openssl_aes_icm_256_type(), "the OpenSSL AES-ICM-256 cipher"},
      {openssl_aes_gcm_128_type(), "the OpenSSL AES-128-GCM cipher"},
  };
  for (const CipherSwap &swap : ciphers) {
    srtp_err_status_t status = srtp_replace_cipher_type(&swap.type, swap.type.id);
    if (status != srtp_err_status_ok) {
      error = refusal(swap.name, status);
      return false;
    }
  }
  const srtp_auth_type_t &hmac = openssl_hmac_sha1_type();
  srtp_err_status_t status = srtp_replace_auth_type(&hmac, hmac.id);
  if (status != srtp_err_status_ok) {
    error = refusal("the OpenSSL HMAC-SHA1 authenticator", status);
    return false;
  }
  return true;
}

bool install_once(std::string &error) {
  srtp_err_status_t status = srtp_init();
  if (status != srtp_err_status_ok) {
    error = std::string("srtp_init failed (") + srtp_status_text(status) + ")";
    return false;
  }
  return replace_types(error);
}

}  // namespace

bool install_srtp_backend(std::string &error) {
  static std::mutex mutex;
  static bool attempted = false;
  static bool installed = false;
  static std::string install_error;
  std::lock_guard<std::mutex> lock(mutex);
  if (!attempted) {
    attempted = true;
    installed = install_once(install_error);
  }
  if (!installed) error = install_error;
  return installed;
}

}  // namespace lineside::srtp
