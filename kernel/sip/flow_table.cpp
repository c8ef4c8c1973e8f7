// sip/flow_table.cpp: flow id allocation and closed-connection sweeping.
#include "sip/flow_table.hpp"

#include <vector>

namespace lineside::kernel {

ls_flow_id_t FlowTable::id_for(tport_t *tp, uint32_t transport, const std::string &addr,
                               uint32_t port) {
  if (auto it = by_tport_.find(tp); it != by_tport_.end()) return it->second;
  const ls_flow_id_t id = next_id_++;
  by_tport_.emplace(tp, id);
  by_id_.emplace(id, Entry{sofia::TportRef(tport_ref(tp)), Closed{id, transport, addr, port}});
  return id;
}

bool FlowTable::is_open(ls_flow_id_t id) const { return tport(id) != nullptr; }

tport_t *FlowTable::tport(ls_flow_id_t id) const {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return nullptr;
  tport_t *tp = it->second.ref.get();
  return tport_is_closed(tp) ? nullptr : tp;
}

void FlowTable::sweep(const std::function<void(const Closed &)> &on_closed) {
  std::vector<ls_flow_id_t> gone;
  for (const auto &[id, entry] : by_id_) {
    if (tport_is_closed(entry.ref.get())) gone.push_back(id);
  }
  for (ls_flow_id_t id : gone) {
    auto it = by_id_.find(id);
    const Closed info = it->second.info;
    by_tport_.erase(it->second.ref.get());
    by_id_.erase(it);
    on_closed(info);
  }
}

void FlowTable::clear() {
  by_tport_.clear();
  by_id_.clear();
}

}  // namespace lineside::kernel
