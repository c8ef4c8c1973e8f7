// kpml/json_fields.cpp: a flat JSON object reader and a JSON string writer.
#include "json_fields.hpp"

#include <cctype>

namespace lineside::kpml {
namespace {

class Reader {
 public:
  explicit Reader(std::string_view t) : t_(t) {}
  void space() {
    while (p_ < t_.size() && std::isspace(static_cast<unsigned char>(t_[p_]))) ++p_;
  }
  bool eat(char c) {
    space();
    if (p_ < t_.size() && t_[p_] == c) {
      ++p_;
      return true;
    }
    return false;
  }
  bool done() {
    space();
    return p_ == t_.size();
  }
  char peek() {
    space();
    return p_ < t_.size() ? t_[p_] : '\0';
  }
  std::optional<std::string> string() {
    if (!eat('"')) return std::nullopt;
    std::string out;
    while (p_ < t_.size()) {
      const char c = t_[p_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) return std::nullopt;
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (p_ >= t_.size()) return std::nullopt;
      const char e = t_[p_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out.push_back(e);
          break;
        case 'n':
          out.push_back('\n');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'u': {
          if (p_ + 4 > t_.size()) return std::nullopt;
          unsigned v = 0;
          for (int i = 0; i < 4; ++i) {
            const char h = t_[p_++];
            v <<= 4;
            if (h >= '0' && h <= '9')
              v |= static_cast<unsigned>(h - '0');
            else if (h >= 'a' && h <= 'f')
              v |= static_cast<unsigned>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F')
              v |= static_cast<unsigned>(h - 'A' + 10);
            else
              return std::nullopt;
          }
          if (v >= 0x80) return std::nullopt;  // ids, patterns and tags are ASCII
          out.push_back(static_cast<char>(v));
          break;
        }
        default:
          return std::nullopt;
      }
    }
    return std::nullopt;
  }
  std::optional<JsonScalar> scalar() {
    const char c = peek();
    if (c == '"') {
      std::optional<std::string> s = string();
      if (!s) return std::nullopt;
      return JsonScalar{JsonScalar::Kind::string, std::move(*s)};
    }
    for (const char *word : {"true", "false", "null"}) {
      const std::string_view w(word);
      if (t_.substr(p_, w.size()) == w) {
        p_ += w.size();
        return JsonScalar{w == "null" ? JsonScalar::Kind::null : JsonScalar::Kind::boolean,
                          std::string(w)};
      }
    }
    const size_t start = p_;
    if (p_ < t_.size() && t_[p_] == '-') ++p_;
    while (p_ < t_.size() && (std::isdigit(static_cast<unsigned char>(t_[p_])) || t_[p_] == '.' ||
                              t_[p_] == 'e' || t_[p_] == 'E' || t_[p_] == '+' || t_[p_] == '-')) {
      ++p_;
    }
    if (p_ == start) return std::nullopt;
    return JsonScalar{JsonScalar::Kind::number, std::string(t_.substr(start, p_ - start))};
  }

 private:
  std::string_view t_;
  size_t p_ = 0;
};

}  // namespace

std::optional<std::map<std::string, JsonScalar>> parse_flat_object(std::string_view text,
                                                                   std::string &error) {
  Reader r(text);
  std::map<std::string, JsonScalar> out;
  if (!r.eat('{')) {
    error = "expected a JSON object";
    return std::nullopt;
  }
  if (!r.eat('}')) {
    do {
      std::optional<std::string> key = r.string();
      if (!key || !r.eat(':')) {
        error = "malformed member";
        return std::nullopt;
      }
      const char next = r.peek();
      if (next == '{' || next == '[') {
        error = "member '" + *key + "' must be a string, number or boolean";
        return std::nullopt;
      }
      std::optional<JsonScalar> value = r.scalar();
      if (!value) {
        error = "malformed value of '" + *key + "'";
        return std::nullopt;
      }
      if (!out.emplace(*key, std::move(*value)).second) {
        error = "duplicate member '" + *key + "'";
        return std::nullopt;
      }
    } while (r.eat(','));
    if (!r.eat('}')) {
      error = "expected , or }";
      return std::nullopt;
    }
  }
  if (!r.done()) {
    error = "text after the object";
    return std::nullopt;
  }
  return out;
}

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (b < 0x20) {
      static const char *hex = "0123456789abcdef";
      out += "\\u00";
      out += hex[b >> 4];
      out += hex[b & 15];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace lineside::kpml
