// registrar/binding_table.hpp: the in-memory location table (authoritative for reads) with its
// indexes by AoR user, by expiry and by flow.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "binding.hpp"
#include "expiry_index.hpp"

namespace lineside::registrar {

/// Every binding, keyed by store key. Every mutation goes through put/erase so the indexes stay
/// consistent. SIP thread only.
class BindingTable {
 public:
  /// The binding stored under `store_key`, or nullptr.
  [[nodiscard]] const Binding *find(const std::string &store_key) const;
  /// The bindings of AoR user `user`, ordered by store key (stable output).
  [[nodiscard]] std::vector<Binding> of_user(const std::string &user) const;
  /// Insert, or replace the binding with the same store key.
  void put(const Binding &binding);
  /// Remove and return the binding under `store_key`, if any.
  std::optional<Binding> erase(const std::string &store_key);
  /// Store keys of bindings whose expiry is at or before `now`, earliest first.
  [[nodiscard]] std::vector<std::string> expired(int64_t now) const { return expiry_.due(now); }
  /// Store keys of bindings made over `flow`.
  [[nodiscard]] std::vector<std::string> on_flow(ls_flow_id_t flow) const;
  /// Visit every binding (users sorted); stop when `visit` returns false.
  void for_each(const std::function<bool(const Binding &)> &visit) const;
  [[nodiscard]] size_t size() const { return by_key_.size(); }

 private:
  void unindex(const Binding &binding, const std::string &store_key);

  std::unordered_map<std::string, Binding> by_key_;
  std::map<std::string, std::set<std::string>> by_user_;
  std::unordered_map<ls_flow_id_t, std::set<std::string>> by_flow_;
  ExpiryIndex expiry_;
};

}  // namespace lineside::registrar
