// config/config_tree.cpp: lookups in the validated configuration tree.
#include "config/config_tree.hpp"

const lineside::kernel::ConfigEntry *ls_config::find(std::string_view key) const {
  for (const lineside::kernel::ConfigEntry &entry : entries) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

std::string ls_config::key_path(std::string_view key) const {
  if (path.empty()) return std::string(key);
  std::string out = path;
  out += '.';
  out += key;
  return out;
}
