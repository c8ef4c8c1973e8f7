// host/request_pipeline.cpp: hook chain execution and the kernel's default answers.
#include "host/request_pipeline.hpp"

#include <cstring>

#include "runtime/logger.hpp"
#include "runtime/metrics.hpp"
#include "sip/request_sanity.hpp"

namespace lineside::kernel {

namespace {
constexpr uint32_t kStages[] = {LS_HOOK_REQUEST_RECEIVED, LS_HOOK_AUTHENTICATE, LS_HOOK_REQUEST};
constexpr size_t kStageCount = sizeof kStages / sizeof kStages[0];

int64_t mono_ms() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}
}  // namespace

struct RequestPipeline::State {
  std::unique_ptr<ls_request> req;
  size_t stage = 0;
  size_t index = 0;
  ls_token_t token = 0;
  int64_t suspended_at_ms = 0;
  const HookEntry *suspended_by = nullptr;
  bool resume_pending = false;
  uint32_t resume_verdict = LS_VERDICT_CONTINUE;
};

RequestPipeline::RequestPipeline(const HookChains &chains, FlowTable &flows, Metrics &metrics)
    : chains_(chains), flows_(flows), metrics_(metrics) {}

RequestPipeline::~RequestPipeline() { abort_all(); }

void RequestPipeline::on_message(sofia::MsgRef msg, sip_t *sip) {
  if (sip->sip_request->rq_method == sip_method_ack) return;  // stray ACK: nothing to answer
  auto state = std::make_unique<State>();
  state->req = std::make_unique<ls_request>(std::move(msg), sip, agent_, flows_);
  if (const char *why = malformed_request_reason(sip)) {
    state->req->reply(400, why);
    return;
  }
  if (gate_ && gate_(*state->req)) return;
  run(std::move(state));
}

void RequestPipeline::run(std::unique_ptr<State> state) {
  ls_request &req = *state->req;
  const char *method = req.method_name();
  while (state->stage < kStageCount) {
    const uint32_t hook_id = kStages[state->stage];
    if (hook_id == LS_HOOK_AUTHENTICATE && (req.in_dialog() || (auth_exempt_ && auth_exempt_(req)))) {
      ++state->stage;
      state->index = 0;
      continue;
    }
    const auto &chain = chains_.chain(hook_id);
    while (state->index < chain.size()) {
      const HookEntry &entry = chain[state->index];
      if (!entry.module->active || !entry.matches(method)) {
        ++state->index;
        continue;
      }
      ls_hook_args_t args{sizeof(ls_hook_args_t), hook_id, &req, nullptr};
      uint32_t verdict;
      in_hook_ = state.get();
      try {
        verdict = entry.decl->fn(entry.module->instance, &args);
      } catch (...) {
        verdict = LS_VERDICT_ERROR;
      }
      in_hook_ = nullptr;
      ++state->index;
      Outcome outcome = apply(*state, &entry, verdict);
      if (outcome == Outcome::suspended && state->resume_pending) {
        // The module resumed before its hook even returned: carry on at once.
        state->resume_pending = false;
        state->token = 0;
        outcome = apply(*state, &entry, state->resume_verdict);
        if (outcome == Outcome::suspended) {
          log_error(entry.module->name, "resumed a request with ASYNC");
          req.reply(500);
          outcome = Outcome::finished;
        }
      }
      if (outcome == Outcome::finished) return;
      if (outcome == Outcome::suspended) {
        suspended_.emplace(state->token, std::move(state));
        return;
      }
    }
    ++state->stage;
    state->index = 0;
  }
  if (kernel_handler_ && !req.answered() && kernel_handler_(state->req)) return;
  answer_by_default(*state);
}

