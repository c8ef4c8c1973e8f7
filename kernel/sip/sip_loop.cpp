// sip/sip_loop.cpp: su_root ownership and su_msg-based posting of jobs to the SIP thread.
#include "sip/sip_loop.hpp"

#include <stdexcept>

#include "runtime/logger.hpp"

namespace lineside::kernel {

using Job = std::function<void()>;

/// Lets the su_msg handler reach the loop's bookkeeping of jobs not yet run.
struct SipLoopAccess {
  static void ran(SipLoop *loop, Job *job) {
    std::lock_guard lock(loop->pending_mutex_);
    loop->pending_.erase(job);
  }
  static bool closing(SipLoop *loop) { return loop->closing_; }
  static void queued(SipLoop *loop, Job *job) {
    std::lock_guard lock(loop->pending_mutex_);
    loop->pending_.insert(job);
  }
};

namespace {
void run_posted(su_root_magic_t *magic, su_msg_r msg, su_msg_arg_t *arg) {
  (void)msg;
  Job *raw = *static_cast<Job **>(arg);
  auto *loop = reinterpret_cast<SipLoop *>(magic);
  SipLoopAccess::ran(loop, raw);
  std::unique_ptr<Job> job(raw);
  if (SipLoopAccess::closing(loop)) return;  // shutting down: whatever it referred to is gone
  try {
    (*job)();
  } catch (const std::exception &e) {
    log_error("kernel", std::string("posted job threw: ") + e.what());
  } catch (...) {
    log_error("kernel", "posted job threw an unknown exception");
  }
}
}  // namespace

SipLoop::SipLoop()
    : root_(su_root_create(reinterpret_cast<su_root_magic_t *>(this))), owner_(std::this_thread::get_id()) {
  if (!root_) throw std::runtime_error("cannot create the SIP event loop (su_root_create failed)");
}

SipLoop::~SipLoop() {
  // Each queued su_msg holds a reference on the root's port: deliver them (the handler discards
  // the jobs) so that destroying the root frees everything. Nothing else is left to run: the SIP
  // stack and every timer are gone by now.
  closing_ = true;
  for (int i = 0; i < 8; ++i) {
    {
      std::lock_guard lock(pending_mutex_);
      if (pending_.empty()) break;
    }
    su_root_step(root_.get(), 0);
  }
  root_.reset();
  for (Job *job : pending_) delete job;  // anything Sofia still dropped unrun
}

void SipLoop::run() { su_root_run(root_.get()); }

void SipLoop::stop() {
  post([this] { su_root_break(root_.get()); });
}

bool SipLoop::post(std::function<void()> fn) {
  su_msg_r msg = SU_MSG_R_INIT;
  if (su_msg_create(msg, su_root_task(root_.get()), su_task_null, run_posted, sizeof(Job *)) != 0) {
    return false;
  }
  Job *job = new Job(std::move(fn));
  *static_cast<Job **>(su_msg_data(msg)) = job;
  SipLoopAccess::queued(this, job);
  if (su_msg_send(msg) != 0) {
    SipLoopAccess::ran(this, job);
    delete job;
    log_error("kernel", "su_msg_send failed: job dropped");
    return false;
  }
  return true;
}

}  // namespace lineside::kernel
