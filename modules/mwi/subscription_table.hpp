// mwi/subscription_table.hpp: the live subscriptions, indexed by id (our tag), by the subscriber's
// dialog half (Call-ID + From tag), by device, by mailbox and by expiry.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "subscription.hpp"

namespace lineside::mwi {

/// SIP thread only. Pointers returned stay valid until that subscription is erased or replaced.
class SubscriptionTable {
 public:
  /// Insert, or replace the subscription with the same id (indexes follow).
  Subscription &put(Subscription s);
  /// Remove and return it.
  std::optional<Subscription> erase(const std::string &id);

  [[nodiscard]] Subscription *find(const std::string &id);
  [[nodiscard]] const Subscription *find(const std::string &id) const;
  /// The subscription of dialog (Call-ID, subscriber tag, our tag), or nullptr.
  [[nodiscard]] Subscription *find_dialog(const std::string &call_id, const std::string &remote_tag,
                                          const std::string &local_tag);
  /// The subscription created by a SUBSCRIBE with this Call-ID and From tag, or nullptr.
  [[nodiscard]] Subscription *find_by_remote(const std::string &call_id,
                                             const std::string &remote_tag);

  /// Ids of a device's subscriptions, oldest first.
  [[nodiscard]] std::vector<std::string> of_device(const std::string &device_id) const;
  /// Ids of the subscriptions watching `mailbox`.
  [[nodiscard]] std::vector<std::string> of_mailbox(const std::string &mailbox) const;
  /// Ids of the subscriptions whose expiry is at or before `now`, soonest first.
  [[nodiscard]] std::vector<std::string> expired(int64_t now) const;
  /// Change a subscription's mailbox or expiry through these so the indexes follow.
  void set_mailbox(Subscription &s, const std::string &mailbox);
  void set_expires_at(Subscription &s, int64_t expires_at);

  [[nodiscard]] size_t size() const { return by_id_.size(); }
  /// Visit every subscription (in id order) until `fn` returns false.
  void for_each(const std::function<bool(const Subscription &)> &fn) const;

 private:
  using Index = std::map<std::string, std::set<std::string>>;
  static void index_add(Index &index, const std::string &key, const std::string &id);
  static void index_remove(Index &index, const std::string &key, const std::string &id);
  static std::string remote_key(const std::string &call_id, const std::string &remote_tag);
  void unindex(const Subscription &s);
  void index(const Subscription &s);

  std::map<std::string, Subscription> by_id_;
  std::map<std::string, std::string> by_remote_;  ///< remote_key -> id
  Index by_device_;
  Index by_mailbox_;
  std::set<std::pair<int64_t, std::string>> by_expiry_;
};

}  // namespace lineside::mwi
