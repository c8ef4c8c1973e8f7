// calls/call_forwarding.hpp: call forward always / busy / no answer: the diversion history a call
// collects, and the Diversion (RFC 5806) and History-Info (RFC 7044) headers that show it.
#pragma once

#include <string>
#include <vector>

namespace lineside::kernel {

/// Why a call left a DN (RFC 5806 reasons; RFC 4458 causes in History-Info).
enum class DivertReason { unconditional, user_busy, no_answer };

/// One step of a forwarded call: it was for `from_dn`, and went on for `reason`.
struct DiversionHop {
  std::string from_dn;
  DivertReason reason;
};

/// Most forwards a call may take (loops of forward settings end here).
inline constexpr size_t kMaxForwardHops = 5;

/// Diversion header values, most recent first, each with its counter.
std::string diversion_header(const std::vector<DiversionHop> &hops, const std::string &domain);

/// History-Info value: the original target (index 1) and one entry per forward (1.1, 1.1.1...),
/// each retargeted entry carrying the cause (302 / 486 / 408) it was reached for; `target_dn` is
/// the DN being rung now.
std::string history_info_header(const std::vector<DiversionHop> &hops, const std::string &target_dn,
                                const std::string &domain);

const char *divert_reason_text(DivertReason reason);

}  // namespace lineside::kernel
