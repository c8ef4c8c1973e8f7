// calls/sdp_hold.hpp: RFC 2543 hold (c=0.0.0.0) rewritten as RFC 3264 hold, for devices whose
// capability profile sets "Prevent the Use of IP Address 0.0.0.0".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lineside::kernel {

/// The last real connection address ("IN IP4 192.0.2.1") one party sent, session-level and per
/// stream.
struct SdpStreamAddresses {
  std::string session;
  std::vector<std::string> media;  ///< by m= line index; "" when none seen for that stream
};

/// Record every real (not 0.0.0.0) connection address `sdp` gives, per stream, into `last`.
void remember_stream_addresses(std::string_view sdp, SdpStreamAddresses &last);

/// Rewrite each stream of `sdp` held with c=0.0.0.0: its connection becomes the sender's previous
/// real address for that stream (`last`), else `fallback_address` (an IP address: the sender's
/// signalling address), else the o= line's address; its direction becomes sendonly (recvonly
/// becomes inactive, sendonly and inactive stay). Returns true when the body changed.
bool rewrite_zero_address_hold(std::string &sdp, const SdpStreamAddresses &last,
                               const std::string &fallback_address);

}  // namespace lineside::kernel
