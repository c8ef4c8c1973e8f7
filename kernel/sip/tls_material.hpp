// sip/tls_material.hpp: turns a listener's certificate/key/CA files into what Sofia's TLS wants,
// and enforces the process-wide TLS protocol floor.
#pragma once

#include <string>

namespace lineside::kernel {

/// Check that cert_file and key_file are readable PEM, that the key matches the certificate, and
/// build `dir` (0700) holding agent.pem (key + chain, 0600) and cafile.pem. Returns "" or the
/// reason ("cannot read certificate /x.pem: No such file or directory").
std::string prepare_tls_dir(const std::string &dir, const std::string &cert_file,
                            const std::string &key_file, const std::string &ca_file);

/// Make every TLS context created from now on refuse protocols below `min_version`
/// (0x0303 = TLS 1.2, 0x0304 = TLS 1.3) by loading an OpenSSL config written to `conf_path`.
/// Sofia offers no knob for this; OpenSSL applies `system_default` at SSL_CTX_new.
/// Returns "" or the reason.
std::string enforce_tls_floor(const std::string &conf_path, unsigned min_version);

}  // namespace lineside::kernel
