// provisioning/json_fields.cpp: typed JSON field reads and the error body.
#include "provisioning/json_fields.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

namespace lineside::kernel {

Poco::JSON::Object::Ptr parse_json_object(const std::string &body, Refusal &refusal) {
  try {
    Poco::JSON::Parser parser;
    Poco::Dynamic::Var v = parser.parse(body);
    if (v.type() == typeid(Poco::JSON::Object::Ptr)) return v.extract<Poco::JSON::Object::Ptr>();
    refusal.add(400, {"body", "json_object", "expected a JSON object", {}});
  } catch (const Poco::Exception &e) {
    refusal.add(400, {"body", "json_syntax", "malformed JSON: " + e.message(), {}});
  }
  return nullptr;
}

FieldReader::FieldReader(const Poco::JSON::Object &object, std::string prefix, Refusal &refusal)
    : object_(object), prefix_(std::move(prefix)), refusal_(refusal) {}

void FieldReader::error(unsigned status, const std::string &key, const std::string &rule,
                        const std::string &message) {
  refusal_.add(status, {path(key), rule, path(key) + ": " + message, {}});
}

void FieldReader::wrong_type(const std::string &key, const char *expected) {
  error(400, key, "type", std::string("expected ") + expected);
}

bool FieldReader::text(const std::string &key, std::string &out) {
  read_.insert(key);
  if (!object_.has(key)) return false;
  Poco::Dynamic::Var v = object_.get(key);
  if (!v.isString()) {
    wrong_type(key, "a string");
    return false;
  }
  out = v.extract<std::string>();
  return true;
}

bool FieldReader::boolean(const std::string &key, bool &out) {
  read_.insert(key);
  if (!object_.has(key)) return false;
  Poco::Dynamic::Var v = object_.get(key);
  if (!v.isBoolean()) {
    wrong_type(key, "true or false");
    return false;
  }
  out = v.extract<bool>();
  return true;
}

bool FieldReader::integer(const std::string &key, int64_t min, int64_t max, int64_t &out) {
  read_.insert(key);
  if (!object_.has(key)) return false;
  Poco::Dynamic::Var v = object_.get(key);
  if (!v.isInteger() || v.isBoolean()) {
    wrong_type(key, "an integer");
    return false;
  }
  const int64_t n = v.convert<int64_t>();
  if (n < min || n > max) {
    error(422, key, "range", "must be " + std::to_string(min) + ".." + std::to_string(max));
    return false;
  }
  out = n;
  return true;
}

bool FieldReader::text_list(const std::string &key, std::vector<std::string> &out) {
  Poco::JSON::Array::Ptr list = array(key);
  if (!list) return false;
  std::vector<std::string> items;
  for (size_t i = 0; i < list->size(); ++i) {
    Poco::Dynamic::Var v = list->get(static_cast<unsigned>(i));
    if (!v.isString()) {
      error(400, key + "[" + std::to_string(i) + "]", "type", "expected a string");
      return false;
    }
    items.push_back(v.extract<std::string>());
  }
  out = std::move(items);
  return true;
}

Poco::JSON::Object::Ptr FieldReader::object(const std::string &key) {
  read_.insert(key);
  if (!object_.has(key)) return nullptr;
  Poco::Dynamic::Var v = object_.get(key);
  if (v.type() != typeid(Poco::JSON::Object::Ptr)) {
    wrong_type(key, "an object");
    return nullptr;
  }
  return v.extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Array::Ptr FieldReader::array(const std::string &key) {
  read_.insert(key);
  if (!object_.has(key)) return nullptr;
  Poco::Dynamic::Var v = object_.get(key);
  if (v.type() != typeid(Poco::JSON::Array::Ptr)) {
    wrong_type(key, "a list");
    return nullptr;
  }
  return v.extract<Poco::JSON::Array::Ptr>();
}

void FieldReader::refuse_unknown(const std::set<std::string> &also_known) {
  std::vector<std::string> names;
  object_.getNames(names);
  for (const std::string &n : names) {
    if (!read_.count(n) && !also_known.count(n)) error(400, n, "unknown_field", "unknown field");
  }
}

std::string json_text(const Poco::JSON::Object::Ptr &object) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(object, out);
  return out.str();
}

std::string refusal_json(const Refusal &refusal) {
  Poco::JSON::Object::Ptr body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  body->set("error", refusal.errors.empty() ? std::string("refused") : refusal.errors.front().message);
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
  for (const FieldError &e : refusal.errors) {
    Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    item->set("field", e.field);
    item->set("rule", e.rule);
    item->set("message", e.message);
    for (const auto &[name, value] : e.numbers) item->set(name, value);
    list->add(item);
  }
  body->set("errors", list);
  return json_text(body);
}

}  // namespace lineside::kernel
