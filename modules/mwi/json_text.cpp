// mwi/json_text.cpp: JSON string escaping, a strict parser for flat request objects, URL decoding.
#include "json_text.hpp"

#include "lineside/json_text.hpp"

#include <charconv>
#include <cstdio>

namespace lineside::mwi {
namespace {

using json_text::append_utf8;
using json_text::hex_value;

constexpr int kMaxDepth = 32;

/// Recursive-descent reader over the body; every method returns false with error_ set.
class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  JsonObjectResult object() {
    JsonObjectResult out;
    skip_ws();
    if (!expect('{')) return fail(out, "the body must be a JSON object");
    skip_ws();
    if (peek() == '}') {
      ++i_;
    } else {
      for (;;) {
        skip_ws();
        std::string key;
        if (!string(key)) return fail(out, error_.empty() ? "expected a member name" : error_);
        skip_ws();
        if (!expect(':')) return fail(out, "expected ':' after \"" + key + "\"");
        JsonScalar value;
        if (!member_value(value)) return fail(out, error_);
        if (!out.members.emplace(key, std::move(value)).second)
          return fail(out, "duplicate member \"" + key + "\"");
        skip_ws();
        if (peek() == ',') {
          ++i_;
          continue;
        }
        if (!expect('}')) return fail(out, "expected ',' or '}'");
        break;
      }
    }
    skip_ws();
    if (i_ != s_.size()) return fail(out, "unexpected data after the object");
    return out;
  }

 private:
  JsonObjectResult fail(JsonObjectResult &out, std::string why) {
    out.members.clear();
    out.error = "malformed JSON: " + why;
    return out;
  }
  char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  bool expect(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  void skip_ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r'))
      ++i_;
  }
  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return error("unknown literal");
    i_ += word.size();
    return true;
  }
  bool error(std::string why) {
    if (error_.empty()) error_ = std::move(why);
    return false;
  }

  bool member_value(JsonScalar &v) {
    skip_ws();
    const char c = peek();
    if (c == '"') {
      v.kind = JsonScalar::Kind::string;
      return string(v.text);
    }
    if (c == '{' || c == '[') {
      v.kind = JsonScalar::Kind::composite;
      return skip_value(0);
    }
    if (c == 't' || c == 'f') {
      v.kind = JsonScalar::Kind::boolean;
      v.text = c == 't' ? "true" : "false";
      return literal(v.text);
    }
    if (c == 'n') {
      v.kind = JsonScalar::Kind::null;
      return literal("null");
    }
    v.kind = JsonScalar::Kind::number;
    return number(v);
  }

  bool number(JsonScalar &v) {
    const size_t start = i_;
    if (peek() == '-') ++i_;
    if (peek() == '0') {
      ++i_;
    } else if (peek() >= '1' && peek() <= '9') {
      while (peek() >= '0' && peek() <= '9') ++i_;
    } else {
      return error("expected a value");
    }
    bool integral = true;
    if (peek() == '.') {
      integral = false;
      ++i_;
      if (!(peek() >= '0' && peek() <= '9')) return error("bad number");
      while (peek() >= '0' && peek() <= '9') ++i_;
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      ++i_;
      if (peek() == '+' || peek() == '-') ++i_;
      if (!(peek() >= '0' && peek() <= '9')) return error("bad number");
      while (peek() >= '0' && peek() <= '9') ++i_;
    }
    v.text = std::string(s_.substr(start, i_ - start));
    int64_t n = 0;
    if (integral) {
      auto [end, ec] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), n);
      if (ec == std::errc() && end == v.text.data() + v.text.size()) v.integer = n;
    }
    return true;
  }

  bool string(std::string &out) {
    if (!expect('"')) return error("expected a string");
    while (i_ < s_.size()) {
      const char c = s_[i_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return error("control character in a string");
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      const char e = peek();
      ++i_;
      switch (e) {
        case '"':
          out.push_back('"');
          break;
        case '\\':
          out.push_back('\\');
          break;
        case '/':
          out.push_back('/');
          break;
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'n':
          out.push_back('\n');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'u': {
          if (i_ + 4 > s_.size()) return error("bad \\u escape");
          uint32_t cp = 0;
          for (int k = 0; k < 4; ++k) {
            const int h = hex_value(s_[i_++]);
            if (h < 0) return error("bad \\u escape");
            cp = cp * 16 + static_cast<uint32_t>(h);
          }
          append_utf8(out, (cp >= 0xD800 && cp <= 0xDFFF) ? 0xFFFD : cp);
          break;
        }
        default:
          return error("bad escape in a string");
      }
    }
    return error("unterminated string");
  }

  bool skip_value(int depth) {
    if (depth > kMaxDepth) return error("nested too deeply");
    skip_ws();
    const char c = peek();
    if (c == '"') {
      std::string ignored;
      return string(ignored);
    }
    if (c == '{' || c == '[') {
      const char close = c == '{' ? '}' : ']';
      ++i_;
      skip_ws();
      if (expect(close)) return true;
      for (;;) {
        if (c == '{') {
          std::string key;
          skip_ws();
          if (!string(key)) return false;
          skip_ws();
          if (!expect(':')) return error("expected ':'");
        }
        if (!skip_value(depth + 1)) return false;
        skip_ws();
        if (expect(',')) continue;
        if (expect(close)) return true;
        return error("expected ',' or a closing bracket");
      }
    }
    JsonScalar ignored;
    return member_value(ignored);
  }

  std::string_view s_;
  size_t i_ = 0;
  std::string error_;
};

}  // namespace

std::string json_string(std::string_view text) { return json_text::quote(text); }

JsonObjectResult parse_json_object(std::string_view body) {
  return Parser(body).object();
}

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int high = hex_value(text[i + 1]);
    const int low = hex_value(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return out;
}

}  // namespace lineside::mwi
