// kpml/app_subscriptions.hpp: the server as KPML notifier for applications (RFC 4730): an
// authorised SUBSCRIBE Event: kpml to a DN is relayed as a collection on that DN's phone; the
// application gets 200 once the phone accepts (or the phone's refusal), then one NOTIFY with the
// phone's kpml-response and the subscription ends (one-shot).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "collector.hpp"
#include "kpml_settings.hpp"
#include "lineside/plugin.hpp"
#include "lineside/providers/directory.h"

namespace lineside::kpml {

/// One application's subscription (the server is the notifier).
struct AppSubscription {
  uint64_t id = 0;
  uint64_t collection = 0;
  std::string call_id;
  std::string our_tag;
  std::string local_party;    ///< From of our NOTIFYs: the SUBSCRIBE's To with our tag
  std::string remote_party;   ///< To of our NOTIFYs: the SUBSCRIBE's From (with its tag)
  std::string remote_target;  ///< the application's Contact URI
  std::string regex_tag;      ///< echoed in the report
  uint32_t transport = 0;
  ls_flow_id_t flow = 0;
  uint32_t cseq = 0;
  ls_token_t token = 0;  ///< the SUBSCRIBE still waiting for the phone, 0 once answered
  int64_t expires_s = 0;
  int64_t ends_mono_ms = 0;
};

class AppSubscriptions {
 public:
  AppSubscriptions(Host host, Collector &collector, const ls_directory_v1_t *directory,
                   void *directory_self, const KpmlSettings &settings);
  AppSubscriptions(const AppSubscriptions &) = delete;
  AppSubscriptions &operator=(const AppSubscriptions &) = delete;

  /// True when the request is a SUBSCRIBE for the kpml package.
  [[nodiscard]] static bool is_kpml_subscribe(Request &req);
  /// True when the request comes from one of trusted_sources.
  [[nodiscard]] bool trusted(Request &req) const;
  /// A kpml SUBSCRIBE: refuse it, answer a refresh/un-subscribe, or start the relay (ASYNC).
  /// `trusted`: it needs no digest. Returns CONTINUE for SUBSCRIBEs that are not ours.
  uint32_t on_subscribe(Request &req, bool trusted);
  void apply(const KpmlSettings &settings) { settings_ = settings; }
  [[nodiscard]] size_t size() const { return subs_.size(); }

 private:
  struct NotifySend {
    AppSubscriptions *self = nullptr;
    uint64_t sub = 0;
  };
  uint32_t in_dialog(Request &req, const std::string &to_tag);
  uint32_t refuse(Request &req, uint32_t status, const char *reason,
                  const std::vector<Header> &headers = {});
  void phone_accepted(uint64_t sub);
  void phone_finished(uint64_t sub, uint32_t code, const std::string &digits,
                      const std::string &text);
  /// Answer the waiting SUBSCRIBE and resume its hook chain; false when it is gone.
  bool answer_waiting(AppSubscription &s, uint32_t status, const char *reason);
  void send_notify(AppSubscription &s, const std::string &state, const std::string &body);
  static void on_notify_outcome(void *arg, const ls_request_outcome_t *outcome);
  std::string new_tag();

  Host host_;
  Collector &collector_;
  const ls_directory_v1_t *directory_;
  void *directory_self_;
  KpmlSettings settings_;
  std::map<uint64_t, AppSubscription> subs_;
  std::unordered_map<NotifySend *, std::unique_ptr<NotifySend>> sends_;
  uint64_t next_id_ = 1;
  uint64_t tag_counter_ = 0;
};

}  // namespace lineside::kpml
