// sip/incoming_request.cpp: reading a Sofia request for modules and sending their responses.
#include "sip/incoming_request.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>
#include <strings.h>

#include "runtime/logger.hpp"
#include "sip/flow_table.hpp"

namespace lineside::kernel {

namespace {
std::string url_text(const url_t *url) {
  if (!url) return std::string();
  const isize_t n = url_e(nullptr, 0, url);
  if (n <= 0) return std::string();
  std::string out(static_cast<size_t>(n) + 1, '\0');
  url_e(out.data(), static_cast<isize_t>(out.size()), url);
  out.resize(static_cast<size_t>(n));
  return out;
}

std::string header_value_text(const msg_header_t *h) {
  char small[512];
  isize_t n = msg_header_field_e(small, sizeof small, h, 0);
  if (n < 0) return std::string();
  if (static_cast<size_t>(n) < sizeof small) return std::string(small, static_cast<size_t>(n));
  std::string out(static_cast<size_t>(n) + 1, '\0');
  n = msg_header_field_e(out.data(), static_cast<isize_t>(out.size()), h, 0);
  out.resize(n > 0 ? static_cast<size_t>(n) : 0);
  return out;
}

bool is_token_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::strchr("-.!%*_+`'~", c) != nullptr;
}

bool header_is_safe(const ls_header_t &h) {
  if (!h.name || !*h.name || !h.value) return false;
  for (const char *p = h.name; *p; ++p) {
    if (!is_token_char(*p)) return false;
  }
  for (const char *p = h.value; *p; ++p) {
    if (*p == '\r' || *p == '\n' || *p == '\0') return false;
  }
  return true;
}

uint32_t transport_of(tport_t *tp) {
  if (!tp) return LS_TRANSPORT_UNKNOWN;
  if (tport_has_tls(tp)) return LS_TRANSPORT_TLS;
  if (tport_is_tcp(tp)) return LS_TRANSPORT_TCP;
  if (tport_is_udp(tp)) return LS_TRANSPORT_UDP;
  return LS_TRANSPORT_UNKNOWN;
}
}  // namespace

IncomingRequest::IncomingRequest(sofia::MsgRef msg, sip_t *sip, nta_agent_t *agent,
                                 FlowTable &flows)
    : msg_(std::move(msg)), sip_(sip), agent_(agent), flows_(flows) {}

IncomingRequest::~IncomingRequest() {
  // An answered or dropped request releases its transaction; NTA absorbs retransmissions of an
  // answered one. A request never answered is answered 500 by NTA on destroy (never silent).
  irq_.reset();
}

bool IncomingRequest::ensure_transaction() {
  if (irq_) return true;
  if (dropped_) return false;
  // nta_incoming_create takes the message reference it is given.
  irq_.reset(nta_incoming_create(agent_, nullptr, msg_ref_create(msg_.get()), sip_, TAG_END()));
  if (!irq_) log_warning("sip", "cannot create a server transaction");
  return irq_ != nullptr;
}

const char *IncomingRequest::keep(std::string text) {
  pool_.push_back(std::move(text));
  return pool_.back().c_str();
}

const char *IncomingRequest::method_name() const {
  return sip_->sip_request ? sip_->sip_request->rq_method_name : "";
}

const char *IncomingRequest::field(uint32_t id) {
  if (id >= fields_.size()) return nullptr;
  if (field_done_[id]) return fields_[id];
  const sip_t *s = sip_;
  const char *v = nullptr;
  switch (id) {
    case LS_FIELD_METHOD: v = method_name(); break;
    case LS_FIELD_REQUEST_URI: v = keep(url_text(s->sip_request->rq_url)); break;
    case LS_FIELD_REQUEST_URI_USER: v = s->sip_request->rq_url->url_user; break;
    case LS_FIELD_REQUEST_URI_HOST: v = s->sip_request->rq_url->url_host; break;
    case LS_FIELD_FROM_URI: v = s->sip_from ? keep(url_text(s->sip_from->a_url)) : nullptr; break;
    case LS_FIELD_FROM_USER: v = s->sip_from ? s->sip_from->a_url->url_user : nullptr; break;
    case LS_FIELD_FROM_TAG: v = s->sip_from ? s->sip_from->a_tag : nullptr; break;
    case LS_FIELD_TO_URI: v = s->sip_to ? keep(url_text(s->sip_to->a_url)) : nullptr; break;
    case LS_FIELD_TO_USER: v = s->sip_to ? s->sip_to->a_url->url_user : nullptr; break;
    case LS_FIELD_TO_TAG: v = s->sip_to ? s->sip_to->a_tag : nullptr; break;
    case LS_FIELD_CALL_ID: v = s->sip_call_id ? s->sip_call_id->i_id : nullptr; break;
    case LS_FIELD_CSEQ: v = s->sip_cseq ? keep(std::to_string(s->sip_cseq->cs_seq)) : nullptr; break;
    case LS_FIELD_USER_AGENT: v = s->sip_user_agent ? s->sip_user_agent->g_string : nullptr; break;
    case LS_FIELD_TO_HOST: v = s->sip_to ? s->sip_to->a_url->url_host : nullptr; break;
    case LS_FIELD_FROM_DISPLAY: {
      if (s->sip_from && s->sip_from->a_display) {
        std::string d = s->sip_from->a_display;
        if (d.size() >= 2 && d.front() == '"' && d.back() == '"') d = d.substr(1, d.size() - 2);
        v = keep(std::move(d));
      }
      break;
    }
    default: v = nullptr;
  }
  fields_[id] = v;
  field_done_[id] = true;
  return v;
}

