// registrar/binding_table.cpp: the in-memory location table and its index maintenance.
#include "binding_table.hpp"

namespace lineside::registrar {

const Binding *BindingTable::find(const std::string &store_key) const {
  auto it = by_key_.find(store_key);
  return it == by_key_.end() ? nullptr : &it->second;
}

std::vector<Binding> BindingTable::of_user(const std::string &user) const {
  std::vector<Binding> out;
  auto it = by_user_.find(user);
  if (it == by_user_.end()) return out;
  out.reserve(it->second.size());
  for (const std::string &key : it->second) out.push_back(by_key_.at(key));
  return out;
}

void BindingTable::put(const Binding &binding) {
  const std::string key = binding.store_key();
  auto it = by_key_.find(key);
  if (it != by_key_.end()) {
    unindex(it->second, key);
    it->second = binding;
  } else {
    by_key_.emplace(key, binding);
  }
  by_user_[binding.user].insert(key);
  if (binding.flow != 0) by_flow_[binding.flow].insert(key);
  expiry_.add(binding.expires_at, key);
}

std::optional<Binding> BindingTable::erase(const std::string &store_key) {
  auto it = by_key_.find(store_key);
  if (it == by_key_.end()) return std::nullopt;
  Binding removed = std::move(it->second);
  by_key_.erase(it);
  unindex(removed, store_key);
  return removed;
}

std::vector<std::string> BindingTable::on_flow(ls_flow_id_t flow) const {
  auto it = by_flow_.find(flow);
  if (flow == 0 || it == by_flow_.end()) return {};
  return {it->second.begin(), it->second.end()};
}

void BindingTable::for_each(const std::function<bool(const Binding &)> &visit) const {
  for (const auto &[user, keys] : by_user_) {
    for (const std::string &key : keys) {
      if (!visit(by_key_.at(key))) return;
    }
  }
}

void BindingTable::unindex(const Binding &binding, const std::string &store_key) {
  auto user_it = by_user_.find(binding.user);
  if (user_it != by_user_.end()) {
    user_it->second.erase(store_key);
    if (user_it->second.empty()) by_user_.erase(user_it);
  }
  if (binding.flow != 0) {
    auto flow_it = by_flow_.find(binding.flow);
    if (flow_it != by_flow_.end()) {
      flow_it->second.erase(store_key);
      if (flow_it->second.empty()) by_flow_.erase(flow_it);
    }
  }
  expiry_.remove(binding.expires_at, store_key);
}

}  // namespace lineside::registrar
