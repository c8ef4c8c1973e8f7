// billing/file_rotation.hpp: when an output file rotates, what the rotated file is called, and
// how many rotated files are kept.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lineside::billing {

/// Rotation of one output file. Zero / false switches a trigger off.
struct RotationPolicy {
  int64_t max_bytes = 0;    ///< rotate before a write would take the file past this size
  bool daily = false;       ///< rotate at the first write (or tick) on a new local day
  uint32_t keep_files = 0;  ///< rotated files kept (oldest deleted first); 0 keeps them all
  bool operator==(const RotationPolicy &) const = default;
};

/// Local calendar day of `unix_s` as YYYYMMDD.
int local_day(int64_t unix_s);

/**
 * The name a rotated file takes: "<dir>/<stem>-<YYYYMMDD><ext>" for the day its records began
 * ("smdr.txt" of 2024-03-05 -> "smdr-20240305.txt"), or "<stem>-<YYYYMMDD>-<n><ext>" with n one
 * past the highest of that day (size rotations within one day; a name freed by pruning is never
 * reused, so names keep their order).
 */
std::string rotated_name(const std::string &path, int day);

/// Rotated files of `path` in its folder (names as rotated_name makes them), oldest first (by
/// day, then sequence).
std::vector<std::string> rotated_files(const std::string &path);

/// Delete the oldest rotated files of `path` beyond `keep` (0 = keep all). Returns the errors.
std::vector<std::string> prune_rotated(const std::string &path, uint32_t keep);

}  // namespace lineside::billing
