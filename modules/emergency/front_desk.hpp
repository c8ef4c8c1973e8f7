// emergency/front_desk.hpp: a SIP MESSAGE (text/plain) to every registered phone of the front
// desk's DN, found through lineside.location/1; outcomes are logged, never awaited.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "lineside/plugin.hpp"
#include "lineside/providers/directory.h"

namespace lineside::emergency {

class FrontDesk {
 public:
  explicit FrontDesk(Host host) : host_(host) {}
  FrontDesk(const FrontDesk &) = delete;
  FrontDesk &operator=(const FrontDesk &) = delete;

  /// Send `text` to the phones registered for the device on which `dn` appears; returns how many
  /// MESSAGEs went out (0 is logged as an error: nobody at the front desk will see it).
  size_t notify(const std::string &dn, const std::string &text, const ls_directory_v1_t *directory,
                void *directory_self);

  /// One MESSAGE in flight; owned here (so one the host never completes is freed with us).
  struct Pending {
    FrontDesk *owner;
    uint64_t id;
    std::string contact;
  };
  /// Called by the host when a MESSAGE completes (public for the C callback).
  void finished(uint64_t id, const ls_request_outcome_t *outcome);

 private:
  struct Target {
    std::string contact;
    uint32_t transport;
    ls_flow_id_t flow;
  };
  bool send_one(const std::string &dn, const Target &target, const std::string &text);

  Host host_;
  uint64_t next_id_ = 1;
  std::map<uint64_t, std::unique_ptr<Pending>> pending_;
};

}  // namespace lineside::emergency
