// mwi/record_codec.cpp: "name=value" store records with backslash escaping of '\\', CR and LF.
#include "record_codec.hpp"

#include <charconv>

namespace lineside::mwi {
namespace {

void append_escaped(std::string &out, std::string_view value) {
  for (char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out.push_back(c);
    }
  }
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
      case '\\':
        out.push_back('\\');
        break;
      case 'n':
        out.push_back('\n');
        break;
      case 'r':
        out.push_back('\r');
        break;
      default:
        return std::nullopt;
    }
  }
  return out;
}

}  // namespace

RecordWriter::RecordWriter(std::string_view header) : out_(header) {
  out_.push_back('\n');
}

RecordWriter &RecordWriter::text(std::string_view name, std::string_view value) {
  out_.append(name);
  out_.push_back('=');
  append_escaped(out_, value);
  out_.push_back('\n');
  return *this;
}

RecordWriter &RecordWriter::number(std::string_view name, int64_t value) {
  return text(name, std::to_string(value));
}

std::optional<RecordReader> RecordReader::parse(std::string_view record, std::string_view header) {
  const size_t first_end = record.find('\n');
  if (first_end == std::string_view::npos || record.substr(0, first_end) != header)
    return std::nullopt;
  RecordReader reader;
  std::string_view rest = record.substr(first_end + 1);
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    if (end == std::string_view::npos) return std::nullopt;  // every line ends with LF
    const std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end + 1);
    const size_t eq = line.find('=');
    if (eq == std::string_view::npos || eq == 0) return std::nullopt;
    auto value = unescape(line.substr(eq + 1));
    if (!value) return std::nullopt;
    reader.fields_[std::string(line.substr(0, eq))] = std::move(*value);
  }
  return reader;
}

std::optional<std::string> RecordReader::text(std::string_view name) const {
  auto it = fields_.find(name);
  if (it == fields_.end()) return std::nullopt;
  return it->second;
}

std::optional<int64_t> RecordReader::number(std::string_view name, int64_t min, int64_t max) const {
  auto it = fields_.find(name);
  if (it == fields_.end()) return std::nullopt;
  const std::string &t = it->second;
  int64_t value = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec != std::errc() || end != t.data() + t.size() || value < min || value > max)
    return std::nullopt;
  return value;
}

}  // namespace lineside::mwi
