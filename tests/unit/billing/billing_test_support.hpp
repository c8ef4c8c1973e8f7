// tests/unit/billing/billing_test_support.hpp: helpers for the billing tests: a private temp
// folder, file reading, SMDR column access, a fake lineside.capabilities/1, call events.
#pragma once

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "lineside/lineside.h"

namespace lineside::billing::test {

/// A fresh private folder, removed with everything in it afterwards.
class TempFolder {
 public:
  TempFolder() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "lineside-billing-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  TempFolder(const TempFolder &) = delete;
  TempFolder &operator=(const TempFolder &) = delete;
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  [[nodiscard]] std::string file(const std::string &name) const { return (path_ / name).string(); }
  [[nodiscard]] const std::filesystem::path &path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// The whole content of `path` ("" when missing).
inline std::string read_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const std::string &path, const std::string &text) {
  std::ofstream(path, std::ios::binary) << text;
}

/// Lines of `text` split after each "\r\n" (terminators kept).
inline std::vector<std::string> crlf_lines(const std::string &text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find("\r\n", pos);
    end = end == std::string::npos ? text.size() : end + 2;
    out.push_back(text.substr(pos, end - pos));
    pos = end;
  }
  return out;
}

/// Columns `first`..`last` (1-based, inclusive, as in the Mitel layout table) of `line`.
inline std::string cols(const std::string &line, size_t first, size_t last) {
  return line.substr(first - 1, last - first + 1);
}

/// Permission bits of `path`.
inline unsigned mode_of(const std::string &path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return 0;
  return st.st_mode & 07777;
}

/// A lineside.capabilities/1 whose system options a test sets.
struct FakeCapabilities {
  bool smdr_internal = true;
  bool smdr_external = true;
  bool smdr_extended_digits = false;
  bool smdr_ani_dnis = false;
  bool smdr_24h_clock = true;
  std::string smdr_system_id = "000";
  int calls = 0;

  static int system_options(void *self, ls_system_options_t *out) {
    auto *caps = static_cast<FakeCapabilities *>(self);
    ++caps->calls;
    if (!out || out->size < sizeof(ls_system_options_t)) return -1;
    out->smdr_internal = caps->smdr_internal;
    out->smdr_external = caps->smdr_external;
    out->smdr_extended_digits = caps->smdr_extended_digits;
    out->smdr_ani_dnis = caps->smdr_ani_dnis;
    out->smdr_24h_clock = caps->smdr_24h_clock;
    out->smdr_system_id = caps->smdr_system_id.c_str();
    out->default_cesid = "";
    return 0;
  }
  static int no_profile(void *, const char *, ls_capability_profile_t *) { return -1; }
  static int no_profile_id(void *, uint32_t, ls_capability_profile_t *) { return -1; }

  [[nodiscard]] const ls_capabilities_v1_t *table() const {
    static const ls_capabilities_v1_t t{sizeof(ls_capabilities_v1_t), 0, &no_profile,
                                        &no_profile_id, &system_options};
    return &t;
  }
  [[nodiscard]] void *self() { return this; }
};

/// A call event with the strings it points at (keep the object alive while it is used).
struct EventBuilder {
  std::string caller_device_id = "dev-1001", caller_dn = "1001", dialled = "1002";
  std::string callee_device_id, callee_dn, reason, trunk_name, third_party_dn, transferred_by_dn;
  ls_call_event_t event{};

  /// An event of `change` for call `id`, every field set from the strings above.
  const ls_call_event_t &make(uint32_t change, uint64_t id, int64_t start_ms, int64_t answer_ms = 0,
                              int64_t end_ms = 0, uint32_t status = 0, uint32_t q850 = 0,
                              uint32_t trunk_number = 0, uint32_t forwarded = 0) {
    event = ls_call_event_t{};
    event.size = sizeof event;
    event.change = change;
    event.call_id = id;
    event.caller_device_id = caller_device_id.c_str();
    event.caller_dn = caller_dn.c_str();
    event.dialled = dialled.c_str();
    event.callee_device_id = callee_device_id.empty() ? nullptr : callee_device_id.c_str();
    event.callee_dn = callee_dn.empty() ? nullptr : callee_dn.c_str();
    event.start_unix_ms = start_ms;
    event.answer_unix_ms = answer_ms;
    event.end_unix_ms = end_ms;
    event.status = status;
    event.q850_cause = q850;
    event.reason = change == LS_CALL_ENDED && !reason.empty() ? reason.c_str() : nullptr;
    event.ended_by = change == LS_CALL_ENDED ? LS_CALL_BY_CALLER : LS_CALL_BY_NONE;
    event.trunk_name = trunk_name.empty() ? nullptr : trunk_name.c_str();
    event.trunk_number = trunk_number;
    event.forwarded = forwarded;
    event.third_party_dn = third_party_dn.empty() ? nullptr : third_party_dn.c_str();
    event.transferred_by_dn = transferred_by_dn.empty() ? nullptr : transferred_by_dn.c_str();
    return event;
  }
};

/// UNIX ms of a local date and time (TZ of the process).
inline int64_t local_ms(int year, int month, int day, int hour, int minute, int second,
                        int ms = 0) {
  struct tm tm {};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  tm.tm_isdst = -1;
  return static_cast<int64_t>(mktime(&tm)) * 1000 + ms;
}

}  // namespace lineside::billing::test
