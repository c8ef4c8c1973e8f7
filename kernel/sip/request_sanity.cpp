// sip/request_sanity.cpp: missing header/body separator, spaces inside <addr-spec>, missing
// mandatory headers.
#include "sip/request_sanity.hpp"

#include <cstring>

namespace lineside::kernel {

namespace {
/// True when the raw text of a name-addr has whitespace just inside its angle brackets
/// ("< sip:a@b >"), which RFC 3261's grammar does not allow.
bool spaced_addr_spec(const msg_common_t *h) {
  if (!h || !h->h_data || h->h_len == 0) return false;
  const char *text = static_cast<const char *>(h->h_data);
  const size_t len = static_cast<size_t>(h->h_len);
  bool quoted = false;
  for (size_t i = 0; i < len; ++i) {
    const char c = text[i];
    if (c == '"' && (i == 0 || text[i - 1] != '\\')) quoted = !quoted;
    if (quoted) continue;
    if (c == '<' && i + 1 < len && (text[i + 1] == ' ' || text[i + 1] == '\t')) return true;
    if (c == '>' && i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t')) return true;
  }
  return false;
}
}  // namespace

const char *malformed_request_reason(const sip_t *sip) {
  if (!sip->sip_separator) return "Missing Empty Line";
  if (!sip->sip_from || !sip->sip_to || !sip->sip_call_id || !sip->sip_cseq || !sip->sip_via) {
    return "Missing Mandatory Header";
  }
  if (spaced_addr_spec(sip->sip_from->a_common) || spaced_addr_spec(sip->sip_to->a_common)) {
    return "Spaces Within addr-spec";
  }
  for (const sip_contact_t *m = sip->sip_contact; m; m = m->m_next) {
    if (spaced_addr_spec(m->m_common)) return "Spaces Within addr-spec";
  }
  return nullptr;
}

}  // namespace lineside::kernel
