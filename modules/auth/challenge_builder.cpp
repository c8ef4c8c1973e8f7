// auth/challenge_builder.cpp: formatting digest challenges.
#include "challenge_builder.hpp"

namespace lineside::auth {
namespace {

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace

std::string challenge_value(DigestAlgorithm algorithm, std::string_view realm,
                            std::string_view nonce, bool stale) {
  std::string value = "Digest realm=" + quoted(realm) + ", nonce=" + quoted(nonce) +
                      ", algorithm=" + std::string(algorithm_name(algorithm)) + ", qop=\"auth\"";
  if (stale) value += ", stale=true";
  return value;
}

std::vector<Header> challenge_headers(const std::vector<DigestAlgorithm> &algorithms,
                                      std::string_view realm, std::string_view nonce, bool stale,
                                      bool proxy) {
  std::vector<Header> headers;
  headers.reserve(algorithms.size());
  const char *name = proxy ? "Proxy-Authenticate" : "WWW-Authenticate";
  for (DigestAlgorithm algorithm : algorithms) {
    headers.push_back(Header{name, challenge_value(algorithm, realm, nonce, stale)});
  }
  return headers;
}

}  // namespace lineside::auth
