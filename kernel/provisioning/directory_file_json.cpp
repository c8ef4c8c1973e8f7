// provisioning/directory_file_json.cpp: DeviceSpec list -> import bundle JSON; file hash.
#include "provisioning/directory_file_json.hpp"

#include <openssl/evp.h>

#include <Poco/JSON/Array.h>

#include <fstream>
#include <sstream>

#include "config/directory_file.hpp"

namespace lineside::kernel {

Poco::JSON::Object::Ptr directory_file_bundle(const std::string &path) {
  Poco::JSON::Array::Ptr devices = new Poco::JSON::Array;
  for (const DeviceSpec &spec : load_directory_file(path)) {
    Poco::JSON::Object::Ptr d = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    d->set("id", spec.id);
    d->set("user", spec.user);
    d->set("dn", spec.dn);
    d->set("display_name", spec.display_name);
    d->set("auth", spec.auth);
    d->set("device_type", spec.device_type);
    Poco::JSON::Array::Ptr lines = new Poco::JSON::Array;
    for (const auto &dn : spec.additional_dns) lines->add(dn);
    d->set("additional_dns", lines);
    d->set("forward_always", spec.forward_always);
    d->set("forward_busy", spec.forward_busy);
    d->set("forward_no_answer", spec.forward_no_answer);
    d->set("forward_no_answer_timeout", spec.forward_no_answer_timeout_s);
    if (!spec.password.empty()) d->set("password", spec.password);
    if (spec.password.empty() && !spec.ha1_md5.empty()) d->set("ha1_md5", spec.ha1_md5);
    if (spec.password.empty() && !spec.ha1_sha256.empty()) d->set("ha1_sha256", spec.ha1_sha256);
    devices->add(d);
  }
  Poco::JSON::Object::Ptr bundle = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  bundle->set("devices", devices);
  return bundle;
}

std::string file_sha256(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string bytes = ss.str();
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), out, &len, EVP_sha256(), nullptr) != 1) return "";
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < len; ++i) {
    hex.push_back(kHex[out[i] >> 4]);
    hex.push_back(kHex[out[i] & 15]);
  }
  return hex;
}

}  // namespace lineside::kernel
