// linesidectl/table.hpp: aligned text tables and "key: value" listings for human-readable output.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace lineside::ctl {

/// Columns left-aligned, two spaces apart, no trailing blanks; empty cells print as "-".
class Table {
 public:
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  /// A row with fewer cells than headers is padded with empty cells; extra cells are an error.
  void add(std::vector<std::string> row);
  [[nodiscard]] size_t rows() const { return rows_.size(); }
  /// The header line then one line per row, each ending in '\n'.
  [[nodiscard]] std::string render() const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

/// "key:  value" lines with the values aligned; empty values print as "-".
std::string render_fields(const std::vector<std::pair<std::string, std::string>> &fields);

/// Display width of UTF-8 text (code points; good enough for names and numbers).
size_t text_width(const std::string &text);

}  // namespace lineside::ctl