const char *IncomingRequest::header(const char *name, uint32_t index) {
  if (!name || !*name) return nullptr;
  msg_mclass_t const *mc = msg_mclass(msg_.get());
  msg_href_t const *hr = msg_find_hclass(mc, name, nullptr);
  if (!hr || hr->hr_class == mc->mc_unknown->hr_class) {
    uint32_t seen = 0;
    for (const sip_unknown_t *u = sip_->sip_unknown; u; u = u->un_next) {
      if (u->un_name && strcasecmp(u->un_name, name) == 0 && seen++ == index) return u->un_value;
    }
    return nullptr;
  }
  auto *const *slot = reinterpret_cast<msg_header_t *const *>(
      reinterpret_cast<const char *>(sip_) + hr->hr_offset);
  uint32_t seen = 0;
  for (const msg_header_t *h = *slot; h; h = h->sh_next) {
    if (seen++ == index) return keep(header_value_text(h));
  }
  return nullptr;
}

void IncomingRequest::load_contacts() {
  contacts_loaded_ = true;
  for (const sip_contact_t *m = sip_->sip_contact; m; m = m->m_next) {
    ls_contact_t c{};
    c.size = sizeof c;
    const bool star = m->m_url->url_type == url_any;
    c.is_star = star ? 1 : 0;
    c.uri = star ? "*" : keep(url_text(m->m_url));
    c.display = m->m_display ? keep(m->m_display) : nullptr;
    c.expires = m->m_expires ? std::strtoll(m->m_expires, nullptr, 10) : -1;
    c.q_milli = m->m_q ? static_cast<int32_t>(std::strtod(m->m_q, nullptr) * 1000.0 + 0.5) : -1;
    c.instance = msg_params_find(m->m_params, "+sip.instance=");
    c.reg_id = msg_params_find(m->m_params, "reg-id=");
    std::string params;
    for (const msg_param_t *p = m->m_params; p && *p; ++p) params.append(";").append(*p);
    c.params = keep(std::move(params));
    contacts_.push_back(c);
  }
}

uint32_t IncomingRequest::contact_count() {
  if (!contacts_loaded_) load_contacts();
  return static_cast<uint32_t>(contacts_.size());
}

int IncomingRequest::contact(uint32_t index, ls_contact_t *out) {
  if (!out || out->size == 0) return -1;
  if (!contacts_loaded_) load_contacts();
  if (index >= contacts_.size()) return -1;
  const size_t n = out->size < sizeof(ls_contact_t) ? out->size : sizeof(ls_contact_t);
  const uint32_t caller_size = out->size;
  std::memcpy(out, &contacts_[index], n);
  out->size = caller_size;
  return 0;
}

const ls_peer_t &IncomingRequest::peer_info() {
  if (peer_loaded_) return peer_;
  peer_loaded_ = true;
  peer_.size = sizeof peer_;
  sofia::TportRef tp(nta_incoming_transport(agent_, irq_.get(), msg_.get()));
  peer_.transport = transport_of(tp.get());
  peer_.secure = peer_.transport == LS_TRANSPORT_TLS ? 1 : 0;
  su_addrinfo_t *ai = msg_addrinfo(msg_.get());
  if (ai && ai->ai_addr) {
    if (ai->ai_addr->sa_family == AF_INET) {
      auto *sin = reinterpret_cast<const sockaddr_in *>(ai->ai_addr);
      inet_ntop(AF_INET, &sin->sin_addr, peer_.addr, sizeof peer_.addr);
      peer_.port = ntohs(sin->sin_port);
    } else if (ai->ai_addr->sa_family == AF_INET6) {
      auto *sin6 = reinterpret_cast<const sockaddr_in6 *>(ai->ai_addr);
      inet_ntop(AF_INET6, &sin6->sin6_addr, peer_.addr, sizeof peer_.addr);
      peer_.port = ntohs(sin6->sin6_port);
    }
  }
  if (tp) peer_.flow = flows_.id_for(tp.get(), peer_.transport, peer_.addr, peer_.port);
  return peer_;
}

