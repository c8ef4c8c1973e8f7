// calls/call_forwarding.cpp: Diversion and History-Info formatting.
#include "calls/call_forwarding.hpp"

namespace lineside::kernel {

const char *divert_reason_text(DivertReason reason) {
  switch (reason) {
    case DivertReason::unconditional: return "unconditional";
    case DivertReason::user_busy: return "user-busy";
    case DivertReason::no_answer: return "no-answer";
  }
  return "unknown";
}

namespace {
int cause_of(DivertReason reason) {
  switch (reason) {
    case DivertReason::unconditional: return 302;
    case DivertReason::user_busy: return 486;
    case DivertReason::no_answer: return 408;
  }
  return 302;
}
}  // namespace

std::string diversion_header(const std::vector<DiversionHop> &hops, const std::string &domain) {
  std::string out;
  for (size_t i = hops.size(); i-- > 0;) {
    if (!out.empty()) out += ", ";
    out += "<sip:" + hops[i].from_dn + "@" + domain + ">;reason=" + divert_reason_text(hops[i].reason) +
           ";counter=1";
  }
  return out;
}

std::string history_info_header(const std::vector<DiversionHop> &hops, const std::string &target_dn,
                                const std::string &domain) {
  std::string out;
  std::string index = "1";
  for (size_t i = 0; i <= hops.size(); ++i) {
    const std::string &dn = i < hops.size() ? hops[i].from_dn : target_dn;
    if (!out.empty()) out += ", ";
    out += "<sip:" + dn + "@" + domain;
    if (i > 0) {
      out += "?Reason=SIP%3Bcause%3D" + std::to_string(cause_of(hops[i - 1].reason));
    }
    out += ">;index=" + index;
    if (i > 0) out += ";mp=" + index.substr(0, index.size() - 2);
    index += ".1";
  }
  return out;
}

}  // namespace lineside::kernel
