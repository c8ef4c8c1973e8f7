// config/config_access.cpp: the ABI's read-only config accessors over the validated tree.
#include "config/config_access.hpp"

#include "lineside/config_schema.h"

namespace lineside::kernel {
namespace {

const ConfigEntry *lookup(const ls_config_t *node, const char *key) noexcept {
  if (node == nullptr || key == nullptr) return nullptr;
  return node->find(key);
}

const ConfigEntry *lookup_typed(const ls_config_t *node, const char *key, uint32_t type) noexcept {
  const ConfigEntry *entry = lookup(node, key);
  return entry != nullptr && entry->value.type == type ? entry : nullptr;
}

} // namespace

int config_string(const ls_config_t *node, const char *key, const char **out) noexcept {
  const ConfigEntry *entry = lookup(node, key);
  if (entry == nullptr || out == nullptr) return -1;
  const uint32_t type = entry->value.type;
  if (type != LS_CFG_STRING && type != LS_CFG_ENUM && type != LS_CFG_PATH) return -1;
  *out = entry->value.text.c_str();
  return 0;
}

int config_int(const ls_config_t *node, const char *key, int64_t *out) noexcept {
  const ConfigEntry *entry = lookup_typed(node, key, LS_CFG_INT);
  if (entry == nullptr || out == nullptr) return -1;
  *out = entry->value.number;
  return 0;
}

int config_bool(const ls_config_t *node, const char *key, int *out) noexcept {
  const ConfigEntry *entry = lookup_typed(node, key, LS_CFG_BOOL);
  if (entry == nullptr || out == nullptr) return -1;
  *out = entry->value.number != 0 ? 1 : 0;
  return 0;
}

int config_duration_ms(const ls_config_t *node, const char *key, int64_t *out) noexcept {
  const ConfigEntry *entry = lookup_typed(node, key, LS_CFG_DURATION);
  if (entry == nullptr || out == nullptr) return -1;
  *out = entry->value.number;
  return 0;
}

uint32_t config_list_size(const ls_config_t *node, const char *key) noexcept {
  const ConfigEntry *entry = lookup(node, key);
  if (entry == nullptr) return 0;
  if (entry->value.type == LS_CFG_STRING_LIST) return static_cast<uint32_t>(entry->value.strings.size());
  if (entry->value.type == LS_CFG_MAP_LIST) return static_cast<uint32_t>(entry->value.maps.size());
  return 0;
}

const char *config_list_string(const ls_config_t *node, const char *key, uint32_t i) noexcept {
  const ConfigEntry *entry = lookup_typed(node, key, LS_CFG_STRING_LIST);
  if (entry == nullptr || i >= entry->value.strings.size()) return nullptr;
  return entry->value.strings[i].c_str();
}

const ls_config_t *config_child(const ls_config_t *node, const char *key, uint32_t i) noexcept {
  const ConfigEntry *entry = lookup(node, key);
  if (entry == nullptr) return nullptr;
  const uint32_t type = entry->value.type;
  if (type == LS_CFG_MAP && i != 0) return nullptr;
  if (type != LS_CFG_MAP && type != LS_CFG_MAP_LIST) return nullptr;
  if (i >= entry->value.maps.size()) return nullptr;
  return entry->value.maps[i].get();
}

ConfigError error_at(const ls_config_t *node, const char *key, const std::string &message) {
  if (node == nullptr) return ConfigError{"", 0, 0, key != nullptr ? key : "", message};
  if (key == nullptr) return error_at_position(node->position, node->path, message);
  const ConfigEntry *entry = node->find(key);
  const SourcePos &pos =
      entry != nullptr && !entry->from_default ? entry->value_position : node->position;
  return error_at_position(pos, node->key_path(key), message);
}

} // namespace lineside::kernel
