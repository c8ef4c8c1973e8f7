// sip/sip_loop.cpp: su_root ownership and su_msg-based posting of jobs to the SIP thread.
#include "sip/sip_loop.hpp"

#include <stdexcept>

#include "runtime/logger.hpp"

namespace lineside::kernel {

namespace {
using Job = std::function<void()>;

void run_posted(su_root_magic_t *, su_msg_r msg, su_msg_arg_t *arg) {
  (void)msg;
  std::unique_ptr<Job> job(*static_cast<Job **>(arg));
  try {
    (*job)();
  } catch (const std::exception &e) {
    log_error("kernel", std::string("posted job threw: ") + e.what());
  } catch (...) {
    log_error("kernel", "posted job threw an unknown exception");
  }
}
}  // namespace

SipLoop::SipLoop() : root_(su_root_create(nullptr)), owner_(std::this_thread::get_id()) {
  if (!root_) throw std::runtime_error("cannot create the SIP event loop (su_root_create failed)");
}

SipLoop::~SipLoop() = default;

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
  if (su_msg_send(msg) != 0) {
    delete job;
    log_error("kernel", "su_msg_send failed: job dropped");
    return false;
  }
  return true;
}

}  // namespace lineside::kernel
