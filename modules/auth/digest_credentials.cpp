// auth/digest_credentials.cpp: a bounded, strict parser for Digest credentials headers.
#include "digest_credentials.hpp"

#include <set>

#include "ascii_text.hpp"

namespace lineside::auth {
namespace {

bool is_token_char(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~':
      return true;
    default:
      return false;
  }
}

/// Characters accepted in an unquoted value: tokens plus what sloppy clients leave unquoted in
/// URIs and base64 nonces.
bool is_bare_value_char(char c) {
  return is_token_char(c) || c == '/' || c == ':' || c == '@' || c == '=' || c == '?' ||
         c == ';' || c == '[' || c == ']';
}

bool is_control(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (byte < 0x20 && c != '\t') || byte == 0x7f;
}

/// A cursor over the header with the small grammar steps the parser needs.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  [[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }
  [[nodiscard]] char peek() const { return text_[pos_]; }
  void advance() { ++pos_; }
  void skip_blanks() {
    while (!at_end() && (is_space_or_tab(peek()) || peek() == '\r' || peek() == '\n')) advance();
  }
  /// Skip blanks and commas (empty list elements are legal in a #rule list).
  void skip_separators() {
    while (!at_end() && (is_space_or_tab(peek()) || peek() == '\r' || peek() == '\n' || peek() == ',')) {
      advance();
    }
  }
  std::string_view take_while(bool (*accept)(char)) {
    const size_t start = pos_;
    while (!at_end() && accept(peek())) advance();
    return text_.substr(start, pos_ - start);
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

/// Read a quoted-string after its opening quote; false on an unterminated string, a control
/// character or a value over the limit.
bool read_quoted(Cursor &cursor, std::string &out, std::string &error) {
  while (!cursor.at_end()) {
    char c = cursor.peek();
    cursor.advance();
    if (c == '"') return true;
    if (c == '\\') {
      if (cursor.at_end()) break;
      c = cursor.peek();
      cursor.advance();
    }
    if (is_control(c)) {
      error = "control character in a quoted value";
      return false;
    }
    if (out.size() >= kMaxParameterValueLength) {
      error = "parameter value too long";
      return false;
    }
    out += c;
  }
  error = "unterminated quoted string";
  return false;
}

bool read_value(Cursor &cursor, std::string &out, std::string &error) {
  if (!cursor.at_end() && cursor.peek() == '"') {
    cursor.advance();
    return read_quoted(cursor, out, error);
  }
  const std::string_view bare = cursor.take_while(&is_bare_value_char);
  if (bare.empty()) {
    error = "missing parameter value";
    return false;
  }
  if (bare.size() > kMaxParameterValueLength) {
    error = "parameter value too long";
    return false;
  }
  out.assign(bare);
  return true;
}

/// Store one parameter; unknown parameters are ignored (auth-param extensibility).
void assign_parameter(DigestCredentials &creds, const std::string &name, std::string value) {
  if (name == "username") creds.username = std::move(value);
  else if (name == "realm") creds.realm = std::move(value);
  else if (name == "nonce") creds.nonce = std::move(value);
  else if (name == "uri") creds.uri = std::move(value);
  else if (name == "response") creds.response = std::move(value);
  else if (name == "algorithm") creds.algorithm = std::move(value);
  else if (name == "cnonce") creds.cnonce = std::move(value);
  else if (name == "opaque") creds.opaque = std::move(value);
  else if (name == "nc") creds.nc = std::move(value);
  else if (name == "userhash") creds.userhash = ascii_iequals(value, "true");
  else if (name == "qop") {
    creds.qop = std::move(value);
    creds.has_qop = true;
  }
}

const char *first_missing_parameter(const std::set<std::string> &seen) {
  for (const char *required : {"username", "realm", "nonce", "uri", "response"}) {
    if (seen.count(required) == 0) return required;
  }
  return nullptr;
}

CredentialsParseResult refuse(CredentialsParseResult result, std::string why) {
  result.credentials.reset();
  result.error = std::move(why);
  return result;
}

}  // namespace

CredentialsParseResult parse_digest_credentials(std::string_view header) {
  CredentialsParseResult result;
  if (header.size() > kMaxCredentialsHeaderLength) return refuse(std::move(result), "header too long");
  Cursor cursor(header);
  cursor.skip_blanks();
  const std::string_view scheme = cursor.take_while(&is_token_char);
  if (!ascii_iequals(scheme, "Digest")) return refuse(std::move(result), "not a Digest header");
  if (cursor.at_end() || !(is_space_or_tab(cursor.peek()) || cursor.peek() == '\r' || cursor.peek() == '\n')) {
    return refuse(std::move(result), "no parameters after the scheme");
  }

  DigestCredentials creds;
  std::set<std::string> seen;
  std::string error;
  for (;;) {
    cursor.skip_separators();
    if (cursor.at_end()) break;
    const std::string name = ascii_lowercase(cursor.take_while(&is_token_char));
    if (name.empty()) return refuse(std::move(result), "malformed parameter name");
    cursor.skip_blanks();
    if (cursor.at_end() || cursor.peek() != '=') return refuse(std::move(result), "parameter without '='");
    cursor.advance();
    cursor.skip_blanks();
    std::string value;
    if (!read_value(cursor, value, error)) return refuse(std::move(result), error);
    if (name == "username" && result.username.empty()) result.username = value;
    if (!seen.insert(name).second) return refuse(std::move(result), "duplicate parameter " + name);
    if (seen.size() > kMaxParameterCount) return refuse(std::move(result), "too many parameters");
    assign_parameter(creds, name, std::move(value));
    cursor.skip_blanks();
    if (!cursor.at_end() && cursor.peek() != ',') {
      return refuse(std::move(result), "garbage after parameter " + name);
    }
  }
  if (const char *missing = first_missing_parameter(seen)) {
    return refuse(std::move(result), std::string("missing parameter ") + missing);
  }
  result.credentials = std::move(creds);
  return result;
}

}  // namespace lineside::auth
