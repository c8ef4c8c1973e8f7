// kpml/collector.hpp: running digit collections: SUBSCRIBE to a phone's kpml event (RFC 4730),
// match its NOTIFYs to the subscription, report the digits or the failure once, end the
// subscription.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "collection.hpp"
#include "kpml_settings.hpp"
#include "lineside/plugin.hpp"
#include "lineside/providers/location.h"

namespace lineside::kpml {

/// What a requester asks for (strings copied).
struct CollectRequest {
  std::string device_id;
  std::string pattern;
  std::string dialog_call_id;  ///< "" = not bound to a dialog
  std::string dialog_local_tag;
  std::string dialog_remote_tag;
  int64_t timeout_ms = 0;  ///< 0 = default_timeout; capped at max_timeout
};

/// start()'s answer: an id, or a refusal with an HTTP-like status (400 bad request, 404 no such
/// device, 409 no usable contact, 503 too many collections or the request could not be sent).
struct StartResult {
  uint64_t id = 0;
  uint32_t status = 0;
  std::string error;
};

class Collector {
 public:
  Collector(Host host, KpmlSettings settings, const ls_location_v1_t *location,
            void *location_self);
  ~Collector();
  Collector(const Collector &) = delete;
  Collector &operator=(const Collector &) = delete;

  /// Start a collection. The listener is never called from inside start().
  StartResult start(const CollectRequest &request, CollectionListener listener);
  /// End a collection without telling its listener. False when unknown or already finished.
  bool cancel(uint64_t id);
  /// A NOTIFY (or SUBSCRIBE) inside one of our subscriptions: answered here, true. False when the
  /// request belongs to no subscription of ours (the caller lets others have it).
  bool on_in_dialog_request(Request &req);
  /// Un-subscribe every active collection and drop its timer (graceful stop).
  void stop();
  void apply(KpmlSettings settings);

  [[nodiscard]] const Collection *find(uint64_t id) const;
  /// Every collection kept (running and recently finished), by id.
  [[nodiscard]] std::vector<const Collection *> all() const;
  [[nodiscard]] size_t running() const;

 private:
  struct Send {
    Collector *self = nullptr;
    uint64_t collection = 0;
    bool unsubscribe = false;
  };
  static void on_outcome(void *arg, const ls_request_outcome_t *outcome);
  static void on_timeout(void *arg, ls_timer_id_t timer);
  void subscribe_outcome(Collection &c, const ls_request_outcome_t &outcome);
  void notify(Collection &c, Request &req);
  bool send_subscribe(Collection &c, int64_t expires_s);
  void unsubscribe(Collection &c);
  void accepted(Collection &c);
  void finish(Collection &c, uint32_t code, const std::string &digits, const std::string &text);
  void retire();
  Collection *by_dialog(const std::string &call_id, const std::string &local_tag);
  std::string random_hex(size_t bytes);

  Host host_;
  KpmlSettings settings_;
  const ls_location_v1_t *location_;
  void *location_self_;
  std::map<uint64_t, std::unique_ptr<Collection>> collections_;  ///< ordered: oldest first
  std::unordered_map<Send *, std::unique_ptr<Send>> sends_;      ///< requests awaiting an outcome
  std::unordered_map<ls_timer_id_t, uint64_t> timers_;           ///< timer -> collection
  uint64_t next_id_ = 1;
  std::mt19937_64 random_;
};

}  // namespace lineside::kpml
