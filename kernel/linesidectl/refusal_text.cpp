// linesidectl/refusal_text.cpp: the Error body ({error, errors: [{field, rule, message}]}) as text.
#include "linesidectl/refusal_text.hpp"

#include "linesidectl/json_values.hpp"

namespace lineside::ctl {

namespace {

std::string error_line(const Poco::JSON::Object &e) {
  const std::string field = field_text(e, "field");
  const std::string rule = field_text(e, "rule");
  std::string message = field_text(e, "message");
  if (message.empty()) message = rule;
  // The server's messages often name the field already ("dn: DN '1001' is ...").
  const bool named = !field.empty() && message.rfind(field + ":", 0) == 0;
  std::string line = field.empty() || named ? message : field + ": " + message;
  if (!rule.empty()) line += " (rule " + rule + ")";
  return line;
}

}  // namespace

std::string refusal_text(unsigned status, const std::string &reason, const std::string &body) {
  std::string out = "refused: " + std::to_string(status) + (reason.empty() ? "" : " " + reason);
  const Poco::JSON::Object::Ptr obj = parse_object(body);
  if (!obj) {
    const std::string first = body.substr(0, body.find('\n'));
    return first.empty() ? out : out + ": " + first;
  }
  const Poco::JSON::Array::Ptr errors = array_field(*obj, "errors");
  if (errors->size() == 0) {
    const std::string error = field_text(*obj, "error");
    return error.empty() ? out : out + ": " + error;
  }
  for (size_t i = 0; i < errors->size(); ++i) {
    const Poco::JSON::Object::Ptr e = errors->getObject(static_cast<unsigned>(i));
    if (e) out += "\n  " + error_line(*e);
  }
  return out;
}

}  // namespace lineside::ctl
