// sip/sip_stack.cpp: NTA agent creation, listeners (UDP/TCP/TLS) and request intake.
#include "sip/sip_stack.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "runtime/logger.hpp"
#include "sip/tls_material.hpp"

namespace lineside::kernel {

const char *transport_name(uint32_t transport) {
  switch (transport) {
    case LS_TRANSPORT_UDP: return "udp";
    case LS_TRANSPORT_TCP: return "tcp";
    case LS_TRANSPORT_TLS: return "tls";
    default: return "unknown";
  }
}

SipStack::SipStack(SipLoop &loop, Options options, RequestHandler handler)
    : options_(std::move(options)), handler_(std::move(handler)) {
  // No transport yet: the transport module opens listeners through the host.
  agent_.reset(nta_agent_create(loop.root(), reinterpret_cast<url_string_t const *>(-1),
                                &SipStack::on_message, reinterpret_cast<nta_agent_magic_t *>(this),
                                NTATAG_UDP_MTU(options_.udp_mtu),
                                NTATAG_MAXSIZE(options_.max_message_size),
                                NTATAG_SERVER_RPORT(1), TPTAG_PONG2PING(1),
                                // keep each header's wire image: request_sanity reads it
                                NTATAG_SIPFLAGS(MSG_DO_CANONIC | MSG_DO_EXTRACT_COPY), TAG_END()));
  if (!agent_) throw std::runtime_error("cannot create the SIP agent (nta_agent_create failed)");
}

SipStack::~SipStack() { agent_.reset(); }

int SipStack::on_message(nta_agent_magic_t *magic, nta_agent_t *, msg_t *msg, sip_t *sip) {
  auto *self = reinterpret_cast<SipStack *>(magic);
  sofia::MsgRef owned(msg);  // the callback hands us the message reference
  if (!sip || !sip->sip_request) return 0;  // stray responses are dropped
  self->handler_(std::move(owned), sip);
  return 0;
}

std::string SipStack::listen(const ls_listener_t &spec) {
  const std::string addr = spec.address && *spec.address ? spec.address : "127.0.0.1";
  const bool v6 = addr.find(':') != std::string::npos;
  const std::string host = v6 ? "[" + addr + "]" : addr;
  const uint32_t transport = spec.transport;
  uint32_t port = spec.port;
  if (transport != LS_TRANSPORT_UDP && transport != LS_TRANSPORT_TCP &&
      transport != LS_TRANSPORT_TLS) {
    return "unknown transport id " + std::to_string(transport);
  }
  if (port == 0) port = transport == LS_TRANSPORT_TLS ? 5061 : 5060;
  if (port > 65535) return "port " + std::to_string(port) + " is out of range";
  const std::string where = std::string(transport_name(transport)) + " " + host + ":" +
                            std::to_string(port);
  std::string url;
  int rc;
  if (transport == LS_TRANSPORT_TLS) {
    if (!spec.cert_file || !*spec.cert_file || !spec.key_file || !*spec.key_file) {
      return "TLS listener " + where + " needs a certificate and a private key";
    }
    const unsigned floor = spec.tls_min_version ? spec.tls_min_version : 0x0303;
    if (floor < 0x0303) return "TLS listener " + where + ": TLS below 1.2 is not allowed";
    if (floor > tls_floor_) {
      if (tls_floor_ != 0) {
        log_warning("sip", "TLS minimum version raised for every TLS listener (it is process-wide)");
      }
      std::string err = enforce_tls_floor(options_.runtime_dir + "/openssl-tls.cnf", floor);
      if (!err.empty()) return err;
      tls_floor_ = floor;
    }
    const std::string dir = options_.runtime_dir + "/tls-" + std::to_string(listeners_.size());
    std::string err = prepare_tls_dir(dir, spec.cert_file, spec.key_file,
                                      spec.ca_file ? spec.ca_file : "");
    if (!err.empty()) return err;
    url = "sips:" + host + ":" + std::to_string(port) + ";transport=tls";
    rc = nta_agent_add_tport(agent_.get(), URL_STRING_MAKE(url.c_str()),
                             TPTAG_CERTIFICATE(dir.c_str()), TPTAG_TLS_VERIFY_POLICY(TPTLS_VERIFY_NONE),
                             TPTAG_PONG2PING(1), TAG_END());
  } else {
    url = "sip:" + host + ":" + std::to_string(port) + ";transport=" + transport_name(transport);
    // PONG2PING: answer a phone's CRLF keepalive ping (RFC 5626 4.4.1) on stream transports.
    rc = nta_agent_add_tport(agent_.get(), URL_STRING_MAKE(url.c_str()), TPTAG_PONG2PING(1), TAG_END());
  }
  if (rc < 0) {
    const int e = errno;
    return "cannot listen on " + where + ": " + (e ? std::strerror(e) : "transport creation failed");
  }
  listeners_.push_back(ListenerInfo{transport, addr, port});
  log_notice("sip", "listening on " + where);
  return "";
}

void SipStack::close_transports() {
  if (agent_) nta_agent_close_tports(agent_.get());
}

}  // namespace lineside::kernel
