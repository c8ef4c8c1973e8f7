// config/config_access.hpp: the ABI's read-only config accessors (ls_host_t config_*) and error_at.
#pragma once

#include <cstdint>
#include <string>

#include "config/config_error.hpp"
#include "config/config_tree.hpp"

namespace lineside::kernel {

// Each accessor has the exact signature of its ls_host_t member. They never throw, take no locks
// and only read the immutable tree, so any thread may call them. A NULL node or key reads as absent.

/// STRING, ENUM or PATH (already expanded and resolved). Returns 0, or -1 if absent / other type.
int config_string(const ls_config_t *node, const char *key, const char **out) noexcept;
/// INT. Returns 0 or -1.
int config_int(const ls_config_t *node, const char *key, int64_t *out) noexcept;
/// BOOL as 0/1. Returns 0 or -1.
int config_bool(const ls_config_t *node, const char *key, int *out) noexcept;
/// DURATION in milliseconds. Returns 0 or -1.
int config_duration_ms(const ls_config_t *node, const char *key, int64_t *out) noexcept;
/// Items of a STRING_LIST or MAP_LIST key (0 when absent or another type).
uint32_t config_list_size(const ls_config_t *node, const char *key) noexcept;
/// Item i of a STRING_LIST key, or NULL.
const char *config_list_string(const ls_config_t *node, const char *key, uint32_t i) noexcept;
/// Item i of a MAP_LIST key, or the map of a MAP key when i == 0; NULL otherwise.
const ls_config_t *config_child(const ls_config_t *node, const char *key, uint32_t i) noexcept;

/**
 * An error about `key` of `node` at the position its value was written (the map's position when the
 * value is a default or absent), or about the node itself when key is NULL. The key of the error is
 * the full dotted path (`modules.tls.config.certificate`).
 */
ConfigError error_at(const ls_config_t *node, const char *key, const std::string &message);

} // namespace lineside::kernel
