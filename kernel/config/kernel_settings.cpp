// config/kernel_settings.cpp: reading the validated `kernel:` tree into KernelSettings.
#include "config/kernel_settings.hpp"

#include "config/config_access.hpp"
#include "config/path_values.hpp"
#include "config/scalar_values.hpp"
#include "lineside/abi.h"

namespace lineside::kernel {
namespace {

bool host_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
         c == '_';
}

bool ipv6_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
}

template <typename Predicate>
bool all_of_text(const std::string &text, Predicate predicate) {
  for (char c : text) {
    if (!predicate(c)) return false;
  }
  return !text.empty();
}

// The schema guarantees presence and type of every key read below; these only unwrap.
std::string string_at(const ls_config *node, const char *key) {
  const char *value = "";
  config_string(node, key, &value);
  return value;
}

int64_t int_at(const ls_config *node, const char *key) {
  int64_t value = 0;
  config_int(node, key, &value);
  return value;
}

uint32_t log_level_from(const std::string &name) {
  if (name == "error") return LS_LOG_ERROR;
  if (name == "warning") return LS_LOG_WARNING;
  if (name == "notice") return LS_LOG_NOTICE;
  if (name == "debug") return LS_LOG_DEBUG;
  return LS_LOG_INFO;
}

} // namespace

std::optional<std::pair<std::string, uint16_t>> parse_listen_address(const std::string &text) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  std::string host = text.substr(0, colon);
  const std::string port_text = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
    if (!all_of_text(host, ipv6_char)) return std::nullopt;
  } else if (host != "*" && !all_of_text(host, host_name_char)) {
    return std::nullopt;
  }
  if (!all_of_text(port_text, [](char c) { return c >= '0' && c <= '9'; }) || port_text.size() > 5) return std::nullopt;
  const std::optional<int64_t> port = parse_integer(port_text);
  if (!port || *port < 1 || *port > 65535) return std::nullopt;
  return std::make_pair(host, static_cast<uint16_t>(*port));
}

std::optional<KernelSettings> kernel_settings_from(const ls_config &tree, const std::string &state_dir,
                                                   std::vector<ConfigError> &errors) {
  const size_t errors_before = errors.size();
  KernelSettings settings;
  settings.sip_domain = string_at(&tree, "sip_domain");
  settings.state_dir = state_dir;
  settings.directory_file = string_at(&tree, "directory_file");
  settings.workers = static_cast<uint32_t>(int_at(&tree, "workers"));

  const ls_config *log = config_child(&tree, "log", 0);
  settings.log.level = log_level_from(string_at(log, "level"));
  settings.log.sofia_level = static_cast<int>(int_at(log, "sofia_level"));

  const ls_config *store = config_child(&tree, "store", 0);
  settings.store.path = string_at(store, "path");
  settings.store.synchronous = string_at(store, "synchronous") == "normal" ? StoreSync::normal : StoreSync::full;
  settings.store.batch_max = static_cast<uint32_t>(int_at(store, "batch_max"));

  const ls_config *sip = config_child(&tree, "sip", 0);
  settings.sip.udp_mtu = static_cast<uint32_t>(int_at(sip, "udp_mtu"));
  settings.sip.max_message_size = static_cast<uint32_t>(int_at(sip, "max_message_size"));

  const ls_config *calls = config_child(&tree, "calls", 0);
  config_duration_ms(calls, "ring_timeout", &settings.calls.ring_timeout_ms);
  settings.calls.max_concurrent = static_cast<uint32_t>(int_at(calls, "max_concurrent"));
  settings.calls.max_new_per_second = static_cast<uint32_t>(int_at(calls, "max_new_per_second"));
  config_duration_ms(calls, "retry_after", &settings.calls.retry_after_ms);

  const ls_config *admin = config_child(&tree, "admin", 0);
  int enabled = 1;
  config_bool(admin, "enabled", &enabled);
  settings.admin.enabled = enabled != 0;
  settings.admin.listen = string_at(admin, "listen");
  settings.admin.token_file = string_at(admin, "token_file");
  settings.admin.cert_file = string_at(admin, "cert_file");
  settings.admin.key_file = string_at(admin, "key_file");
  if (settings.admin.cert_file.empty() != settings.admin.key_file.empty()) {
    errors.push_back(error_at(admin, settings.admin.cert_file.empty() ? "cert_file" : "key_file",
                              "cert_file and key_file go together"));
  }
  if (const ConfigEntry *users = admin ? admin->find("users") : nullptr) {
    for (size_t i = 0; i < users->value.strings.size(); ++i) {
      const std::string &entry = users->value.strings[i];
      const size_t colon = entry.find(':');
      if (colon == 0 || colon == std::string::npos || entry.compare(colon + 1, 14, "pbkdf2-sha256$") != 0) {
        errors.push_back(error_at_position(users->value.item_positions[i],
                                           admin->key_path("users") + "[" + std::to_string(i) + "]",
                                           "expected name:pbkdf2-sha256$... (see linesidectl hash-password)"));
        continue;
      }
      settings.admin.users.emplace_back(entry.substr(0, colon), entry.substr(colon + 1));
    }
  }
  const ls_config *licences = config_child(&tree, "licences", 0);
  settings.licences.ip_users = static_cast<uint32_t>(int_at(licences, "ip_users"));
  settings.licences.single_line_users = static_cast<uint32_t>(int_at(licences, "single_line_users"));
  if (auto address = parse_listen_address(settings.admin.listen)) {
    settings.admin.listen_host = address->first;
    settings.admin.listen_port = address->second;
  } else {
    errors.push_back(error_at(admin, "listen", "expected host:port (e.g. 127.0.0.1:8089)"));
  }

  if (const ConfigEntry *dirs = tree.find("module_dirs")) {
    for (size_t i = 0; i < dirs->value.strings.size(); ++i) {
      const SourcePos &pos = dirs->value.item_positions[i];
      std::string problem;
      if (auto resolved = resolve_config_path(dirs->value.strings[i], state_dir, pos.file, problem)) {
        settings.module_dirs.push_back(std::move(*resolved));
      } else {
        errors.push_back(error_at_position(pos, tree.key_path("module_dirs") + "[" + std::to_string(i) + "]", problem));
      }
    }
  }
  if (errors.size() != errors_before) return std::nullopt;
  return settings;
}

} // namespace lineside::kernel
