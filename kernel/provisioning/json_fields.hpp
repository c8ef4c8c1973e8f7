// provisioning/json_fields.hpp: reading typed fields out of a JSON object with errors that name
// the field (Poco JSON stays inside provisioning and admin).
#pragma once

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "provisioning/field_error.hpp"

namespace lineside::kernel {

/// Parse `body` as one JSON object; on failure adds a 400 for field "body" and returns null.
Poco::JSON::Object::Ptr parse_json_object(const std::string &body, Refusal &refusal);

/// Typed reads of one object's fields. A present field of the wrong type is a 400 naming
/// prefix+key; an absent one leaves `out` alone. Each getter returns whether it set `out`.
class FieldReader {
 public:
  FieldReader(const Poco::JSON::Object &object, std::string prefix, Refusal &refusal);
  bool text(const std::string &key, std::string &out);
  bool boolean(const std::string &key, bool &out);
  bool integer(const std::string &key, int64_t min, int64_t max, int64_t &out);
  bool text_list(const std::string &key, std::vector<std::string> &out);
  /// The object or array under key, or null (400 when present with another type).
  Poco::JSON::Object::Ptr object(const std::string &key);
  Poco::JSON::Array::Ptr array(const std::string &key);
  /// 400 for every key the caller did not read or list in `also_known`.
  void refuse_unknown(const std::set<std::string> &also_known = {});
  [[nodiscard]] std::string path(const std::string &key) const { return prefix_ + key; }
  [[nodiscard]] bool has(const std::string &key) const { return object_.has(key); }
  void error(unsigned status, const std::string &key, const std::string &rule, const std::string &message);

 private:
  void wrong_type(const std::string &key, const char *expected);
  const Poco::JSON::Object &object_;
  std::string prefix_;
  Refusal &refusal_;
  std::set<std::string> read_;
};

/// Compact JSON text of an object.
std::string json_text(const Poco::JSON::Object::Ptr &object);
/// A refusal as the API's error body: {"error": first message, "errors": [...]}.
std::string refusal_json(const Refusal &refusal);

}  // namespace lineside::kernel
