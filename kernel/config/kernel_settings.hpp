// config/kernel_settings.hpp: the validated `kernel:` section as plain C++ fields.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/config_error.hpp"
#include "config/config_tree.hpp"

namespace lineside::kernel {

enum class StoreSync { full, normal };

struct LogSettings {
  uint32_t level = 3;  ///< LS_LOG_ERROR..LS_LOG_DEBUG (abi.h); info by default
  int sofia_level = 1; ///< 0..9
};

struct StoreSettings {
  std::string path; ///< absolute
  StoreSync synchronous = StoreSync::full;
  uint32_t batch_max = 1024;
};

struct SipSettings {
  uint32_t udp_mtu = 65535;
  uint32_t max_message_size = 65536;
};

struct AdminSettings {
  bool enabled = true;
  std::string listen;      ///< as written, "127.0.0.1:8089"
  std::string listen_host; ///< "127.0.0.1", "::1" (without brackets), "*", or a host name
  uint16_t listen_port = 0;
  std::string token_file;  ///< absolute
  std::string cert_file;   ///< absolute, or "" for plain HTTP
  std::string key_file;    ///< absolute, or ""
  std::vector<std::pair<std::string, std::string>> users; ///< basic auth: name, PBKDF2 hash
};

/// kernel.licences
struct LicenceSettings {
  uint32_t ip_users = 1000;
  uint32_t single_line_users = 100;
};

struct CallSettingsConfig {
  int64_t ring_timeout_ms = 60000;
  uint32_t max_concurrent = 0;      ///< 0: no limit
  uint32_t max_new_per_second = 0;  ///< 0: no limit
  int64_t retry_after_ms = 5000;
};
/// Every path here is absolute, ${state_dir} expanded.
struct KernelSettings {
  std::string sip_domain;
  std::string state_dir; ///< the effective one: --state-dir, else kernel.state_dir
  std::string directory_file;
  LogSettings log;
  StoreSettings store;
  SipSettings sip;
  uint32_t workers = 2;
  AdminSettings admin;
  CallSettingsConfig calls;
  LicenceSettings licences;
  std::vector<std::string> module_dirs;
};

/// Read the validated `kernel:` tree (see kernel_schema()) into settings; checks admin.listen's form
/// and resolves module_dirs like paths. nullopt when it appended errors.
std::optional<KernelSettings> kernel_settings_from(const ls_config &tree, const std::string &state_dir,
                                                   std::vector<ConfigError> &errors);

/// "host:port" with a port 1..65535, host a name, an IPv4 address, "*" or a bracketed IPv6 address.
std::optional<std::pair<std::string, uint16_t>> parse_listen_address(const std::string &text);

} // namespace lineside::kernel
