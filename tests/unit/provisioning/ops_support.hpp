// tests/unit/provisioning/ops_support.hpp: helpers to run provisioning operations on JSON text.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "provisioning/json_fields.hpp"
#include "provisioning/provisioning_ops.hpp"

namespace lineside::kernel::test {

inline OpContext context(uint32_t ip = 100, uint32_t single = 10) { return OpContext{"pbx.test", {ip, single}}; }

inline Poco::JSON::Object::Ptr json(const std::string &text) {
  Refusal r;
  Poco::JSON::Object::Ptr o = parse_json_object(text, r);
  REQUIRE_MESSAGE(o, text);
  return o;
}

/// (field, rule) of every error.
inline std::vector<std::pair<std::string, std::string>> rules(const OpResult &r) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const FieldError &e : r.refusal.errors) out.emplace_back(e.field, e.rule);
  return out;
}

using Rules = std::vector<std::pair<std::string, std::string>>;

/// Create a device from JSON and return the next directory (the creation must succeed).
inline DirectoryData with(const DirectoryData &now, const std::string &device_json, const OpContext &ctx = context()) {
  OpResult r = op_create_device(now, ctx, *json(device_json));
  REQUIRE_MESSAGE(!r.refusal.refused(), (r.refusal.errors.empty() ? "" : r.refusal.errors.front().message));
  return r.next;
}

inline std::string phone(const std::string &user, const std::string &extra = "") {
  return R"({"id":"dev-)" + user + R"(","user":")" + user + R"(","dn":")" + user + R"(","password":"pw)" + user +
         "\"" + (extra.empty() ? "" : "," + extra) + "}";
}

}  // namespace lineside::kernel::test
