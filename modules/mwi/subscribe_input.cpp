// mwi/subscribe_input.cpp: reading a SUBSCRIBE and the rules on its Event, Accept and Expires.
#include "subscribe_input.hpp"

#include <cctype>
#include <charconv>
#include <limits>

namespace lineside::mwi {
namespace {

constexpr uint32_t kMaxHeaderValues = 32;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("-.!%*_+`'~").find(c) != std::string_view::npos;
}

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!token_char(c)) return false;
  return true;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char &c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> header_values(const Request &req, const char *name) {
  std::vector<std::string> out;
  for (uint32_t i = 0; i < kMaxHeaderValues; ++i) {
    const char *v = req.header(name, i);
    if (!v) break;
    out.emplace_back(v);
  }
  return out;
}

}  // namespace

std::optional<EventHeader> parse_event_header(std::string_view value) {
  value = trim(value);
  const size_t semi = value.find(';');
  const std::string_view package = trim(value.substr(0, semi));
  if (!is_token(package)) return std::nullopt;
  EventHeader out{lower(package), ""};
  std::string_view params =
      semi == std::string_view::npos ? std::string_view() : value.substr(semi + 1);
  while (!params.empty()) {
    const size_t next = params.find(';');
    const std::string_view param = trim(params.substr(0, next));
    params = next == std::string_view::npos ? std::string_view() : params.substr(next + 1);
    const size_t eq = param.find('=');
    const std::string_view name = trim(param.substr(0, eq));
    if (!is_token(name)) return std::nullopt;
    if (lower(name) != "id" || eq == std::string_view::npos) continue;
    const std::string_view id = trim(param.substr(eq + 1));
    if (!is_token(id)) return std::nullopt;
    out.id = std::string(id);
  }
  return out;
}

bool accepts_message_summary(const std::vector<std::string> &accept_values) {
  if (accept_values.empty()) return true;
  bool any_range = false;
  for (const std::string &value : accept_values) {
    for (const std::string &item : split_header_list(value)) {
      const std::string range = lower(trim(std::string_view(item).substr(0, item.find(';'))));
      if (range.empty()) continue;
      any_range = true;
      if (range == "application/simple-message-summary" || range == "application/*" ||
          range == "*/*")
        return true;
    }
  }
  return !any_range;  // an empty Accept header is treated as no preference
}

ExpiresValue parse_expires(const char *value) {
  ExpiresValue out;
  if (!value) return out;
  out.present = true;
  const std::string_view text = trim(value);
  if (text.empty()) {
    out.valid = false;
    return out;
  }
  for (char c : text) {
    if (c < '0' || c > '9') {
      out.valid = false;
      return out;
    }
  }
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out.seconds);
  if (ec == std::errc::result_out_of_range) out.seconds = std::numeric_limits<int64_t>::max();
  return out;
}

ExpiresDecision decide_expires(const ExpiresValue &requested, const MwiSettings &settings) {
  if (!requested.present) return {0, settings.default_expires};
  if (requested.seconds == 0) return {0, 0};
  if (requested.seconds < settings.min_expires) return {423, settings.min_expires};
  return {0, requested.seconds > settings.max_expires ? settings.max_expires : requested.seconds};
}

std::string uri_hostport(std::string_view uri) {
  const size_t colon = uri.find(':');
  if (colon == std::string_view::npos) return "";
  std::string_view rest = uri.substr(colon + 1);
  const size_t at = rest.find('@');
  if (at != std::string_view::npos) rest = rest.substr(at + 1);
  rest = rest.substr(0, rest.find_first_of(";?> "));
  return std::string(rest);
}

std::vector<std::string> split_header_list(std::string_view value) {
  std::vector<std::string> out;
  std::string current;
  bool quoted = false, escaped = false;
  int angle = 0;
  for (char c : value) {
    if (escaped) {
      escaped = false;
    } else if (quoted && c == '\\') {
      escaped = true;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && c == '<') {
      ++angle;
    } else if (!quoted && c == '>' && angle > 0) {
      --angle;
    } else if (!quoted && angle == 0 && c == ',') {
      if (auto t = trim(current); !t.empty()) out.emplace_back(t);
      current.clear();
      continue;
    }
    current.push_back(c);
  }
  if (auto t = trim(current); !t.empty()) out.emplace_back(t);
  return out;
}

SubscribeInput read_subscribe_input(const Request &req) {
  SubscribeInput in;
  if (const char *event = req.header("Event")) {
    in.event_present = true;
    in.event = parse_event_header(event);
  }
  in.accept_ok = accepts_message_summary(header_values(req, "Accept"));
  in.expires = parse_expires(req.header("Expires"));
  in.call_id = std::string(req.field(LS_FIELD_CALL_ID));
  in.from_tag = std::string(req.field(LS_FIELD_FROM_TAG));
  in.to_tag = std::string(req.field(LS_FIELD_TO_TAG));
  if (const char *from = req.header("From")) in.from_value = from;
  if (const char *to = req.header("To")) in.to_value = to;
  in.from_user = std::string(req.field(LS_FIELD_FROM_USER));
  in.request_uri = std::string(req.field(LS_FIELD_REQUEST_URI));
  in.request_uri_user = std::string(req.field(LS_FIELD_REQUEST_URI_USER));
  const std::string_view cseq = req.field(LS_FIELD_CSEQ);
  uint32_t number = 0;
  auto [end, ec] = std::from_chars(cseq.data(), cseq.data() + cseq.size(), number);
  if (ec == std::errc() && end == cseq.data() + cseq.size()) in.cseq = number;
  const std::vector<ls_contact_t> contacts = req.contacts();
  in.contact_count = static_cast<uint32_t>(contacts.size());
  if (!contacts.empty()) {
    in.contact_star = contacts.front().is_star != 0;
    if (contacts.front().uri) in.contact_uri = contacts.front().uri;
  }
  for (const std::string &value : header_values(req, "Record-Route")) {
    for (std::string &route : split_header_list(value)) in.record_route.push_back(std::move(route));
  }
  in.peer = req.peer();
  if (const char *device = req.attr("auth.device_id")) in.auth_device_id = device;
  return in;
}

}  // namespace lineside::mwi
