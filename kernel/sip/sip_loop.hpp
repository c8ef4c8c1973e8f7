// sip/sip_loop.hpp: the SIP thread's event loop (Sofia su_root) and the cross-thread post bridge.
#pragma once

#include <functional>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "sip/sofia.hpp"

namespace lineside::kernel {

/// Owns the su_root of the SIP thread: the thread that constructs it is the SIP thread.
/// post() is the only member other threads may call: it queues a job through su_msg, which wakes
/// the loop; jobs run on the SIP thread in order.
class SipLoop {
 public:
  SipLoop();
  ~SipLoop();
  SipLoop(const SipLoop &) = delete;
  SipLoop &operator=(const SipLoop &) = delete;

  [[nodiscard]] su_root_t *root() const { return root_.get(); }
  /// Run until stop(). SIP thread only.
  void run();
  /// Make run() return; any thread.
  void stop();
  /// Queue fn to run on the SIP thread; any thread. Returns false if it could not be queued.
  bool post(std::function<void()> fn);
  [[nodiscard]] bool on_sip_thread() const { return std::this_thread::get_id() == owner_; }

 private:
  friend struct SipLoopAccess;
  sofia::RootPtr root_;
  std::thread::id owner_;
  bool closing_ = false;  ///< set by the destructor: queued jobs are discarded, not run
  std::mutex pending_mutex_;
  std::unordered_set<std::function<void()> *> pending_;  ///< posted, not yet run (freed on destroy)
};

}  // namespace lineside::kernel
