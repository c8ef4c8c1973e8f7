// linesidectl/json_values.cpp: Poco JSON parsing and value formatting for the tables.
#include "linesidectl/json_values.hpp"

#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

#include "linesidectl/ctl_errors.hpp"

namespace lineside::ctl {

Poco::JSON::Object::Ptr parse_object(const std::string &text) {
  try {
    Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
    const Poco::Dynamic::Var v = parser.parse(text);
    if (v.type() == typeid(Poco::JSON::Object::Ptr)) return v.extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception &) {
  }
  return nullptr;
}

Poco::JSON::Object::Ptr require_object(const std::string &text, const std::string &what) {
  Poco::JSON::Object::Ptr obj = parse_object(text);
  if (!obj) throw RefusedError(what + ": the server's answer is not a JSON object: " + text.substr(0, 200));
  return obj;
}

std::string value_text(const Poco::Dynamic::Var &value) {
  if (value.isEmpty()) return "";
  if (value.type() == typeid(bool)) return value.extract<bool>() ? "yes" : "no";
  if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
    std::string out;
    for (const auto &item : *value.extract<Poco::JSON::Array::Ptr>()) {
      if (!out.empty()) out += ",";
      out += value_text(item);
    }
    return out;
  }
  if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
    std::string out;
    const Poco::JSON::Object::Ptr obj = value.extract<Poco::JSON::Object::Ptr>();
    for (const std::string &k : obj->getNames()) {
      if (!out.empty()) out += " ";
      out += k + "=" + value_text(obj->get(k));
    }
    return out;
  }
  return value.convert<std::string>();
}

std::string field_text(const Poco::JSON::Object &obj, const std::string &key) {
  return obj.has(key) ? value_text(obj.get(key)) : std::string();
}

Poco::JSON::Array::Ptr array_field(const Poco::JSON::Object &obj, const std::string &key) {
  Poco::JSON::Array::Ptr a = obj.getArray(key);
  return a ? a : Poco::JSON::Array::Ptr(new Poco::JSON::Array);
}

std::vector<std::pair<std::string, std::string>> object_fields(const Poco::JSON::Object &obj) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string &k : obj.getNames()) out.emplace_back(k, value_text(obj.get(k)));
  return out;
}

std::string json_text(const Poco::JSON::Object &obj) {
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(obj, out);
  return out.str();
}

}  // namespace lineside::ctl
