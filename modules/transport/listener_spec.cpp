// transport/listener_spec.cpp: reading and validating the `listeners` config.
#include "listener_spec.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace lineside::transport {
namespace {

const ls_config_field_t kListenerFields[] = {
    {sizeof(ls_config_field_t), LS_CFG_ENUM, "transport", nullptr, "udp, tcp or tls",
     LS_CFG_REQUIRED, 0, 0, 0, "udp|tcp|tls", nullptr},
    {sizeof(ls_config_field_t), LS_CFG_STRING, "address", "127.0.0.1",
     "numeric address to listen on, or * for every address", 0, 0, 0, 0, nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_INT, "port", nullptr,
     "port to listen on (default 5060, 5061 for tls)", 0, 0, 1, 65535, nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_PATH, "certificate", nullptr,
     "tls: PEM certificate chain", 0, 0, 0, 0, nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_PATH, "private_key", nullptr, "tls: PEM private key",
     LS_CFG_SECRET, 0, 0, 0, nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_PATH, "ca", nullptr,
     "tls: PEM CA bundle for client certificates (optional)", 0, 0, 0, 0, nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_ENUM, "tls_min_version", "1.2",
     "tls: lowest protocol version accepted", 0, 0, 0, 0, "1.2|1.3", nullptr},
};

std::optional<uint32_t> transport_from_name(const std::string &name) {
  if (name == "udp") return LS_TRANSPORT_UDP;
  if (name == "tcp") return LS_TRANSPORT_TCP;
  if (name == "tls") return LS_TRANSPORT_TLS;
  return std::nullopt;
}

const char *transport_text(uint32_t transport) {
  switch (transport) {
    case LS_TRANSPORT_UDP: return "udp";
    case LS_TRANSPORT_TCP: return "tcp";
    case LS_TRANSPORT_TLS: return "tls";
    default: return "unknown";
  }
}

/// Check one TLS file key of `item`: present when required, readable when `check_files`.
bool check_tls_file(const Host &host, const Config &item, const char *key, const char *what,
                    bool required, bool check_files, std::string &out) {
  auto path = item.string(key);
  if (!path || path->empty()) {
    if (!required) return true;
    host.config_error(item, key, std::string("a tls listener needs a ") + what);
    return false;
  }
  out = *path;
  if (!check_files) return true;
  const std::string problem = file_read_problem(out);
  if (problem.empty()) return true;
  host.config_error(item, key, "cannot read " + std::string(what) + " " + out + ": " + problem);
  return false;
}

/// Read one item; nothing when it is invalid (already reported).
std::optional<ListenerSpec> read_listener(const Host &host, const Config &item, bool check_files) {
  ListenerSpec spec;
  const std::string name = item.string_or("transport", "");
  auto transport = transport_from_name(name);
  if (!transport) {
    host.config_error(item, "transport", "expected udp, tcp or tls, got '" + name + "'");
    return std::nullopt;
  }
  spec.transport = *transport;
  const bool tls = spec.transport == LS_TRANSPORT_TLS;
  spec.address = item.string_or("address", "127.0.0.1");
  if (spec.address.empty()) {
    host.config_error(item, "address", "must not be empty");
    return std::nullopt;
  }
  const int64_t port = item.integer("port").value_or(tls ? 5061 : 5060);
  if (port < 1 || port > 65535) {
    host.config_error(item, "port", "must be between 1 and 65535, got " + std::to_string(port));
    return std::nullopt;
  }
  spec.port = static_cast<uint32_t>(port);
  if (!tls) {
    for (const char *key : {"certificate", "private_key", "ca"}) {
      if (item.string(key)) host.warning(spec.describe() + ": " + key + " is ignored (not tls)");
    }
    return spec;
  }
  const std::string version = item.string_or("tls_min_version", "1.2");
  if (version != "1.2" && version != "1.3") {
    host.config_error(item, "tls_min_version", "expected \"1.2\" or \"1.3\", got '" + version + "'");
    return std::nullopt;
  }
  spec.tls_min_version = version == "1.3" ? 0x0304 : 0x0303;
  bool ok = check_tls_file(host, item, "certificate", "certificate", true, check_files, spec.certificate);
  ok = check_tls_file(host, item, "private_key", "private key", true, check_files, spec.private_key) && ok;
  ok = check_tls_file(host, item, "ca", "CA bundle", false, check_files, spec.ca) && ok;
  if (!ok) return std::nullopt;
  if (check_files && readable_by_group_or_others(spec.private_key)) {
    host.warning("private key " + spec.private_key +
                 " is readable by group or others; restrict it to the owner (chmod 600)");
  }
  return spec;
}

}  // namespace

std::string ListenerSpec::describe() const {
  const bool ipv6 = address.find(':') != std::string::npos;
  return std::string(transport_text(transport)) + " " + (ipv6 ? "[" + address + "]" : address) +
         ":" + std::to_string(port);
}

ls_listener_t ListenerSpec::to_abi() const {
  ls_listener_t out{};
  out.size = sizeof out;
  out.transport = transport;
  out.address = address.c_str();
  out.port = port;
  const bool tls = transport == LS_TRANSPORT_TLS;
  out.tls_min_version = tls ? tls_min_version : 0;
  out.cert_file = tls ? certificate.c_str() : nullptr;
  out.key_file = tls ? private_key.c_str() : nullptr;
  out.ca_file = tls && !ca.empty() ? ca.c_str() : nullptr;
  return out;
}

const ls_config_field_t *listener_item_fields() { return kListenerFields; }
uint32_t listener_item_field_count() { return count_of(kListenerFields); }

std::optional<std::vector<ListenerSpec>> read_listeners(const Host &host, const Config &root,
                                                        bool check_files) {
  const std::vector<Config> items = root.children("listeners");
  if (items.empty()) {
    host.config_error(root, "listeners", "at least one listener is required");
    return std::nullopt;
  }
  std::vector<ListenerSpec> specs;
  bool ok = true;
  for (size_t i = 0; i < items.size(); ++i) {
    auto spec = read_listener(host, items[i], check_files);
    if (!spec) {
      ok = false;
      continue;
    }
    for (size_t j = 0; j < specs.size(); ++j) {
      const ListenerSpec &other = specs[j];
      if (other.transport == spec->transport && other.address == spec->address && other.port == spec->port) {
        host.config_error(items[i], "port", "duplicate listener " + spec->describe() +
                                                " (the same transport, address and port as an earlier listener)");
        ok = false;
      }
    }
    specs.push_back(std::move(*spec));
  }
  if (!ok) return std::nullopt;
  return specs;
}

std::string file_read_problem(const std::string &path) {
  errno = 0;
  std::FILE *file = std::fopen(path.c_str(), "rb");
  if (!file) return std::strerror(errno ? errno : ENOENT);
  char byte;
  errno = 0;
  const size_t got = std::fread(&byte, 1, 1, file);
  std::string problem;
  if (got == 0) problem = std::ferror(file) ? std::strerror(errno ? errno : EIO) : "the file is empty";
  std::fclose(file);
  return problem;
}

bool readable_by_group_or_others(const std::string &path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::perms perms = fs::status(path, ec).permissions();
  if (ec) return false;
  return (perms & (fs::perms::group_read | fs::perms::others_read)) != fs::perms::none;
}

}  // namespace lineside::transport
