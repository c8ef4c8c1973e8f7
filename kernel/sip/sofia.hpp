// sip/sofia.hpp: the one place Sofia-SIP headers are included, plus RAII owners for its objects.
#pragma once

#include <sofia-sip/msg.h>
#include <sofia-sip/msg_addr.h>
#include <sofia-sip/msg_header.h>
#include <sofia-sip/msg_mclass.h>
#include <sofia-sip/nta.h>
#include <sofia-sip/nta_stateless.h>
#include <sofia-sip/nta_tport.h>
#include <sofia-sip/sip.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/su.h>
#include <sofia-sip/su_log.h>
#include <sofia-sip/su_wait.h>
#include <sofia-sip/tport.h>
#include <sofia-sip/tport_tag.h>
#include <sofia-sip/url.h>

#include <memory>

extern "C" {
// Sofia's per-subsystem log objects: exported by libsofia-sip-ua but not declared in its headers.
extern su_log_t tport_log[];
extern su_log_t nta_log[];
}

namespace lineside::kernel::sofia {

struct RootDeleter {
  void operator()(su_root_t *p) const { su_root_destroy(p); }
};
struct AgentDeleter {
  void operator()(nta_agent_t *p) const { nta_agent_destroy(p); }
};
struct LegDeleter {
  void operator()(nta_leg_t *p) const { nta_leg_destroy(p); }
};
struct IncomingDeleter {
  void operator()(nta_incoming_t *p) const { nta_incoming_destroy(p); }
};
struct OutgoingDeleter {
  void operator()(nta_outgoing_t *p) const { nta_outgoing_destroy(p); }
};
struct HomeDeleter {
  void operator()(su_home_t *p) const { su_home_unref(p); }
};
struct TimerDeleter {
  void operator()(su_timer_t *p) const { su_timer_destroy(p); }
};
struct MsgDeleter {
  void operator()(msg_t *p) const { msg_destroy(p); }
};
struct TportDeleter {
  void operator()(tport_t *p) const { tport_unref(p); }
};

/// su_root_t owner (destroyed on the thread that created it).
using RootPtr = std::unique_ptr<su_root_t, RootDeleter>;
/// nta_agent_t owner; destroy legs and incoming transactions first.
using AgentPtr = std::unique_ptr<nta_agent_t, AgentDeleter>;
/// nta_leg_t owner.
using LegPtr = std::unique_ptr<nta_leg_t, LegDeleter>;
/// nta_incoming_t owner: a leg callback that returned 0 owns the irq and must destroy it.
using IncomingPtr = std::unique_ptr<nta_incoming_t, IncomingDeleter>;
/// nta_outgoing_t owner (a client transaction).
using OutgoingPtr = std::unique_ptr<nta_outgoing_t, OutgoingDeleter>;
/// A reference-counted su_home_t (su_home_new) owner.
using HomePtr = std::unique_ptr<su_home_t, HomeDeleter>;
/// su_timer_t owner.
using TimerPtr = std::unique_ptr<su_timer_t, TimerDeleter>;
/// One reference to a msg_t (sip_t pointers into it live as long as this).
using MsgRef = std::unique_ptr<msg_t, MsgDeleter>;
/// One reference to a tport_t.
using TportRef = std::unique_ptr<tport_t, TportDeleter>;

}  // namespace lineside::kernel::sofia
