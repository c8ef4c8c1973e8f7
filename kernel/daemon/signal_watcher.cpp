// daemon/signal_watcher.cpp: sigwait loop.
#include "daemon/signal_watcher.hpp"

#include <pthread.h>
#include <signal.h>

namespace lineside::kernel {

namespace {
sigset_t daemon_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  sigaddset(&set, SIGUSR2);  // internal: wakes the watcher for shutdown
  return set;
}
}  // namespace

void block_daemon_signals() {
  sigset_t set = daemon_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  signal(SIGPIPE, SIG_IGN);
}

SignalWatcher::SignalWatcher(std::function<void()> on_stop, std::function<void()> on_reload)
    : thread_([on_stop = std::move(on_stop), on_reload = std::move(on_reload)] {
        pthread_setname_np(pthread_self(), "ls-signals");
        sigset_t set = daemon_signals();
        for (;;) {
          int sig = 0;
          if (sigwait(&set, &sig) != 0) continue;
          if (sig == SIGUSR2) return;
          if (sig == SIGHUP) {
            on_reload();
          } else {
            on_stop();
          }
        }
      }) {}

SignalWatcher::~SignalWatcher() {
  pthread_kill(thread_.native_handle(), SIGUSR2);
  thread_.join();
}

}  // namespace lineside::kernel
