// transfer/replaces.hpp: parsing a Replaces value (RFC 3891 6.1: call-id;to-tag=X;from-tag=Y) as
// an attended transfer's Refer-To carries it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lineside::transfer {

/// The dialog a Replaces names, as the phone that sent it sees it: to-tag is the tag of the party
/// the phone talks to (the server's tag, since every call goes through the B2BUA), from-tag the
/// phone's own.
struct ReplacesTarget {
  std::string call_id;
  std::string to_tag;
  std::string from_tag;
  bool early_only = false;  ///< early-only: replace only a dialog that is not yet confirmed
};

/// Parse an unescaped Replaces value. Nothing when the Call-ID, to-tag or from-tag is missing,
/// empty, repeated or not printable.
std::optional<ReplacesTarget> parse_replaces(std::string_view value);

}  // namespace lineside::transfer
