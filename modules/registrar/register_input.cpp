// registrar/register_input.cpp: reading a REGISTER through the host into a RegisterInput.
#include "register_input.hpp"

#include <cctype>
#include <charconv>
#include <cstring>
#include <limits>

namespace lineside::registrar {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

/// True when a comma-separated option-tag list contains `tag`.
bool lists_tag(std::string_view list, std::string_view tag) {
  while (!list.empty()) {
    const size_t comma = list.find(',');
    if (equals_ignore_case(trim(list.substr(0, comma)), tag)) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

std::string text_or_empty(const char *s) { return s ? std::string(s) : std::string(); }

}  // namespace

std::optional<int64_t> parse_decimal(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (end != text.data() + text.size()) return std::nullopt;
  if (ec == std::errc::result_out_of_range ||
      value > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
    return std::numeric_limits<int64_t>::max();
  if (ec != std::errc()) return std::nullopt;
  return static_cast<int64_t>(value);
}

RegisterInput read_register_input(const Request &req) {
  RegisterInput in;
  in.user = std::string(req.field(LS_FIELD_TO_USER));
  in.to_host = std::string(req.field(LS_FIELD_TO_HOST));
  in.call_id = std::string(req.field(LS_FIELD_CALL_ID));
  if (auto cseq = parse_decimal(req.field(LS_FIELD_CSEQ));
      cseq && *cseq <= std::numeric_limits<uint32_t>::max()) {
    in.cseq = static_cast<uint32_t>(*cseq);
    in.cseq_valid = true;
  }
  for (const ls_contact_t &c : req.contacts()) {
    ContactInput ci;
    ci.uri = text_or_empty(c.uri);
    ci.is_star = c.is_star != 0;
    ci.expires = c.expires;
    ci.q_milli = c.q_milli;
    ci.instance = text_or_empty(c.instance);
    ci.reg_id = text_or_empty(c.reg_id);
    in.contacts.push_back(std::move(ci));
  }
  if (const char *expires = req.header("Expires")) {
    in.expires_header = parse_decimal(expires);
    in.expires_header_malformed = !in.expires_header.has_value();
  }
  const ls_peer_t peer = req.peer();
  in.transport = peer.transport;
  const void *nul = std::memchr(peer.addr, '\0', sizeof peer.addr);
  in.source_addr.assign(peer.addr, nul ? static_cast<const char *>(nul) - peer.addr : sizeof peer.addr);
  in.source_port = peer.port;
  in.flow = peer.flow;
  in.user_agent = std::string(req.field(LS_FIELD_USER_AGENT));
  for (uint32_t i = 0; const char *path = req.header("Path", i); ++i) in.path.emplace_back(path);
  for (uint32_t i = 0; const char *supported = req.header("Supported", i); ++i) {
    if (lists_tag(supported, "path")) in.supports_path = true;
  }
  if (const char *device = req.attr("auth.device_id")) {
    in.auth_device_id = device;
    in.has_auth_device_id = true;
  }
  return in;
}

}  // namespace lineside::registrar