int IncomingRequest::peer(ls_peer_t *out) {
  if (!out || out->size == 0) return -1;
  const ls_peer_t &p = peer_info();
  const uint32_t caller_size = out->size;
  std::memcpy(out, &p, caller_size < sizeof p ? caller_size : sizeof p);
  out->size = caller_size;
  return 0;
}

int IncomingRequest::body(const char **data, size_t *len, const char **content_type) {
  const sip_payload_t *pl = sip_->sip_payload;
  if (data) *data = pl ? pl->pl_data : nullptr;
  if (len) *len = pl ? pl->pl_len : 0;
  if (content_type) *content_type = sip_->sip_content_type ? sip_->sip_content_type->c_type : nullptr;
  return 0;
}

int IncomingRequest::set_attr(const char *key, const char *value) {
  if (!key || !value) return -1;
  for (auto &kv : attrs_) {
    if (kv.first == key) {
      kv.second = value;
      return 0;
    }
  }
  attrs_.emplace_back(key, value);
  return 0;
}

const char *IncomingRequest::attr(const char *key) const {
  if (!key) return nullptr;
  for (const auto &kv : attrs_) {
    if (kv.first == key) return kv.second.c_str();
  }
  return nullptr;
}

int IncomingRequest::respond(const ls_response_t &r) {
  if (answered()) return -1;
  if (r.status == 0) {
    dropped_ = true;
    return 0;
  }
  if (r.status < 100 || r.status > 699) return -1;
  if (std::strcmp(method_name(), "ACK") == 0) return -1;
  // A non-INVITE request answered at once (a digest challenge, a refusal, OPTIONS) needs no
  // transaction: it is answered statelessly, as Kamailio does, saving 32 s of transaction state
  // (about 11 KB) per request; a retransmission is simply answered again. INVITE, and anything a
  // module suspended, keeps its server transaction.
  const bool stateless = !irq_ && (force_stateless_ || sip_->sip_request->rq_method != sip_method_invite);
  if (!stateless && !ensure_transaction()) return -1;
  std::string headers;
  for (uint32_t i = 0; i < r.header_count; ++i) {
    if (!r.headers || !header_is_safe(r.headers[i])) return -1;
    headers.append(r.headers[i].name).append(": ").append(r.headers[i].value).append("\r\n");
  }
  if (r.reason && (std::strchr(r.reason, '\r') || std::strchr(r.reason, '\n'))) return -1;
  const char *phrase = r.reason ? r.reason : sip_status_phrase(static_cast<int>(r.status));
  if (!phrase) phrase = "Unknown";
  su_home_t home[1] = {SU_HOME_INIT(home)};
  sip_payload_t *pl = nullptr;
  if (r.body && r.body_len) pl = sip_payload_create(home, r.body, static_cast<isize_t>(r.body_len));
  int rc;
  if (stateless) {
    // nta_msg_treply consumes the message reference it is given; ours stays.
    rc = nta_msg_treply(agent_, msg_ref_create(msg_.get()), static_cast<int>(r.status), phrase,
                        TAG_IF(!headers.empty(), SIPTAG_HEADER_STR(headers.c_str())),
                        TAG_IF(pl != nullptr && r.content_type, SIPTAG_CONTENT_TYPE_STR(r.content_type)),
                        TAG_IF(pl != nullptr, SIPTAG_PAYLOAD(pl)), TAG_END());
  } else {
    rc = nta_incoming_treply(
        irq_.get(), static_cast<int>(r.status), phrase,
        TAG_IF(!headers.empty(), SIPTAG_HEADER_STR(headers.c_str())),
        TAG_IF(pl != nullptr && r.content_type, SIPTAG_CONTENT_TYPE_STR(r.content_type)),
        TAG_IF(pl != nullptr, SIPTAG_PAYLOAD(pl)), TAG_END());
  }
  su_home_deinit(home);
  if (rc != 0) {
    log_warning("sip", "sending a " + std::to_string(r.status) + " response failed");
    return -1;
  }
  if (r.status >= 200) {
    final_sent_ = true;
    final_status_ = r.status;
  }
  return 0;
}

void IncomingRequest::reply(unsigned status, const char *reason, const std::string &extra) {
  ls_response_t r{};
  r.size = sizeof r;
  r.status = status;
  r.reason = reason;
  std::vector<ls_header_t> hs;
  size_t start = 0;
  while (start < extra.size()) {
    size_t end = extra.find("\r\n", start);
    if (end == std::string::npos) end = extra.size();
    const std::string line = extra.substr(start, end - start);
    const size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      hs.push_back({keep(line.substr(0, colon)), keep(std::move(value))});
    }
    start = end + 2;
  }
  r.headers = hs.empty() ? nullptr : hs.data();
  r.header_count = static_cast<uint32_t>(hs.size());
  respond(r);
}

}  // namespace lineside::kernel