RequestPipeline::Outcome RequestPipeline::apply(State &state, const HookEntry *entry,
                                                uint32_t verdict) {
  ls_request &req = *state.req;
  const std::string &who = entry->module->name;
  switch (verdict) {
    case LS_VERDICT_CONTINUE:
      return req.answered() ? Outcome::finished : Outcome::next;
    case LS_VERDICT_STOP:
      if (!req.answered()) {
        log_error(who, std::string("hook '") + entry->decl->name +
                           "' returned STOP without answering; answering 500");
        req.reply(500);
      }
      return Outcome::finished;
    case LS_VERDICT_ASYNC:
      if (state.token == 0) {
        log_error(who, std::string("hook '") + entry->decl->name +
                           "' returned ASYNC without suspending the request; answering 500");
        req.reply(500);
        return Outcome::finished;
      }
      state.suspended_by = entry;
      state.suspended_at_ms = mono_ms();
      return Outcome::suspended;
    default:
      break;
  }
  metrics_.add("lineside_kernel_hook_errors", 1);
  const uint32_t hook_id = kStages[state.stage < kStageCount ? state.stage : kStageCount - 1];
  log_error(who, std::string("hook '") + entry->decl->name + "' failed on " + req.method_name() +
                     " (" + hook_point_name(hook_id) + ")");
  if (req.answered()) return Outcome::finished;
  if (hook_id == LS_HOOK_AUTHENTICATE) {
    req.reply(500, "Authentication Unavailable");  // fail closed
    return Outcome::finished;
  }
  return Outcome::next;
}

void RequestPipeline::answer_by_default(State &state) {
  ls_request &req = *state.req;
  if (req.answered()) return;
  if (allow_.empty()) {  // the chains are fixed once modules have started: build it once
    allow_ = "OPTIONS";
    for (const auto &m : chains_.handled_methods()) allow_ += ", " + m;
  }
  const std::string &allow = allow_;
  const sip_method_t method = req.sip()->sip_request->rq_method;
  if (method == sip_method_options) {
    req.reply(200, nullptr, "Allow: " + allow + "\r\nAccept: application/sdp\r\nAccept-Language: en");
  } else if (req.in_dialog()) {
    req.reply(481);
  } else if (method == sip_method_subscribe) {
    req.reply(489);  // RFC 6665 7.2.2: no module serves the event package it asked for
  } else if (method == sip_method_unknown) {
    req.reply(501, nullptr, "Allow: " + allow);
  } else {
    req.reply(405, nullptr, "Allow: " + allow);
  }
}

ls_token_t RequestPipeline::suspend(ls_request_t *req) {
  State *state = in_hook_;
  if (!state || state->req.get() != req) return 0;  // only from inside the request's own hook
  if (state->token == 0) {
    // A suspended request waits inside a server transaction: its retransmissions must be absorbed,
    // not processed again (a repeated digest nonce-count would rightly be refused as a replay).
    if (!req->ensure_transaction()) return 0;
    state->token = next_token_++;
  }
  return state->token;
}

ls_request_t *RequestPipeline::from_token(ls_token_t token) const {
  if (in_hook_ && in_hook_->token == token) return in_hook_->req.get();
  auto it = suspended_.find(token);
  return it == suspended_.end() ? nullptr : it->second->req.get();
}

void RequestPipeline::resume(ls_token_t token, uint32_t verdict) {
  if (token == 0) return;
  if (in_hook_ && in_hook_->token == token) {
    in_hook_->resume_pending = true;
    in_hook_->resume_verdict = verdict;
    return;
  }
  auto it = suspended_.find(token);
  if (it == suspended_.end()) return;  // unknown, expired or already resumed
  std::unique_ptr<State> state = std::move(it->second);
  suspended_.erase(it);
  const HookEntry *entry = state->suspended_by;
  state->token = 0;
  const Outcome outcome = apply(*state, entry, verdict);
  if (outcome == Outcome::finished) return;
  if (outcome == Outcome::suspended) {
    log_error(entry->module->name, "resumed a request with ASYNC");
    state->req->reply(500);
    return;
  }
  run(std::move(state));
}

void RequestPipeline::expire_suspended(int64_t now_ms, int64_t max_ms) {
  for (auto it = suspended_.begin(); it != suspended_.end();) {
    State &s = *it->second;
    if (now_ms - s.suspended_at_ms > max_ms) {
      log_error(s.suspended_by->module->name,
                std::string("did not resume a suspended ") + s.req->method_name() + " within " +
                    std::to_string(max_ms / 1000) + "s; answering 500");
      s.req->reply(500);
      it = suspended_.erase(it);
    } else {
      ++it;
    }
  }
}

void RequestPipeline::abort_all() {
  for (auto &[token, state] : suspended_) state->req->reply(503);
  suspended_.clear();
}

}  // namespace lineside::kernel
