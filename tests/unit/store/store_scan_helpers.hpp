// Test helpers that read a whole namespace of a Store into a map.
#pragma once

#include "store/store.hpp"

#include <map>
#include <string>

namespace lineside::kernel::testing {

/** Every record of ns as key -> value. */
inline std::map<std::string, std::string> read_namespace(Store &store, const std::string &ns) {
  std::map<std::string, std::string> records;
  store.scan(ns, [&records](std::string_view key, std::string_view value) {
    records.emplace(std::string(key), std::string(value));
    return true;
  });
  return records;
}

} // namespace lineside::kernel::testing
