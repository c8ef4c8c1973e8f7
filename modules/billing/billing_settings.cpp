// billing/billing_settings.cpp: schema (outputs, stream, fsync policy, bounds), reading, checks.
#include "billing_settings.hpp"

#include <array>
#include <set>
#include <utility>

namespace lineside::billing {
namespace {

constexpr uint32_t F = sizeof(ls_config_field_t);
constexpr int64_t kMaxFileBytes = int64_t{1} << 40;

/// The keys of one file output; `enabled` and `path` are its defaults.
constexpr std::array<ls_config_field_t, 5> file_fields(const char *enabled, const char *path) {
  return {{
      {F, LS_CFG_BOOL, "enabled", enabled, "write this output", 0, 0, 0, 0, nullptr, nullptr},
      {F, LS_CFG_PATH, "path", path,
       "the file; rotated files are named <stem>-<YYYYMMDD>[-<n>]<ext> next to it, its journal "
       "is <path>.journal",
       0, 0, 0, 0, nullptr, nullptr},
      {F, LS_CFG_INT, "max_size", "10485760",
       "rotate before the file would pass this many bytes (0 = no size rotation)", 0, 0, 0,
       kMaxFileBytes, nullptr, nullptr},
      {F, LS_CFG_BOOL, "daily", "true", "rotate at the first record of each new local day", 0, 0, 0,
       0, nullptr, nullptr},
      {F, LS_CFG_INT, "keep", "0", "rotated files kept, oldest deleted first (0 = keep all)", 0, 0,
       0, 100000, nullptr, nullptr},
  }};
}

constexpr auto kSmdrFile = file_fields("true", "${state_dir}/smdr/smdr.txt");
constexpr auto kCdrJson = file_fields("true", "${state_dir}/cdr/cdr.jsonl");
constexpr auto kCdrCsv = file_fields("false", "${state_dir}/cdr/cdr.csv");

const ls_config_field_t kStream[] = {
    {F, LS_CFG_BOOL, "enabled", "false", "serve SMDR records to collectors over TCP", 0, 0, 0, 0,
     nullptr, nullptr},
    {F, LS_CFG_STRING, "listen", "127.0.0.1:1752",
     "address:port collectors connect to (\"[::1]:1752\", \"*:1752\"; port 0 = any free port)", 0,
     0, 0, 0, nullptr, nullptr},
    {F, LS_CFG_INT, "max_collectors", "8", "collectors connected at once; more are refused", 0, 0,
     1, 1000, nullptr, nullptr},
    {F, LS_CFG_INT, "collector_queue", "1000",
     "records waiting for one collector; a collector further behind is disconnected", 0, 0, 1,
     1000000, nullptr, nullptr},
    {F, LS_CFG_INT, "backlog", "0",
     "most recent records sent to a collector when it connects (0 = only new records)", 0, 0, 0,
     100000, nullptr, nullptr},
};

const ls_config_field_t kFields[] = {
    {F, LS_CFG_MAP, "smdr_file", nullptr, "the SMDR file (Mitel fixed-width records, CR LF)", 0,
     static_cast<uint32_t>(kSmdrFile.size()), 0, 0, nullptr, kSmdrFile.data()},
    {F, LS_CFG_MAP, "smdr_stream", nullptr, "the SMDR TCP stream collectors connect to", 0,
     count_of(kStream), 0, 0, nullptr, kStream},
    {F, LS_CFG_MAP, "cdr_json", nullptr, "CDR as JSON lines (ISO-8601 timestamps, every field)", 0,
     static_cast<uint32_t>(kCdrJson.size()), 0, 0, nullptr, kCdrJson.data()},
    {F, LS_CFG_MAP, "cdr_csv", nullptr, "CDR as CSV with a header line (same fields as JSON)", 0,
     static_cast<uint32_t>(kCdrCsv.size()), 0, 0, nullptr, kCdrCsv.data()},
    {F, LS_CFG_ENUM, "fsync", "record",
     "journal fsync before records become visible: record (each batch), interval, never", 0, 0, 0,
     0, "record|interval|never", nullptr},
    {F, LS_CFG_DURATION, "fsync_interval", "1s",
     "with fsync: interval, records are gathered and committed this often", 0, 0, 10, 60000,
     nullptr, nullptr},
    {F, LS_CFG_INT, "max_queue", "100000",
     "records waiting for the disk; more are dropped (and counted) rather than block calls", 0, 0,
     100, 10000000, nullptr, nullptr},
    {F, LS_CFG_INT, "max_tracked_calls", "10000",
     "calls in progress remembered between their events; the oldest is forgotten beyond this", 0, 0,
     10, 10000000, nullptr, nullptr},
};

FileOutputSettings read_file_output(const Config &node) {
  FileOutputSettings s;
  s.enabled = node.boolean("enabled").value_or(false);
  s.path = node.string_or("path", "");
  s.rotation.max_bytes = node.integer("max_size").value_or(0);
  s.rotation.daily = node.boolean("daily").value_or(false);
  s.rotation.keep_files = static_cast<uint32_t>(node.integer("keep").value_or(0));
  return s;
}

}  // namespace

bool BillingSettings::same_files(const BillingSettings &o) const {
  return smdr_file == o.smdr_file && cdr_json == o.cdr_json && cdr_csv == o.cdr_csv &&
         writer.fsync == o.writer.fsync && writer.fsync_interval_ms == o.writer.fsync_interval_ms &&
         writer.max_queue == o.writer.max_queue;
}

bool BillingSettings::same_stream(const BillingSettings &o) const {
  return stream_enabled == o.stream_enabled && stream.listen.text() == o.stream.listen.text() &&
         stream.max_collectors == o.stream.max_collectors &&
         stream.queue_records == o.stream.queue_records &&
         stream.backlog_records == o.stream.backlog_records;
}

const ls_config_field_t *billing_config_fields() {
  return kFields;
}
uint32_t billing_config_field_count() {
  return count_of(kFields);
}

std::optional<BillingSettings> read_billing_settings(const Host &host, const Config &node) {
  BillingSettings s;
  bool ok = true;
  const Config smdr = node.child("smdr_file");
  const Config json = node.child("cdr_json");
  const Config csv = node.child("cdr_csv");
  s.smdr_file = read_file_output(smdr);
  s.cdr_json = read_file_output(json);
  s.cdr_csv = read_file_output(csv);

  std::set<std::string> paths;
  for (auto [out, cfg] : {std::pair{&s.smdr_file, &smdr}, std::pair{&s.cdr_json, &json},
                          std::pair{&s.cdr_csv, &csv}}) {
    if (!out->enabled) continue;
    if (out->path.empty()) {
      host.config_error(*cfg, "path", "an enabled output needs a path");
      ok = false;
    } else if (!paths.insert(out->path).second) {
      host.config_error(*cfg, "path",
                        "'" + out->path + "' is already used by another billing output");
      ok = false;
    }
  }

  const Config stream = node.child("smdr_stream");
  s.stream_enabled = stream.boolean("enabled").value_or(false);
  const std::string listen = stream.string_or("listen", "127.0.0.1:1752");
  std::string why;
  if (auto addr = parse_listen_address(listen, why)) {
    s.stream.listen = *addr;
  } else {
    host.config_error(stream, "listen", why);
    ok = false;
  }
  s.stream.max_collectors = static_cast<size_t>(stream.integer("max_collectors").value_or(8));
  s.stream.queue_records = static_cast<size_t>(stream.integer("collector_queue").value_or(1000));
  s.stream.backlog_records = static_cast<size_t>(stream.integer("backlog").value_or(0));

  const std::string fsync = node.string_or("fsync", "record");
  if (fsync == "record") {
    s.writer.fsync = FsyncPolicy::every_record;
  } else if (fsync == "interval") {
    s.writer.fsync = FsyncPolicy::interval;
  } else if (fsync == "never") {
    s.writer.fsync = FsyncPolicy::never;
  } else {
    host.config_error(node, "fsync", "expected record, interval or never, got '" + fsync + "'");
    ok = false;
  }
  s.writer.fsync_interval_ms = node.duration_ms("fsync_interval").value_or(1000);
  s.writer.max_queue = static_cast<size_t>(node.integer("max_queue").value_or(100000));
  s.max_tracked_calls = static_cast<size_t>(node.integer("max_tracked_calls").value_or(10000));
  if (!ok) return std::nullopt;
  return s;
}

}  // namespace lineside::billing
