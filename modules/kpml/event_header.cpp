// kpml/event_header.cpp: reading Event and Subscription-State, writing a kpml Event.
#include "event_header.hpp"

#include <cctype>
#include <vector>

namespace lineside::kpml {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char &c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool token(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) &&
        std::string_view("-.!%*_+`'~").find(c) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

/// Split "a;b=c;d=\"e;f\"" at the semicolons outside quotes.
std::vector<std::string_view> split_params(std::string_view value) {
  std::vector<std::string_view> out;
  bool quoted = false;
  size_t start = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '"') quoted = !quoted;
    if (value[i] == ';' && !quoted) {
      out.push_back(value.substr(start, i - start));
      start = i + 1;
    }
  }
  out.push_back(value.substr(start));
  return out;
}

}  // namespace

std::optional<EventHeader> parse_event(std::string_view value) {
  std::vector<std::string_view> parts = split_params(value);
  EventHeader e;
  const std::string_view package = trim(parts.front());
  if (!token(package)) return std::nullopt;
  e.package = lower(package);
  for (size_t i = 1; i < parts.size(); ++i) {
    const std::string_view p = trim(parts[i]);
    const size_t eq = p.find('=');
    std::string name = lower(trim(p.substr(0, eq)));
    std::string_view v = eq == std::string_view::npos ? std::string_view() : trim(p.substr(eq + 1));
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    if (!name.empty()) e.params[name] = std::string(v);
  }
  return e;
}

SubscriptionState parse_subscription_state(std::string_view value) {
  std::vector<std::string_view> parts = split_params(value);
  SubscriptionState s;
  s.state = lower(trim(parts.front()));
  for (size_t i = 1; i < parts.size(); ++i) {
    const std::string_view p = trim(parts[i]);
    const size_t eq = p.find('=');
    if (eq != std::string_view::npos && lower(trim(p.substr(0, eq))) == "reason") {
      s.reason = lower(trim(p.substr(eq + 1)));
    }
  }
  return s;
}

std::string kpml_event_value(std::string_view call_id, std::string_view local_tag,
                             std::string_view remote_tag) {
  if (call_id.empty()) return "kpml";
  return "kpml;call-id=\"" + std::string(call_id) + "\";local-tag=" + std::string(local_tag) +
         ";remote-tag=" + std::string(remote_tag);
}

}  // namespace lineside::kpml
