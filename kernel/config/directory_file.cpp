// config/directory_file.cpp: reading and checking the provisioned devices of the directory file.
#include "config/directory_file.hpp"

#include <map>
#include <memory>
#include <set>

#include "config/config_access.hpp"
#include "config/key_suggestion.hpp"
#include "config/validate_config.hpp"
#include "config/yaml_source.hpp"

namespace lineside::kernel {
namespace {

constexpr ls_config_field_t text_field(const char *key, uint32_t flags, const char *default_value, const char *doc) {
  return ls_config_field_t{sizeof(ls_config_field_t), LS_CFG_STRING, key, default_value, doc, flags, 0, 0, 0, nullptr, nullptr};
}

constexpr ls_config_field_t kForwardFields[] = {
    text_field("always", 0, "\"\"", "forward every call to this DN"),
    text_field("busy", 0, "\"\"", "forward when every phone of the DN is busy"),
    text_field("no_answer", 0, "\"\"", "forward when nobody answers within no_answer_timeout"),
    {sizeof(ls_config_field_t), LS_CFG_DURATION, "no_answer_timeout", "20s", "ring time before forwarding",
     0, 0, 1000, 600000, nullptr, nullptr},
};

constexpr ls_config_field_t kDeviceFields[] = {
    text_field("id", LS_CFG_REQUIRED, nullptr, "unique device id"),
    text_field("user", LS_CFG_REQUIRED, nullptr, "SIP / digest user name"),
    text_field("dn", LS_CFG_REQUIRED, nullptr, "main directory number"),
    text_field("display_name", 0, "\"\"", "caller name shown to called parties"),
    text_field("password", LS_CFG_SECRET, nullptr, "digest password (turned into HA1s at load)"),
    text_field("ha1_md5", LS_CFG_SECRET, nullptr, "MD5(user:realm:password), lowercase hex"),
    text_field("ha1_sha256", LS_CFG_SECRET, nullptr, "SHA-256(user:realm:password), lowercase hex"),
    {sizeof(ls_config_field_t), LS_CFG_BOOL, "auth", "true", "require digest authentication", 0, 0, 0, 0, nullptr, nullptr},
    text_field("device_type", 0, "generic-sip", "device type"),
    {sizeof(ls_config_field_t), LS_CFG_STRING_LIST, "additional_dns", "[]", "line DNs besides the main one", 0, 0, 0, 0,
     nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_MAP, "forward", nullptr, "call forward always / busy / no answer", 0,
     sizeof(kForwardFields) / sizeof(kForwardFields[0]), 0, 0, nullptr, kForwardFields},
};
constexpr uint32_t kDeviceFieldCount = sizeof(kDeviceFields) / sizeof(kDeviceFields[0]);

bool alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool only_chars(const std::string &text, bool (*allowed)(char)) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!allowed(c)) return false;
  }
  return true;
}

