// transport/transport_config.cpp: the transport module's config schema and rate_limit reading.
#include "transport_config.hpp"

#include <string>

#include "listener_spec.hpp"

namespace lineside::transport {
namespace {

const ls_config_field_t kRateLimitFields[] = {
    {sizeof(ls_config_field_t), LS_CFG_INT, "requests_per_second", "0",
     "requests per second allowed from one source address; 0 turns the limit off", 0, 0, 0,
     1000000, nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_INT, "burst", "50",
     "requests one source may send back to back before the rate applies", 0, 0, 1, 1000000,
     nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_INT, "max_sources", "10000",
     "most source addresses tracked at once (the least recently seen is forgotten)", 0, 0, 1,
     10000000, nullptr, nullptr},
};

struct Schema {
  ls_config_field_t fields[2];
};

const Schema &schema() {
  static const Schema all = {{
      {sizeof(ls_config_field_t), LS_CFG_MAP_LIST, "listeners", nullptr,
       "SIP listeners (changing them needs a restart)", LS_CFG_REQUIRED,
       listener_item_field_count(), 0, 0, nullptr, listener_item_fields()},
      {sizeof(ls_config_field_t), LS_CFG_MAP, "rate_limit", nullptr,
       "per-source request rate limit (token bucket); excess requests are dropped silently", 0,
       count_of(kRateLimitFields), 0, 0, nullptr, kRateLimitFields},
  }};
  return all;
}

bool read_bounded(const Host &host, const Config &node, const char *key, int64_t low, int64_t high,
                  int64_t fallback, uint32_t &out) {
  const int64_t value = node.integer(key).value_or(fallback);
  if (value < low || value > high) {
    host.config_error(node, key, "must be between " + std::to_string(low) + " and " +
                                     std::to_string(high) + ", got " + std::to_string(value));
    return false;
  }
  out = static_cast<uint32_t>(value);
  return true;
}

}  // namespace

const ls_config_field_t *transport_config_fields() { return schema().fields; }
uint32_t transport_config_field_count() { return count_of(schema().fields); }

std::optional<RateLimitSettings> read_rate_limit(const Host &host, const Config &root) {
  RateLimitSettings s;
  const Config node = root.child("rate_limit");
  if (!node.valid()) return s;
  bool ok = read_bounded(host, node, "requests_per_second", 0, 1000000, 0, s.requests_per_second);
  ok = read_bounded(host, node, "burst", 1, 1000000, 50, s.burst) && ok;
  ok = read_bounded(host, node, "max_sources", 1, 10000000, 10000, s.max_sources) && ok;
  if (!ok) return std::nullopt;
  return s;
}

}  // namespace lineside::transport
