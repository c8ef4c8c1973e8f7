// billing/cdr_format.cpp: one field list rendered as JSON or CSV, so both always agree.
#include "cdr_format.hpp"

#include <variant>
#include <vector>

#include "completion_status.hpp"
#include "text_encoding.hpp"

namespace lineside::billing {
namespace {

using Value = std::variant<std::nullptr_t, std::string, int64_t, bool>;

struct Field {
  const char *name;
  Value value;
};

const char *ended_by_text(EndedBy by) {
  switch (by) {
    case EndedBy::caller:
      return "caller";
    case EndedBy::callee:
      return "callee";
    case EndedBy::system:
      return "system";
    case EndedBy::none:
      break;
  }
  return "none";
}

int64_t whole_seconds(int64_t from_ms, int64_t to_ms) {
  return (from_ms > 0 && to_ms > from_ms) ? (to_ms - from_ms) / 1000 : 0;
}

std::vector<Field> cdr_fields(const CallRecord &c, const std::string &system_id) {
  const char letter = completion_status(c);
  return {
      {"call_id", static_cast<int64_t>(c.call_id)},
      {"start", iso8601_utc(c.start_unix_ms)},
      {"answer", c.answered() ? Value(iso8601_utc(c.answer_unix_ms)) : Value(nullptr)},
      {"end", iso8601_utc(c.end_unix_ms)},
      {"duration_s", c.answered() ? whole_seconds(c.answer_unix_ms, c.end_unix_ms) : int64_t{0}},
      {"ring_s", whole_seconds(c.start_unix_ms, c.answered() ? c.answer_unix_ms : c.end_unix_ms)},
      {"direction", std::string(c.external() ? "outgoing" : "internal")},
      {"caller_device_id", c.caller_device_id},
      {"caller_dn", c.caller_dn},
      {"dialled", c.dialled},
      {"callee_device_id", c.callee_device_id},
      {"callee_dn", c.callee_dn},
      {"trunk_name", c.trunk_name},
      {"trunk_number", static_cast<int64_t>(c.trunk_number)},
      {"status", static_cast<int64_t>(c.status)},
      {"q850_cause", static_cast<int64_t>(c.q850_cause)},
      {"reason", c.reason},
      {"ended_by", std::string(ended_by_text(c.ended_by))},
      {"completion", letter == ' ' ? std::string() : std::string(1, letter)},
      {"forwarded", c.forwarded},
      {"transferred", c.transferred()},
      {"third_party_dn", c.third_party_dn},
      {"transferred_by_dn", c.transferred_by_dn},
      {"emergency", c.emergency},
      {"system_id", system_id},
  };
}

std::string json_value(const Value &v) {
  if (std::holds_alternative<std::nullptr_t>(v)) return "null";
  if (const auto *s = std::get_if<std::string>(&v)) return json_string(*s);
  if (const auto *n = std::get_if<int64_t>(&v)) return std::to_string(*n);
  return std::get<bool>(v) ? "true" : "false";
}

std::string csv_value(const Value &v) {
  if (std::holds_alternative<std::nullptr_t>(v)) return "";
  if (const auto *s = std::get_if<std::string>(&v)) return csv_cell(*s);
  if (const auto *n = std::get_if<int64_t>(&v)) return std::to_string(*n);
  return std::get<bool>(v) ? "true" : "false";
}

}  // namespace

std::string cdr_json_line(const CallRecord &call, const std::string &system_id) {
  std::string out = "{";
  bool first = true;
  for (const Field &f : cdr_fields(call, system_id)) {
    if (!first) out.push_back(',');
    first = false;
    out += json_string(f.name) + ":" + json_value(f.value);
  }
  return out + "}\n";
}

std::string cdr_csv_header() {
  std::string out;
  for (const Field &f : cdr_fields(CallRecord{}, "")) {
    if (!out.empty()) out.push_back(',');
    out += f.name;
  }
  return out + "\r\n";
}

std::string cdr_csv_line(const CallRecord &call, const std::string &system_id) {
  std::string out;
  bool first = true;
  for (const Field &f : cdr_fields(call, system_id)) {
    if (!first) out.push_back(',');
    first = false;
    out += csv_value(f.value);
  }
  return out + "\r\n";
}

}  // namespace lineside::billing
