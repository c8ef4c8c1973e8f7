// transport/listener_spec.hpp: the `listeners` config: schema, one validated listener, and
// reading/validating the list (TLS files included).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lineside/plugin.hpp"

namespace lineside::transport {

/// One validated listener.
struct ListenerSpec {
  uint32_t transport = LS_TRANSPORT_UDP;  ///< LS_TRANSPORT_UDP / TCP / TLS
  std::string address = "127.0.0.1";
  uint32_t port = 5060;
  std::string certificate;  ///< TLS only
  std::string private_key;  ///< TLS only
  std::string ca;           ///< TLS only, optional
  uint32_t tls_min_version = 0x0303;  ///< 0x0303 TLS 1.2, 0x0304 TLS 1.3

  bool operator==(const ListenerSpec &) const = default;
  /// "tls 127.0.0.1:5061", for messages.
  [[nodiscard]] std::string describe() const;
  /// The ABI struct for host->transport_listen; strings point into this spec.
  [[nodiscard]] ls_listener_t to_abi() const;
};

/// Schema of one item of `listeners` (used by the module's schema).
const ls_config_field_t *listener_item_fields();
uint32_t listener_item_field_count();

/**
 * Read `listeners` of the module config `root`. Reports problems with host.config_error on the
 * offending item and key: no listener, a port out of range, a TLS listener without certificate
 * or private_key, a file that cannot be read ("cannot read certificate /x/cert.pem: No such file
 * or directory"), a duplicate transport/address/port. With `check_files` the TLS files are opened
 * and a private key readable by group or others is logged as a WARNING. Returns nothing on error.
 */
std::optional<std::vector<ListenerSpec>> read_listeners(const Host &host, const Config &root,
                                                        bool check_files);

/// Empty when `path` can be opened and read, else why not ("No such file or directory").
std::string file_read_problem(const std::string &path);

/// True when `path` grants read access to its group or to others.
bool readable_by_group_or_others(const std::string &path);

}  // namespace lineside::transport
