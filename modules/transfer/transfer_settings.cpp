// transfer/transfer_settings.cpp: the transfer module's config schema and reading.
#include "transfer_settings.hpp"

#include "uri_text.hpp"

namespace lineside::transfer {
namespace {

const ls_config_field_t kFields[] = {
    {sizeof(ls_config_field_t), LS_CFG_STRING_LIST, "local_domains", nullptr,
     "hosts besides kernel.sip_domain (and the address a REFER was sent to) that a Refer-To may "
     "name; any other host is refused 403 Foreign Domain",
     0, 0, 0, 0, nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_INT, "recent_transfers", "50",
     "finished transfers listed by GET /api/v1/transfers", 0, 0, 0, 1000, nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_BOOL, "same_phone_replaces", "true",
     "attended transfer: refuse (403) a Replaces naming a dialog of another phone than the one "
     "that sent the REFER",
     0, 0, 0, 0, nullptr, nullptr},
};

/// A host name, an IPv4 address or a bracketed IPv6 literal: no user, port or parameters.
bool plain_host(const std::string &d) {
  if (!printable_token(d) || d.find_first_of("<>\"@;?,/") != std::string::npos) return false;
  if (d.front() == '[') return d.back() == ']' && d.size() > 2;
  return d.find(':') == std::string::npos;
}

}  // namespace

const ls_config_field_t *transfer_config_fields() {
  return kFields;
}
uint32_t transfer_config_field_count() {
  return count_of(kFields);
}

std::optional<TransferSettings> read_transfer_settings(const Host &host, const Config &node) {
  TransferSettings s;
  bool ok = true;
  for (const std::string &d : node.strings("local_domains")) {
    if (!plain_host(d)) {
      host.config_error(node, "local_domains", "'" + log_excerpt(d) + "' is not a host name");
      ok = false;
      continue;
    }
    s.local_domains.push_back(lower(d));
  }
  s.recent_transfers = static_cast<uint32_t>(node.integer("recent_transfers").value_or(50));
  s.same_phone_replaces = node.boolean("same_phone_replaces").value_or(true);
  if (!ok) return std::nullopt;
  return s;
}

}  // namespace lineside::transfer
