// host/request_pipeline.hpp: runs each incoming request through the hook chains (verdict
// contract, ASYNC resume tokens, per-hook error isolation) and answers what no module took.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "host/hook_chains.hpp"
#include "sip/flow_table.hpp"
#include "sip/incoming_request.hpp"

namespace lineside::kernel {

class Metrics;

/// SIP thread only. Request stages run in order: REQUEST_RECEIVED, AUTHENTICATE (outside a
/// dialog), REQUEST, then the kernel's own answer (OPTIONS 200, 481, 405, 501).
class RequestPipeline {
 public:
  RequestPipeline(const HookChains &chains, FlowTable &flows, Metrics &metrics);
  ~RequestPipeline();
  RequestPipeline(const RequestPipeline &) = delete;
  RequestPipeline &operator=(const RequestPipeline &) = delete;

  void set_agent(nta_agent_t *agent) { agent_ = agent; }
  /// The kernel's own handler (the call engine), asked after every module hook CONTINUEd; it
  /// takes the request by moving it out and returning true.
  using KernelHandler = std::function<bool(std::unique_ptr<ls_request> &)>;
  void set_kernel_handler(KernelHandler handler) { kernel_handler_ = std::move(handler); }
  /// Requests that skip the authentication stage (INVITEs to an emergency number: a caller must
  /// never be challenged into failure when dialling 911).
  using AuthExemption = std::function<bool(ls_request &)>;
  void set_auth_exemption(AuthExemption exempt) { auth_exempt_ = std::move(exempt); }
  /// Asked first, before any hook, for every new request: true when it has already answered it
  /// (call admission refusing a new INVITE cheaply, before the digest exchange is paid for).
  using Gate = std::function<bool(ls_request &)>;
  void set_gate(Gate gate) { gate_ = std::move(gate); }
  /// Entry point for every new request (from the SIP stack).
  void on_message(sofia::MsgRef msg, sip_t *sip);

  ls_token_t suspend(ls_request_t *req);
  ls_request_t *from_token(ls_token_t token) const;
  void resume(ls_token_t token, uint32_t verdict);
  /// Answer 500 to requests suspended longer than `max_ms` (a module that never resumed).
  void expire_suspended(int64_t now_ms, int64_t max_ms);
  /// Answer 503 to every suspended request (graceful stop).
  void abort_all();
  [[nodiscard]] size_t suspended_count() const { return suspended_.size(); }

 private:
  struct State;
  enum class Outcome { next, finished, suspended };
  void run(std::unique_ptr<State> state);
  Outcome apply(State &state, const HookEntry *entry, uint32_t verdict);
  void answer_by_default(State &state);

  const HookChains &chains_;
  FlowTable &flows_;
  Metrics &metrics_;
  nta_agent_t *agent_ = nullptr;
  KernelHandler kernel_handler_;
  AuthExemption auth_exempt_;
  Gate gate_;
  std::string allow_;  ///< the Allow header value, built on first use
  ls_token_t next_token_ = 1;
  State *in_hook_ = nullptr;  ///< the request whose hook is running right now
  std::unordered_map<ls_token_t, std::unique_ptr<State>> suspended_;
};

}  // namespace lineside::kernel
