// mwi/record_codec.hpp: the text format of the module's store records ("name=value" lines under a
// header line), with escaping so any value round-trips.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace lineside::mwi {

/// Builds one record: a header line, then one escaped "name=value" line per field.
class RecordWriter {
 public:
  explicit RecordWriter(std::string_view header);
  RecordWriter &text(std::string_view name, std::string_view value);
  RecordWriter &number(std::string_view name, int64_t value);
  [[nodiscard]] const std::string &str() const { return out_; }

 private:
  std::string out_;
};

/// The fields of a record, read back. Lookups of missing or malformed fields fail.
class RecordReader {
 public:
  /// Nothing when `record` does not start with `header` or a line is malformed.
  static std::optional<RecordReader> parse(std::string_view record, std::string_view header);
  /// The field's value, or nothing when absent.
  [[nodiscard]] std::optional<std::string> text(std::string_view name) const;
  /// The field as a signed integer within [min, max], or nothing when absent or malformed.
  [[nodiscard]] std::optional<int64_t> number(std::string_view name, int64_t min,
                                              int64_t max) const;

 private:
  std::map<std::string, std::string, std::less<>> fields_;
};

}  // namespace lineside::mwi
