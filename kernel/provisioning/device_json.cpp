// provisioning/device_json.cpp: device JSON reading (typed, field by field) and writing.
#include "provisioning/device_json.hpp"

#include <Poco/JSON/Array.h>

#include "provisioning/json_fields.hpp"
#include "provisioning/text_rules.hpp"

namespace lineside::kernel {

const char *service_level_name(ServiceLevel level) {
  return level == ServiceLevel::full ? "full" : "basic";
}

void read_device_json(const Poco::JSON::Object &object, const std::string &prefix, DeviceJsonMode mode,
                      Device &d, CredentialInput &creds, Refusal &refusal) {
  FieldReader f(object, prefix, refusal);
  std::string text;
  if (mode != DeviceJsonMode::patch) f.text("id", d.id);
  f.text("user", d.user);
  f.text("dn", d.dn);
  f.text("display_name", d.display_name);
  f.boolean("auth", d.auth_enabled);
  f.text("device_type", d.device_type);
  f.text_list("additional_dns", d.additional_dns);
  if (f.text("service_level", text)) {
    if (text == "full") d.service_level = ServiceLevel::full;
    else if (text == "basic") d.service_level = ServiceLevel::basic;
    else f.error(400, "service_level", "enum", "expected full or basic");
  }
  f.boolean("single_line", d.single_line);
  int64_t n = 0;
  if (f.integer("profile", 0, 100000, n)) d.profile = static_cast<uint32_t>(n);
  f.text("cesid", d.cesid);
  f.text("voicemail_box", d.voicemail_box);
  f.boolean("hot_desk", d.hot_desk);
  f.text("forward_always", d.forward.always);
  f.text("forward_busy", d.forward.busy);
  f.text("forward_no_answer", d.forward.no_answer);
  if (f.integer("forward_no_answer_timeout", 1, 600, n)) d.forward.no_answer_timeout_s = static_cast<uint32_t>(n);
  if (f.text("password", text)) {
    if (text.empty()) f.error(422, "password", "not_empty", "must not be empty");
    creds.password = text;
  }
  if (f.text("ha1_md5", text)) {
    if (!text.empty() && !valid_hex(text, 32)) f.error(400, "ha1_md5", "format", "expected 32 lowercase hex digits");
    creds.ha1_md5 = text;
  }
  if (f.text("ha1_sha256", text)) {
    if (!text.empty() && !valid_hex(text, 64)) f.error(400, "ha1_sha256", "format", "expected 64 lowercase hex digits");
    creds.ha1_sha256 = text;
  }
  if (mode == DeviceJsonMode::record) f.text("realm", d.realm);
  f.refuse_unknown(mode == DeviceJsonMode::patch ? std::set<std::string>{"id"} : std::set<std::string>{});
}

namespace {
Poco::JSON::Array::Ptr list_of(const std::vector<std::string> &items) {
  Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
  for (const auto &s : items) a->add(s);
  return a;
}

Poco::JSON::Object::Ptr common(const Device &d) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("id", d.id);
  o->set("device_type", d.device_type);
  o->set("service_level", std::string(service_level_name(d.service_level)));
  o->set("user", d.user);
  o->set("dn", d.dn);
  o->set("additional_dns", list_of(d.additional_dns));
  o->set("display_name", d.display_name);
  o->set("auth", d.auth_enabled);
  o->set("single_line", d.single_line);
  o->set("profile", d.profile);
  o->set("cesid", d.cesid);
  o->set("voicemail_box", d.voicemail_box);
  o->set("hot_desk", d.hot_desk);
  o->set("forward_always", d.forward.always);
  o->set("forward_busy", d.forward.busy);
  o->set("forward_no_answer", d.forward.no_answer);
  o->set("forward_no_answer_timeout", d.forward.no_answer_timeout_s);
  return o;
}
}  // namespace

Poco::JSON::Object::Ptr device_api_json(const Device &d, uint32_t effective_profile) {
  Poco::JSON::Object::Ptr o = common(d);
  o->set("effective_profile", effective_profile);
  Poco::JSON::Object::Ptr creds = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  creds->set("md5", !d.ha1_md5.empty());
  creds->set("sha256", !d.ha1_sha256.empty());
  o->set("credentials", creds);
  return o;
}

Poco::JSON::Object::Ptr device_record_json(const Device &d, bool with_realm) {
  Poco::JSON::Object::Ptr o = common(d);
  o->set("ha1_md5", d.ha1_md5);
  o->set("ha1_sha256", d.ha1_sha256);
  if (with_realm) o->set("realm", d.realm);
  return o;
}

}  // namespace lineside::kernel
