// kpml/collection.hpp: one digit collection: the phone it watches, the KPML subscription dialog
// the server keeps with it, and its outcome.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "lineside/abi.h"

namespace lineside::kpml {

/// Where a collection stands.
enum class CollectionState {
  subscribing,  ///< SUBSCRIBE sent, no 2xx yet
  active,       ///< the phone accepted; waiting for a report
  finished,     ///< an outcome is known (kept a while for late NOTIFYs and the admin API)
};

/// Who is told about a collection. `accepted` (may be empty) runs when the phone accepts the
/// subscription; `finished` (may be empty) once, with the outcome, unless the collection was
/// cancelled.
struct CollectionListener {
  std::function<void(uint64_t id)> accepted;
  std::function<void(uint64_t id, uint32_t code, const std::string &digits,
                     const std::string &text)>
      finished;
};

struct Collection {
  uint64_t id = 0;
  std::string device_id;
  std::string user;  ///< the device's SIP user (the To of the SUBSCRIBE)
  std::string pattern;
  std::string dialog_call_id;  ///< monitored dialog, "" for none
  std::string dialog_local_tag;
  std::string dialog_remote_tag;

  // The subscription dialog (the server is the subscriber).
  std::string contact_uri;  ///< where the SUBSCRIBEs go
  uint32_t transport = 0;
  ls_flow_id_t flow = 0;   ///< TCP/TLS connection of the binding, else 0
  std::string call_id;     ///< the subscription's Call-ID
  std::string local_tag;   ///< our From tag
  std::string remote_tag;  ///< the phone's To tag, "" until known
  uint32_t cseq = 1;
  int64_t expires_s = 0;  ///< Expires asked for

  CollectionState state = CollectionState::subscribing;
  bool unsubscribed = false;  ///< an un-SUBSCRIBE was sent (or the phone terminated it)
  ls_timer_id_t timer = 0;
  int64_t started_unix_ms = 0;
  int64_t finished_unix_ms = 0;
  uint32_t code = 0;  ///< the outcome once finished
  std::string digits;
  std::string text;
  CollectionListener listener;
};

}  // namespace lineside::kpml
