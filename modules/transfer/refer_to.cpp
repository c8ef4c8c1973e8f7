// transfer/refer_to.cpp: parsing one Refer-To value into the SIP URI parts a transfer needs.
#include "refer_to.hpp"

#include "uri_text.hpp"

namespace lineside::transfer {
namespace {

constexpr size_t kMaxUri = 1024;

ReferToParse refuse(std::string why) {
  return ReferToParse{std::nullopt, std::move(why)};
}

/// The URI text of a name-addr or addr-spec, or nothing when the brackets do not balance.
std::optional<std::string_view> uri_of(std::string_view value) {
  size_t open = std::string_view::npos;
  bool quoted = false;
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (quoted) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == '<') {
      open = i;
      break;
    }
  }
  if (quoted) return std::nullopt;
  if (open == std::string_view::npos) {
    // addr-spec: header parameters start at the first ';' and no URI header may be present.
    std::string_view uri = trim(value.substr(0, value.find(';')));
    if (uri.find_first_of("<>\" ,") != std::string_view::npos) return std::nullopt;
    return uri;
  }
  const size_t close = value.find('>', open);
  if (close == std::string_view::npos) return std::nullopt;
  return value.substr(open + 1, close - open - 1);
}

/// Fill target.method / target.replaces from the URI parameters and headers.
std::string read_params_and_headers(std::string_view params, std::string_view headers,
                                    ReferTarget &target) {
  while (!params.empty()) {
    const size_t end = params.find(';');
    const std::string_view param = params.substr(0, end);
    params = end == std::string_view::npos ? std::string_view() : params.substr(end + 1);
    const size_t eq = param.find('=');
    if (iequals(trim(param.substr(0, eq)), "method") && eq != std::string_view::npos) {
      target.method = lower(trim(param.substr(eq + 1)));
    }
  }
  while (!headers.empty()) {
    const size_t end = headers.find('&');
    const std::string_view header = headers.substr(0, end);
    headers = end == std::string_view::npos ? std::string_view() : headers.substr(end + 1);
    const size_t eq = header.find('=');
    if (eq == std::string_view::npos || !iequals(header.substr(0, eq), "Replaces")) continue;
    if (target.replaces) return "Refer-To Has Two Replaces";
    std::optional<std::string> value = percent_decode(header.substr(eq + 1));
    if (!value || value->empty()) return "Malformed Replaces In Refer-To";
    target.replaces = std::move(*value);
  }
  return "";
}

}  // namespace

ReferToParse parse_refer_to(std::string_view value) {
  const std::optional<std::string_view> found = uri_of(trim(value));
  if (!found || found->empty()) return refuse("Malformed Refer-To");
  const std::string_view uri = trim(*found);
  if (uri.size() > kMaxUri) return refuse("Refer-To Too Long");
  const size_t colon = uri.find(':');
  if (colon == std::string_view::npos) return refuse("Malformed Refer-To");
  ReferTarget target;
  target.scheme = lower(uri.substr(0, colon));
  if (target.scheme != "sip" && target.scheme != "sips") return refuse("Refer-To Is Not A SIP URI");
  std::string_view rest = uri.substr(colon + 1);
  const size_t question = rest.find('?');
  const std::string_view headers =
      question == std::string_view::npos ? std::string_view() : rest.substr(question + 1);
  rest = rest.substr(0, question);
  const size_t at = rest.rfind('@');
  if (at != std::string_view::npos) {
    const std::string_view userinfo = rest.substr(0, at);
    std::optional<std::string> user = percent_decode(userinfo.substr(0, userinfo.find(':')));
    if (!user || user->empty()) return refuse("Malformed Refer-To User");
    target.user = std::move(*user);
    rest = rest.substr(at + 1);
  }
  const size_t semi = rest.find(';');
  const std::string_view hostport = rest.substr(0, semi);
  const std::string_view params =
      semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
  std::string_view host = hostport;
  if (!host.empty() && host.front() == '[') {
    const size_t bracket = host.find(']');
    if (bracket == std::string_view::npos) return refuse("Malformed Refer-To Host");
    host = host.substr(0, bracket + 1);
  } else {
    host = host.substr(0, host.find(':'));
  }
  if (!printable_token(host) || host.find_first_of("<>\"") != std::string_view::npos) {
    return refuse("Malformed Refer-To Host");
  }
  target.host = lower(host);
  if (std::string why = read_params_and_headers(params, headers, target); !why.empty()) {
    return refuse(std::move(why));
  }
  return ReferToParse{std::move(target), ""};
}

}  // namespace lineside::transfer
