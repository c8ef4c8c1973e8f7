// registrar/binding_codec.cpp: the stored record format of a binding (encode / decode).
#include "binding_codec.hpp"

#include <charconv>
#include <cstdint>
#include <map>

namespace lineside::registrar {
namespace {

constexpr std::string_view kHeader = "lineside-binding 1";

void append_field(std::string &out, std::string_view name, std::string_view value) {
  out.append(name);
  out.push_back('=');
  for (char c : value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out.push_back(c);
    }
  }
  out.push_back('\n');
}

std::optional<std::string> unescape(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '\\') {
      out.push_back(value[i]);
      continue;
    }
    if (++i == value.size()) return std::nullopt;
    switch (value[i]) {
      case '\\': out.push_back('\\'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      default: return std::nullopt;
    }
  }
  return out;
}

template <class Int>
bool parse_number(const std::map<std::string, std::string, std::less<>> &fields,
                  std::string_view name, Int &out, bool required) {
  auto it = fields.find(name);
  if (it == fields.end()) return !required;
  const std::string &text = it->second;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

std::string encode_binding(const Binding &b) {
  std::string out(kHeader);
  out.push_back('\n');
  append_field(out, "user", b.user);
  append_field(out, "aor", b.aor);
  append_field(out, "device_id", b.device_id);
  append_field(out, "contact_uri", b.contact_uri);
  append_field(out, "instance", b.instance);
  append_field(out, "reg_id", b.reg_id);
  append_field(out, "call_id", b.call_id);
  append_field(out, "cseq", std::to_string(b.cseq));
  append_field(out, "expires_at", std::to_string(b.expires_at));
  append_field(out, "updated_at", std::to_string(b.updated_at));
  append_field(out, "transport", std::to_string(b.transport));
  append_field(out, "source_addr", b.source_addr);
  append_field(out, "source_port", std::to_string(b.source_port));
  append_field(out, "path", b.path);
  append_field(out, "user_agent", b.user_agent);
  append_field(out, "q_milli", std::to_string(b.q_milli));
  return out;
}

std::optional<Binding> decode_binding(std::string_view record) {
  const size_t first_end = record.find('\n');
  if (first_end == std::string_view::npos || record.substr(0, first_end) != kHeader)
    return std::nullopt;
  std::map<std::string, std::string, std::less<>> fields;
  size_t pos = first_end + 1;
  while (pos < record.size()) {
    size_t end = record.find('\n', pos);
    if (end == std::string_view::npos) end = record.size();
    const std::string_view line = record.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty()) continue;
    const size_t eq = line.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    auto value = unescape(line.substr(eq + 1));
    if (!value) return std::nullopt;
    fields[std::string(line.substr(0, eq))] = std::move(*value);
  }
  auto text = [&](std::string_view name) {
    auto it = fields.find(name);
    return it == fields.end() ? std::string() : it->second;
  };
  Binding b;
  b.user = text("user");
  b.aor = text("aor");
  b.device_id = text("device_id");
  b.contact_uri = text("contact_uri");
  b.instance = text("instance");
  b.reg_id = text("reg_id");
  b.call_id = text("call_id");
  b.source_addr = text("source_addr");
  b.path = text("path");
  b.user_agent = text("user_agent");
  if (b.user.empty() || b.contact_uri.empty()) return std::nullopt;
  if (!parse_number(fields, "expires_at", b.expires_at, true) ||
      !parse_number(fields, "cseq", b.cseq, false) ||
      !parse_number(fields, "updated_at", b.updated_at, false) ||
      !parse_number(fields, "transport", b.transport, false) ||
      !parse_number(fields, "source_port", b.source_port, false) ||
      !parse_number(fields, "q_milli", b.q_milli, false))
    return std::nullopt;
  return b;
}

}  // namespace lineside::registrar
