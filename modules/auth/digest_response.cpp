// auth/digest_response.cpp: HA1 and qop=auth response computation.
#include "digest_response.hpp"

namespace lineside::auth {

std::string compute_ha1(DigestAlgorithm algorithm, std::string_view username,
                        std::string_view realm, std::string_view password) {
  std::string a1;
  a1.reserve(username.size() + realm.size() + password.size() + 2);
  a1.append(username).append(":").append(realm).append(":").append(password);
  return hex_hash(algorithm, a1);
}

std::string compute_response(const DigestResponseInputs &inputs) {
  std::string a2;
  a2.append(inputs.method).append(":").append(inputs.uri);
  const std::string ha2 = hex_hash(inputs.algorithm, a2);
  std::string kd;
  kd.reserve(inputs.ha1.size() + inputs.nonce.size() + inputs.nc.size() + inputs.cnonce.size() +
             inputs.qop.size() + ha2.size() + 5);
  kd.append(inputs.ha1).append(":").append(inputs.nonce).append(":").append(inputs.nc);
  kd.append(":").append(inputs.cnonce).append(":").append(inputs.qop).append(":").append(ha2);
  return hex_hash(inputs.algorithm, kd);
}

}  // namespace lineside::auth