bool id_char(char c) { return alnum(c) || c == '.' || c == '_' || c == '-'; }
bool dn_char(char c) { return (c >= '0' && c <= '9') || c == '*' || c == '#'; }
// RFC 3261 unreserved and user-unreserved characters, without ';', '?' and '/' (URI and API path delimiters).
bool user_char(char c) { return alnum(c) || std::string_view("-_.!~*'()&=+$,").find(c) != std::string_view::npos; }
bool lower_hex_char(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

constexpr const char *kDnChars = "expected digits, '*' or '#'";

/// Checks that need every device (uniqueness) or one device's keys together, reporting through error_at.
class DeviceChecker {
 public:
  explicit DeviceChecker(std::vector<ConfigError> &errors) : errors_(errors) {}

  void check_alone(const ls_config &device, const DeviceSpec &spec) {
    if (!only_chars(spec.id, id_char)) report(device, "id", "expected letters, digits, '.', '_' or '-'");
    if (!only_chars(spec.user, user_char)) report(device, "user", "expected letters, digits or -_.!~*'()&=+$,");
    if (!only_chars(spec.dn, dn_char)) report(device, "dn", kDnChars);
    if (device.find("password") != nullptr && spec.password.empty()) {
      report(device, "password", "must not be empty (leave the key out instead)");
    }
    check_ha1(device, "ha1_md5", spec.ha1_md5, 32);
    check_ha1(device, "ha1_sha256", spec.ha1_sha256, 64);
    if (spec.auth && spec.password.empty() && spec.ha1_md5.empty() && spec.ha1_sha256.empty()) {
      errors_.push_back(error_at(&device, nullptr, "auth is on but there is no password, ha1_md5 or ha1_sha256"));
    }
  }

  void check_unique(const ls_config &device, const DeviceSpec &spec) {
    if (!ids_.insert(spec.id).second) report(device, "id", "duplicate id '" + spec.id + "'");
    if (auto [it, fresh] = users_.emplace(spec.user, spec.id); !fresh) {
      report(device, "user", "duplicate user '" + spec.user + "' (also on device '" + it->second + "')");
    }
    if (auto [it, fresh] = main_dns_.emplace(spec.dn, spec.id); !fresh) {
      report(device, "dn", "duplicate dn '" + spec.dn + "' (also on device '" + it->second + "')");
    }
  }

  /// After check_unique() has seen every device, so every main DN is known.
  void check_additional_dns(const ls_config &device, const DeviceSpec &spec) {
    const ConfigEntry *entry = device.find("additional_dns");
    std::set<std::string> seen;
    for (size_t i = 0; i < spec.additional_dns.size(); ++i) {
      const std::string &dn = spec.additional_dns[i];
      const SourcePos &pos = entry->value.item_positions[i];
      const std::string key = device.key_path("additional_dns") + "[" + std::to_string(i) + "]";
      auto main_owner = main_dns_.find(dn);
      if (!only_chars(dn, dn_char)) {
        errors_.push_back(error_at_position(pos, key, kDnChars));
      } else if (dn == spec.dn) {
        errors_.push_back(error_at_position(pos, key, "repeats the device's own dn"));
      } else if (main_owner != main_dns_.end()) {
        errors_.push_back(error_at_position(pos, key, "'" + dn + "' is the dn of device '" + main_owner->second + "'"));
      } else if (!seen.insert(dn).second) {
        errors_.push_back(error_at_position(pos, key, "'" + dn + "' is listed twice"));
      }
    }
  }

 private:
  void report(const ls_config &device, const char *key, const std::string &message) {
    errors_.push_back(error_at(&device, key, message));
  }

  void check_ha1(const ls_config &device, const char *key, const std::string &value, size_t digits) {
    if (device.find(key) == nullptr) return;
    if (value.size() != digits || !only_chars(value, lower_hex_char)) {
      report(device, key, "expected " + std::to_string(digits) + " lowercase hex digits");
    }
  }

  std::vector<ConfigError> &errors_;
  std::set<std::string> ids_;
  std::map<std::string, std::string> users_;    ///< user -> device id
  std::map<std::string, std::string> main_dns_; ///< main dn -> device id
};

std::string string_of(const ls_config &device, const char *key) {
  const char *value = "";
  return config_string(&device, key, &value) == 0 ? value : "";
}

DeviceSpec spec_from(const ls_config &device) {
  DeviceSpec spec;
  spec.id = string_of(device, "id");
  spec.user = string_of(device, "user");
  spec.dn = string_of(device, "dn");
  spec.display_name = string_of(device, "display_name");
  spec.password = string_of(device, "password");
  spec.ha1_md5 = string_of(device, "ha1_md5");
  spec.ha1_sha256 = string_of(device, "ha1_sha256");
  int auth = 1;
  config_bool(&device, "auth", &auth);
  spec.auth = auth != 0;
  spec.device_type = string_of(device, "device_type");
  for (uint32_t i = 0; i < config_list_size(&device, "additional_dns"); ++i) {
    spec.additional_dns.emplace_back(config_list_string(&device, "additional_dns", i));
  }
  if (const ls_config *fwd = config_child(&device, "forward", 0)) {
    spec.forward_always = string_of(*fwd, "always");
    spec.forward_busy = string_of(*fwd, "busy");
    spec.forward_no_answer = string_of(*fwd, "no_answer");
    int64_t timeout_ms = 20000;
    config_duration_ms(fwd, "no_answer_timeout", &timeout_ms);
    spec.forward_no_answer_timeout_s = static_cast<uint32_t>(timeout_ms / 1000);
  }
  return spec;
}

/// The `devices` node of the file's root map, reporting unknown top-level keys.
YAML::Node devices_node(const YAML::Node &root, const std::string &path, std::vector<ConfigError> &errors) {
  const SourcePos file_start{path, 1, 1};
  if (root.IsNull()) return YAML::Node();
  if (!root.IsMap()) {
    errors.push_back(error_at_position(position_of(root, path, file_start), "", "expected a map with devices:"));
    return YAML::Node();
  }
  YAML::Node devices;
  bool found = false;
  for (auto it = root.begin(); it != root.end(); ++it) {
    const std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string();
    if (key == "devices" && !found) {
      found = true;
      devices.reset(it->second);
    } else {
      const std::string problem = key == "devices" ? "duplicate key" : unknown_key_message(key, {"devices"});
      errors.push_back(error_at_position(position_of(it->first, path, file_start), key, problem));
    }
  }
  return devices;
}

} // namespace

std::vector<DeviceSpec> load_directory_file(const std::string &path) {
  std::vector<ConfigError> errors;
  std::optional<YAML::Node> root = read_yaml_file(path, errors);
  if (!root) throw ConfigException(std::move(errors));
  const YAML::Node devices = devices_node(*root, path, errors);

  std::vector<std::shared_ptr<const ls_config>> trees;
  std::vector<DeviceSpec> specs;
  if (devices.IsDefined() && !devices.IsNull() && !devices.IsSequence()) {
    errors.push_back(error_at_position(position_of(devices, path, SourcePos{path, 1, 1}), "devices",
                                       "expected a list of devices"));
  } else if (devices.IsSequence()) {
    size_t index = 0;
    for (auto it = devices.begin(); it != devices.end(); ++it, ++index) {
      const std::string key = "devices[" + std::to_string(index) + "]";
      const SourcePos item_pos = position_of(*it, path, SourcePos{path, 1, 1});
      if (!it->IsMap()) {
        errors.push_back(error_at_position(item_pos, key, "expected a map"));
        continue;
      }
      const ValidationContext ctx{key, path, "", item_pos, nullptr};
      if (auto tree = validate_config(*it, kDeviceFields, kDeviceFieldCount, ctx, errors)) {
        specs.push_back(spec_from(*tree));
        trees.push_back(std::move(tree));
      }
    }
  }

  DeviceChecker checker(errors);
  for (size_t i = 0; i < trees.size(); ++i) {
    checker.check_alone(*trees[i], specs[i]);
    checker.check_unique(*trees[i], specs[i]);
  }
  for (size_t i = 0; i < trees.size(); ++i) checker.check_additional_dns(*trees[i], specs[i]);
  if (!errors.empty()) throw ConfigException(std::move(errors));
  return specs;
}

} // namespace lineside::kernel
