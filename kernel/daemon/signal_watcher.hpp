// daemon/signal_watcher.hpp: a thread that turns SIGTERM/SIGINT/SIGHUP into jobs on the SIP loop.
#pragma once

#include <functional>
#include <thread>

namespace lineside::kernel {

/// Block the handled signals in the calling thread (call first in main, before any thread starts,
/// so every thread inherits the mask) and ignore SIGPIPE.
void block_daemon_signals();

/// Waits with sigwait and calls on_stop / on_reload (from its own thread; they should post to
/// the SIP loop). Destruction stops the thread.
class SignalWatcher {
 public:
  SignalWatcher(std::function<void()> on_stop, std::function<void()> on_reload);
  ~SignalWatcher();
  SignalWatcher(const SignalWatcher &) = delete;
  SignalWatcher &operator=(const SignalWatcher &) = delete;

 private:
  std::thread thread_;
};

}  // namespace lineside::kernel
