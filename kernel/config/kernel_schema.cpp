// config/kernel_schema.cpp: the static schema of the `kernel:` section.
#include "config/kernel_schema.hpp"

#include <array>

namespace lineside::kernel {
namespace {

constexpr ls_config_field_t field(uint32_t type, const char *key, const char *default_value, const char *doc,
                                  int64_t min = 0, int64_t max = 0, const char *choices = nullptr) {
  return ls_config_field_t{sizeof(ls_config_field_t), type, key, default_value, doc, 0, 0, min, max, choices, nullptr};
}

template <size_t N>
constexpr ls_config_field_t map_field(const char *key, const char *doc, const std::array<ls_config_field_t, N> &children) {
  return ls_config_field_t{sizeof(ls_config_field_t), LS_CFG_MAP, key, nullptr, doc, 0, static_cast<uint32_t>(N),
                           0, 0, nullptr, children.data()};
}

constexpr std::array<ls_config_field_t, 2> kLogFields{{
    field(LS_CFG_ENUM, "level", "info", "lowest level written to the log", 0, 0, "error|warning|notice|info|debug"),
    field(LS_CFG_INT, "sofia_level", "1", "Sofia-SIP's own log verbosity, routed into our log", 0, 9),
}};

constexpr std::array<ls_config_field_t, 3> kStoreFields{{
    field(LS_CFG_PATH, "path", "${state_dir}/lineside.db", "SQLite database file"),
    field(LS_CFG_ENUM, "synchronous", "full",
          "full: fsync every group commit; normal: survive a crash, not a power loss", 0, 0, "full|normal"),
    field(LS_CFG_INT, "batch_max", "1024", "most writes committed in one transaction", 1, 100000),
}};

constexpr std::array<ls_config_field_t, 2> kSipFields{{
    field(LS_CFG_INT, "udp_mtu", "65535", "requests larger than this switch from UDP to TCP", 576, 65535),
    field(LS_CFG_INT, "max_message_size", "65536", "larger SIP messages are refused", 1024, 1048576),
}};

constexpr std::array<ls_config_field_t, 6> kAdminFields{{
    field(LS_CFG_BOOL, "enabled", "true", "serve the admin HTTP API"),
    field(LS_CFG_STRING, "listen", "127.0.0.1:8089", "host:port the admin API listens on"),
    field(LS_CFG_PATH, "token_file", "${state_dir}/admin.token",
          "bearer token file, created 0600 with a random token when missing"),
    field(LS_CFG_PATH, "cert_file", nullptr, "PEM certificate chain: when set, the admin API serves HTTPS"),
    field(LS_CFG_PATH, "key_file", nullptr, "PEM private key of cert_file"),
    field(LS_CFG_STRING_LIST, "users", "[]",
          "basic-auth users, \"name:pbkdf2-sha256$iterations$salt$hash\" (linesidectl hash-password)"),
}};

constexpr std::array<ls_config_field_t, 2> kLicenceFields{{
    field(LS_CFG_INT, "ip_users", "1000", "IP User licences (each device not a Single Line Phone takes one)", 0,
          1000000),
    field(LS_CFG_INT, "single_line_users", "100", "Single Line User licences (each Single Line Phone takes one)", 0,
          1000000),
}};

constexpr std::array<ls_config_field_t, 4> kCallFields{{
    field(LS_CFG_DURATION, "ring_timeout", "60s",
          "how long the callee's phones ring before the caller gets 480 No Answer", 1000, 3600000),
    field(LS_CFG_INT, "max_concurrent", "0",
          "most calls up or ringing at once; a new call beyond it gets 503 (0: no limit; 911 is never refused)", 0,
          1000000),
    field(LS_CFG_INT, "max_new_per_second", "0",
          "most new calls admitted per second, bursts up to one second's worth; more get 503 (0: no limit)", 0,
          100000),
    field(LS_CFG_DURATION, "retry_after", "5s", "Retry-After sent with those 503 answers", 1000, 3600000),
}};

constexpr std::array<ls_config_field_t, 11> kKernelFields{{
    field(LS_CFG_STRING, "sip_domain", "pbx.test", "digest realm and the domain phones register to"),
    field(LS_CFG_PATH, "state_dir", "/var/lib/lineside", "folder for the store, admin token and generated files"),
    field(LS_CFG_PATH, "directory_file", "directory.yaml", "provisioned devices"),
    map_field("log", "logging", kLogFields),
    map_field("store", "the embedded SQLite store", kStoreFields),
    map_field("sip", "SIP stack limits", kSipFields),
    field(LS_CFG_INT, "workers", "2", "threads for blocking work", 1, 64),
    map_field("admin", "the admin HTTP API", kAdminFields),
    map_field("calls", "the call engine (B2BUA)", kCallFields),
    map_field("licences", "licence counts the provisioning API enforces", kLicenceFields),
    field(LS_CFG_STRING_LIST, "module_dirs", "[]", "extra folders searched for module .so files"),
}};

} // namespace

std::span<const ls_config_field_t> kernel_schema() { return kKernelFields; }

} // namespace lineside::kernel
