// linesidectl/field_values.cpp: the field tables (from kernel/admin/openapi.yaml) and value parsing.
#include "linesidectl/field_values.hpp"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <cctype>

#include "linesidectl/ctl_errors.hpp"

namespace lineside::ctl {

namespace {

using K = FieldKind;

bool parse_bool(std::string v, bool &out) {
  std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (v == "yes" || v == "true" || v == "on" || v == "1") {
    out = true;
    return true;
  }
  if (v == "no" || v == "false" || v == "off" || v == "0") {
    out = false;
    return true;
  }
  return false;
}

Poco::JSON::Array::Ptr parse_list(const std::string &v) {
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
  size_t start = 0;
  while (start < v.size()) {
    const size_t comma = v.find(',', start);
    const std::string item = v.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) list->add(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return list;
}

}  // namespace

const FieldKinds &device_fields() {
  static const FieldKinds k = {
      {"id", K::Text}, {"user", K::Text}, {"dn", K::Text}, {"additional_dns", K::List},
      {"display_name", K::Text}, {"device_type", K::Text}, {"service_level", K::Text},
      {"single_line", K::Bool}, {"auth", K::Bool}, {"password", K::Text}, {"ha1_md5", K::Text},
      {"ha1_sha256", K::Text}, {"profile", K::Int}, {"cesid", K::Text}, {"voicemail_box", K::Text},
      {"hot_desk", K::Bool}, {"forward_always", K::Text}, {"forward_busy", K::Text},
      {"forward_no_answer", K::Text}, {"forward_no_answer_timeout", K::Int}};
  return k;
}

const FieldKinds &profile_fields() {
  static const FieldKinds k = {
      {"comment", K::Text}, {"outbound_proxy", K::Text}, {"device_based_in_call_features", K::Bool},
      {"digit_collection_busy_alerting", K::Bool}, {"distinctive_ring_tones", K::Bool},
      {"call_park_method", K::Text}, {"allow_display_update", K::Bool}, {"prevent_ip_0000_hold", K::Bool},
      {"avp_only", K::Bool}, {"enable_prack", K::Bool}, {"use_pai", K::Bool}, {"session_timer", K::Int},
      {"force_sdp_in_initial_invite", K::Bool}, {"one_offer_answer_per_invite", K::Bool}};
  return k;
}

const FieldKinds &option_fields() {
  static const FieldKinds k = {
      {"srtp_enabled", K::Bool}, {"default_cesid", K::Text}, {"emergency_numbers", K::List},
      {"smdr_internal", K::Bool}, {"smdr_external", K::Bool}, {"smdr_extended_digits", K::Bool},
      {"smdr_ani_dnis", K::Bool}, {"smdr_24h_clock", K::Bool}, {"smdr_system_id", K::Text}};
  return k;
}

std::string field_names(const FieldKinds &kinds) {
  std::string out;
  for (const auto &[name, kind] : kinds) out += (out.empty() ? "" : ", ") + name;
  return out;
}

Poco::JSON::Object::Ptr fields_object(const std::vector<std::string> &assignments, const FieldKinds &kinds,
                                      const std::string &what) {
  Poco::JSON::Object::Ptr obj = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const std::string &arg : assignments) {
    const size_t eq = arg.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError("expected name=value, got '" + arg + "'");
    std::string name = arg.substr(0, eq);
    std::replace(name.begin(), name.end(), '-', '_');
    const std::string value = arg.substr(eq + 1);
    const auto it = kinds.find(name);
    if (it == kinds.end()) throw UsageError("unknown " + what + " field '" + name + "'; fields: " + field_names(kinds));
    switch (it->second) {
      case K::Text:
        obj->set(name, value);
        break;
      case K::Bool: {
        bool b = false;
        if (!parse_bool(value, b)) throw UsageError(name + "=" + value + ": expected yes or no");
        obj->set(name, b);
        break;
      }
      case K::Int:
        if (value.empty() || value.size() > 9 || value.find_first_not_of("0123456789") != std::string::npos) {
          throw UsageError(name + "=" + value + ": expected a whole number");
        }
        obj->set(name, std::stoi(value));
        break;
      case K::List:
        obj->set(name, parse_list(value));
        break;
    }
  }
  return obj;
}

}  // namespace lineside::ctl
