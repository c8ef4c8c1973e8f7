// provisioning/profile_json.cpp: profile and system option JSON with value rules.
#include "provisioning/profile_json.hpp"

#include <Poco/JSON/Array.h>

#include "provisioning/json_fields.hpp"
#include "provisioning/text_rules.hpp"

namespace lineside::kernel {

void read_profile_json(const Poco::JSON::Object &object, const std::string &prefix,
                       CapabilityProfile &p, Refusal &refusal) {
  FieldReader f(object, prefix, refusal);
  if (f.text("comment", p.comment) && (p.comment.size() > kProfileCommentMax || !printable(p.comment))) {
    f.error(422, "comment", "format", "at most 15 characters, no control characters");
  }
  if (f.text("outbound_proxy", p.outbound_proxy) && !p.outbound_proxy.empty() &&
      !valid_host_port(p.outbound_proxy)) {
    f.error(422, "outbound_proxy", "format", "expected host or host:port");
  }
  f.boolean("device_based_in_call_features", p.device_based_in_call_features);
  f.boolean("digit_collection_busy_alerting", p.digit_collection_busy_alerting);
  f.boolean("distinctive_ring_tones", p.distinctive_ring_tones);
  std::string park;
  if (f.text("call_park_method", park) && !call_park_from_name(park, p.call_park_method)) {
    f.error(400, "call_park_method", "enum", "expected system, refer or none");
  }
  f.boolean("allow_display_update", p.allow_display_update);
  f.boolean("prevent_ip_0000_hold", p.prevent_ip_0000_hold);
  f.boolean("avp_only", p.avp_only);
  f.boolean("enable_prack", p.enable_prack);
  f.boolean("use_pai", p.use_pai);
  int64_t n = 0;
  if (f.integer("session_timer", 0, 86400, n)) {
    if (n != 0 && n < 90) f.error(422, "session_timer", "range", "0 (off) or 90..86400 seconds (RFC 4028 Min-SE)");
    else p.session_timer_s = static_cast<uint32_t>(n);
  }
  f.boolean("force_sdp_in_initial_invite", p.force_sdp_in_initial_invite);
  f.boolean("one_offer_answer_per_invite", p.one_offer_answer_per_invite);
  for (const char *fixed : {"id", "builtin"}) {
    if (f.has(fixed)) f.error(400, fixed, "read_only", "cannot be written");
  }
  f.refuse_unknown({"id", "builtin"});
}

Poco::JSON::Object::Ptr profile_json(const CapabilityProfile &p) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("id", p.id);
  o->set("builtin", p.builtin);
  o->set("comment", p.comment);
  o->set("outbound_proxy", p.outbound_proxy);
  o->set("device_based_in_call_features", p.device_based_in_call_features);
  o->set("digit_collection_busy_alerting", p.digit_collection_busy_alerting);
  o->set("distinctive_ring_tones", p.distinctive_ring_tones);
  o->set("call_park_method", std::string(call_park_name(p.call_park_method)));
  o->set("allow_display_update", p.allow_display_update);
  o->set("prevent_ip_0000_hold", p.prevent_ip_0000_hold);
  o->set("avp_only", p.avp_only);
  o->set("enable_prack", p.enable_prack);
  o->set("use_pai", p.use_pai);
  o->set("session_timer", p.session_timer_s);
  o->set("force_sdp_in_initial_invite", p.force_sdp_in_initial_invite);
  o->set("one_offer_answer_per_invite", p.one_offer_answer_per_invite);
  return o;
}

void read_options_json(const Poco::JSON::Object &object, const std::string &prefix, SystemOptions &o,
                       Refusal &refusal) {
  FieldReader f(object, prefix, refusal);
  f.boolean("srtp_enabled", o.srtp_enabled);
  if (f.text("default_cesid", o.default_cesid) && !o.default_cesid.empty() && !valid_cesid(o.default_cesid)) {
    f.error(422, "default_cesid", "format", "expected 7 to 12 digits");
  }
  if (f.text_list("emergency_numbers", o.emergency_numbers)) {
    for (size_t i = 0; i < o.emergency_numbers.size(); ++i) {
      if (!valid_dn(o.emergency_numbers[i])) {
        f.error(422, "emergency_numbers[" + std::to_string(i) + "]", "format", "expected 1-20 digits, '*' or '#'");
      }
    }
  }
  f.boolean("smdr_internal", o.smdr_internal);
  f.boolean("smdr_external", o.smdr_external);
  f.boolean("smdr_extended_digits", o.smdr_extended_digits);
  f.boolean("smdr_ani_dnis", o.smdr_ani_dnis);
  f.boolean("smdr_24h_clock", o.smdr_24h_clock);
  if (f.text("smdr_system_id", o.smdr_system_id) &&
      (o.smdr_system_id.size() != 3 || !valid_dn(o.smdr_system_id) ||
       o.smdr_system_id.find_first_of("*#") != std::string::npos)) {
    f.error(422, "smdr_system_id", "format", "expected exactly 3 digits");
  }
  f.refuse_unknown();
}

Poco::JSON::Object::Ptr options_json(const SystemOptions &o) {
  Poco::JSON::Object::Ptr j = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  j->set("srtp_enabled", o.srtp_enabled);
  j->set("default_cesid", o.default_cesid);
  Poco::JSON::Array::Ptr numbers = new Poco::JSON::Array;
  for (const auto &n : o.emergency_numbers) numbers->add(n);
  j->set("emergency_numbers", numbers);
  j->set("smdr_internal", o.smdr_internal);
  j->set("smdr_external", o.smdr_external);
  j->set("smdr_extended_digits", o.smdr_extended_digits);
  j->set("smdr_ani_dnis", o.smdr_ani_dnis);
  j->set("smdr_24h_clock", o.smdr_24h_clock);
  j->set("smdr_system_id", o.smdr_system_id);
  return j;
}

}  // namespace lineside::kernel
