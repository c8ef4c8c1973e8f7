// srtp-media/core/srtp_status.cpp: words for libsrtp2's srtp_err_status_t codes.
#include "core/srtp_status.hpp"

#include <srtp2/srtp.h>

namespace lineside::srtp {

const char *srtp_status_text(int status) {
  switch (static_cast<srtp_err_status_t>(status)) {
    case srtp_err_status_ok:
      return "ok";
    case srtp_err_status_fail:
      return "unspecified failure";
    case srtp_err_status_bad_param:
      return "bad parameter";
    case srtp_err_status_alloc_fail:
      return "out of memory";
    case srtp_err_status_init_fail:
      return "initialisation failed";
    case srtp_err_status_terminus:
      return "keystream exhausted";
    case srtp_err_status_auth_fail:
      return "authentication failed";
    case srtp_err_status_cipher_fail:
      return "cipher failed";
    case srtp_err_status_replay_fail:
      return "replayed packet";
    case srtp_err_status_replay_old:
      return "packet too old for the replay window";
    case srtp_err_status_algo_fail:
      return "known-answer self-test failed";
    case srtp_err_status_no_such_op:
      return "unsupported operation";
    case srtp_err_status_no_ctx:
      return "no stream for this SSRC";
    case srtp_err_status_cant_check:
      return "no test data to check the algorithm";
    case srtp_err_status_key_expired:
      return "key usage limit reached";
    case srtp_err_status_parse_err:
      return "malformed packet";
    case srtp_err_status_bad_mki:
      return "unknown MKI";
    case srtp_err_status_pkt_idx_old:
      return "packet index too old";
    case srtp_err_status_pkt_idx_adv:
      return "packet index too far ahead";
    default:
      return "libsrtp2 error";
  }
}

}  // namespace lineside::srtp
