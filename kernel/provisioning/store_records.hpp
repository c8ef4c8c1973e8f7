// provisioning/store_records.hpp: the directory as store records (namespaces provisioning.*):
// reading them all at start-up, and the writes that turn one directory into another.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "directory/directory.hpp"
#include "store/store.hpp"

namespace lineside::kernel {

inline constexpr const char *kDevicesNs = "provisioning.devices";    ///< key: device id
inline constexpr const char *kProfilesNs = "provisioning.profiles";  ///< key: "01".."64"
inline constexpr const char *kOptionsNs = "provisioning.options";    ///< key: "system"
inline constexpr const char *kMetaNs = "provisioning.meta";          ///< key: "directory_file_sha256"

/// One record write: a put when value is set, else an erase.
struct RecordWrite {
  std::string ns;
  std::string key;
  std::optional<std::string> value;
};

/// Everything saved. Throws std::runtime_error naming an unreadable record.
DirectoryData read_directory_records(Store &store);
/// The writes that make the store hold `to` when it holds `from` (user profiles equal to the
/// factory defaults are erased).
std::vector<RecordWrite> record_writes(const DirectoryData &from, const DirectoryData &to);

}  // namespace lineside::kernel
