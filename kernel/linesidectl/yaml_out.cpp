// linesidectl/yaml_out.cpp: Poco JSON values -> yaml-cpp Emitter.
#include "linesidectl/yaml_out.hpp"

#include <yaml-cpp/yaml.h>

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <cctype>

namespace lineside::ctl {

namespace {

bool looks_typed(const std::string &s) {
  if (s.empty()) return true;
  if (s.find_first_not_of("0123456789+-.eExXoO_") == std::string::npos) return true;
  std::string lower = s;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char *word : {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ".inf", ".nan"}) {
    if (lower == word) return true;
  }
  return false;
}

bool is_scalar(const Poco::Dynamic::Var &v) {
  return v.type() != typeid(Poco::JSON::Object::Ptr) && v.type() != typeid(Poco::JSON::Array::Ptr);
}

void emit(YAML::Emitter &out, const Poco::Dynamic::Var &v);

void emit_object(YAML::Emitter &out, const Poco::JSON::Object &obj) {
  out << YAML::BeginMap;
  for (const std::string &key : obj.getNames()) {
    out << YAML::Key << key << YAML::Value;
    emit(out, obj.get(key));
  }
  out << YAML::EndMap;
}

void emit(YAML::Emitter &out, const Poco::Dynamic::Var &v) {
  if (v.isEmpty()) {
    out << YAML::Null;
  } else if (v.type() == typeid(Poco::JSON::Object::Ptr)) {
    emit_object(out, *v.extract<Poco::JSON::Object::Ptr>());
  } else if (v.type() == typeid(Poco::JSON::Array::Ptr)) {
    const Poco::JSON::Array::Ptr a = v.extract<Poco::JSON::Array::Ptr>();
    const bool flat = std::all_of(a->begin(), a->end(), is_scalar);
    out << (flat ? YAML::Flow : YAML::Block) << YAML::BeginSeq;
    for (const auto &item : *a) emit(out, item);
    out << YAML::EndSeq;
  } else if (v.type() == typeid(bool)) {
    out << (v.extract<bool>() ? "true" : "false");
  } else if (v.isString()) {
    const std::string s = v.convert<std::string>();
    if (looks_typed(s)) out << YAML::DoubleQuoted;
    out << s;
  } else {
    out << v.convert<std::string>();
  }
}

}  // namespace

std::string yaml_text(const Poco::JSON::Object &obj) {
  YAML::Emitter out;
  emit_object(out, obj);
  return std::string(out.c_str()) + "\n";
}

}  // namespace lineside::ctl
