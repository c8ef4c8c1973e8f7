// srtp-media/core/srtp_status.hpp: words for libsrtp2's srtp_err_status_t codes.
#pragma once

namespace lineside::srtp {

/// "authentication failed", "replayed packet", ... for a srtp_err_status_t value (as int, so
/// callers need not include libsrtp2); "libsrtp2 error" for codes we do not name.
[[nodiscard]] const char *srtp_status_text(int status);

}  // namespace lineside::srtp
