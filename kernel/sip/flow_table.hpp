// sip/flow_table.hpp: generation-checked flow ids for the connections (tports) requests arrive on.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>

#include "lineside/abi.h"
#include "sip/sofia.hpp"

namespace lineside::kernel {

/// Maps Sofia tports to ls_flow_id_t. Holds one reference per tracked tport so the pointer stays
/// valid; sweep() releases closed connections and reports them. SIP thread only.
class FlowTable {
 public:
  struct Closed {
    ls_flow_id_t flow;
    uint32_t transport;
    std::string remote_addr;
    uint32_t remote_port;
  };
  /// The flow id of `tp` (tracked from now on), never 0.
  ls_flow_id_t id_for(tport_t *tp, uint32_t transport, const std::string &addr, uint32_t port);
  /// 1 when the flow exists and its connection is open.
  [[nodiscard]] bool is_open(ls_flow_id_t id) const;
  /// The tport of an open flow, or nullptr.
  [[nodiscard]] tport_t *tport(ls_flow_id_t id) const;
  /// Forget closed connections; calls on_closed for each.
  void sweep(const std::function<void(const Closed &)> &on_closed);
  [[nodiscard]] size_t size() const { return by_id_.size(); }
  void clear();

 private:
  struct Entry {
    sofia::TportRef ref;
    Closed info;
  };
  ls_flow_id_t next_id_ = 1;
  std::unordered_map<tport_t *, ls_flow_id_t> by_tport_;
  std::unordered_map<ls_flow_id_t, Entry> by_id_;
};

}  // namespace lineside::kernel
