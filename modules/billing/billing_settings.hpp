// billing/billing_settings.hpp: the billing module's config schema and its validated settings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "file_rotation.hpp"
#include "lineside/plugin.hpp"
#include "record_writer.hpp"
#include "smdr_stream_server.hpp"

namespace lineside::billing {

/// One file output (smdr_file, cdr_json, cdr_csv).
struct FileOutputSettings {
  bool enabled = false;
  std::string path;
  RotationPolicy rotation;
  bool operator==(const FileOutputSettings &) const = default;
};

struct BillingSettings {
  FileOutputSettings smdr_file;
  FileOutputSettings cdr_json;
  FileOutputSettings cdr_csv;
  bool stream_enabled = false;
  StreamSettings stream;
  WriterSettings writer;
  size_t max_tracked_calls = 10000;

  /// True when the files, the writer and its policy are the same (no writer restart needed).
  [[nodiscard]] bool same_files(const BillingSettings &o) const;
  /// True when the stream listener settings are the same (no stream restart needed).
  [[nodiscard]] bool same_stream(const BillingSettings &o) const;
};

const ls_config_field_t *billing_config_fields();
uint32_t billing_config_field_count();

/// Read and check `node` (the module's config:). Errors go to host.config_error; nothing then.
std::optional<BillingSettings> read_billing_settings(const Host &host, const Config &node);

}  // namespace lineside::billing
