// mwi/subscription_table.cpp: the subscription container and its indexes.
#include "subscription_table.hpp"

#include <algorithm>

namespace lineside::mwi {

std::string SubscriptionTable::remote_key(const std::string &call_id,
                                          const std::string &remote_tag) {
  // Length-prefixed so no Call-ID/tag pair can collide with another.
  return std::to_string(call_id.size()) + ":" + call_id + remote_tag;
}

void SubscriptionTable::index_add(Index &index, const std::string &key, const std::string &id) {
  index[key].insert(id);
}

void SubscriptionTable::index_remove(Index &index, const std::string &key, const std::string &id) {
  auto it = index.find(key);
  if (it == index.end()) return;
  it->second.erase(id);
  if (it->second.empty()) index.erase(it);
}

void SubscriptionTable::index(const Subscription &s) {
  by_remote_[remote_key(s.call_id, s.remote_tag)] = s.id;
  index_add(by_device_, s.device_id, s.id);
  index_add(by_mailbox_, s.mailbox, s.id);
  by_expiry_.emplace(s.expires_at, s.id);
}

void SubscriptionTable::unindex(const Subscription &s) {
  auto remote = by_remote_.find(remote_key(s.call_id, s.remote_tag));
  if (remote != by_remote_.end() && remote->second == s.id) by_remote_.erase(remote);
  index_remove(by_device_, s.device_id, s.id);
  index_remove(by_mailbox_, s.mailbox, s.id);
  by_expiry_.erase({s.expires_at, s.id});
}

Subscription &SubscriptionTable::put(Subscription s) {
  auto it = by_id_.find(s.id);
  if (it != by_id_.end()) {
    unindex(it->second);
    it->second = std::move(s);
  } else {
    it = by_id_.emplace(s.id, std::move(s)).first;
  }
  index(it->second);
  return it->second;
}

std::optional<Subscription> SubscriptionTable::erase(const std::string &id) {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  unindex(it->second);
  Subscription out = std::move(it->second);
  by_id_.erase(it);
  return out;
}

Subscription *SubscriptionTable::find(const std::string &id) {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &it->second;
}

const Subscription *SubscriptionTable::find(const std::string &id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &it->second;
}

Subscription *SubscriptionTable::find_dialog(const std::string &call_id,
                                             const std::string &remote_tag,
                                             const std::string &local_tag) {
  Subscription *s = find(local_tag);
  if (!s || s->call_id != call_id || s->remote_tag != remote_tag) return nullptr;
  return s;
}

Subscription *SubscriptionTable::find_by_remote(const std::string &call_id,
                                                const std::string &remote_tag) {
  auto it = by_remote_.find(remote_key(call_id, remote_tag));
  return it == by_remote_.end() ? nullptr : find(it->second);
}

std::vector<std::string> SubscriptionTable::of_device(const std::string &device_id) const {
  std::vector<std::string> ids;
  auto it = by_device_.find(device_id);
  if (it == by_device_.end()) return ids;
  ids.assign(it->second.begin(), it->second.end());
  std::sort(ids.begin(), ids.end(), [this](const std::string &a, const std::string &b) {
    const Subscription &x = by_id_.at(a), &y = by_id_.at(b);
    return x.created_at != y.created_at ? x.created_at < y.created_at : a < b;
  });
  return ids;
}

std::vector<std::string> SubscriptionTable::of_mailbox(const std::string &mailbox) const {
  auto it = by_mailbox_.find(mailbox);
  if (it == by_mailbox_.end()) return {};
  return {it->second.begin(), it->second.end()};
}

std::vector<std::string> SubscriptionTable::expired(int64_t now) const {
  std::vector<std::string> ids;
  for (const auto &[at, id] : by_expiry_) {
    if (at > now) break;
    ids.push_back(id);
  }
  return ids;
}

void SubscriptionTable::set_mailbox(Subscription &s, const std::string &mailbox) {
  index_remove(by_mailbox_, s.mailbox, s.id);
  s.mailbox = mailbox;
  index_add(by_mailbox_, s.mailbox, s.id);
}

void SubscriptionTable::set_expires_at(Subscription &s, int64_t expires_at) {
  by_expiry_.erase({s.expires_at, s.id});
  s.expires_at = expires_at;
  by_expiry_.emplace(s.expires_at, s.id);
}

void SubscriptionTable::for_each(const std::function<bool(const Subscription &)> &fn) const {
  for (const auto &[id, s] : by_id_) {
    if (!fn(s)) return;
  }
}

}  // namespace lineside::mwi
