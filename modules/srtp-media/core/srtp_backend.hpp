// srtp-media/core/srtp_backend.hpp: process-wide libsrtp2 start-up with the OpenSSL crypto backend.
#pragma once

#include <string>

namespace lineside::srtp {

/// Once per process (idempotent, thread-safe; later calls return the first call's result):
/// srtp_init(), then replace libsrtp2's AES-ICM (128/192/256), AES-128-GCM and HMAC-SHA1 with the
/// OpenSSL EVP implementations of openssl_srtp_types.hpp. Debian's libsrtp2 runs those on NSS,
/// which builds a PKCS#11 context per packet and slows down with every live session; ours keep
/// one EVP context per session. libsrtp2 runs both its own and our known-answer tests on each
/// replaced type and refuses the replacement if one fails. False with `error` set if anything
/// failed; then no SRTP session may be created.
[[nodiscard]] bool install_srtp_backend(std::string &error);

}  // namespace lineside::srtp
