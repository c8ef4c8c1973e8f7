// linesidectl/table.cpp: column widths, padding and the key/value layout.
#include "linesidectl/table.hpp"

#include <algorithm>
#include <stdexcept>

namespace lineside::ctl {

namespace {

std::string cell(const std::string &text) { return text.empty() ? "-" : text; }

void pad(std::string &line, const std::string &text, size_t width) {
  line += text;
  line.append(width - std::min(width, text_width(text)), ' ');
}

std::string trim_right(std::string line) {
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

}  // namespace

size_t text_width(const std::string &text) {
  size_t n = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

void Table::add(std::vector<std::string> row) {
  if (row.size() > headers_.size()) throw std::logic_error("table row has more cells than headers");
  row.resize(headers_.size());
  for (auto &c : row) c = cell(c);
  rows_.push_back(std::move(row));
}

std::string Table::render() const {
  std::vector<size_t> widths(headers_.size());
  for (size_t c = 0; c < headers_.size(); ++c) {
    widths[c] = text_width(headers_[c]);
    for (const auto &row : rows_) widths[c] = std::max(widths[c], text_width(row[c]));
  }
  auto line_of = [&](const std::vector<std::string> &cells) {
    std::string line;
    for (size_t c = 0; c < cells.size(); ++c) {
      pad(line, cells[c], c + 1 < cells.size() ? widths[c] + 2 : 0);
    }
    return trim_right(line) + "\n";
  };
  std::string out = line_of(headers_);
  for (const auto &row : rows_) out += line_of(row);
  return out;
}

std::string render_fields(const std::vector<std::pair<std::string, std::string>> &fields) {
  size_t width = 0;
  for (const auto &[key, value] : fields) width = std::max(width, text_width(key) + 1);
  std::string out;
  for (const auto &[key, value] : fields) {
    std::string line;
    pad(line, key + ":", width + 2);
    line += cell(value);
    out += trim_right(line) + "\n";
  }
  return out;
}

}  // namespace lineside::ctl
