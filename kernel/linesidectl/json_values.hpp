// linesidectl/json_values.hpp: parsing server JSON and turning its values into table text.
#pragma once

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <string>
#include <utility>
#include <vector>

namespace lineside::ctl {

/// Parse `text` as a JSON object, keeping key order; nullptr when it is not one.
Poco::JSON::Object::Ptr parse_object(const std::string &text);

/// Parse `text` as a JSON object or throw RefusedError("<what>: not JSON ...").
Poco::JSON::Object::Ptr require_object(const std::string &text, const std::string &what);

/// Table text of a JSON value: strings as they are, booleans yes/no, arrays comma-joined, null "".
std::string value_text(const Poco::Dynamic::Var &value);

/// obj[key] as table text ("" when missing).
std::string field_text(const Poco::JSON::Object &obj, const std::string &key);

/// The array at obj[key] (empty array when missing or not an array).
Poco::JSON::Array::Ptr array_field(const Poco::JSON::Object &obj, const std::string &key);

/// Every member of `obj` in its order, as "key: value" pairs for render_fields().
std::vector<std::pair<std::string, std::string>> object_fields(const Poco::JSON::Object &obj);

/// Compact JSON text of an object.
std::string json_text(const Poco::JSON::Object &obj);

}  // namespace lineside::ctl
