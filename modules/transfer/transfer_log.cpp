// transfer/transfer_log.cpp: running transfers and recent outcomes.
#include "transfer_log.hpp"

#include "lineside/call.h"

namespace lineside::transfer {
namespace {

std::string json_string(const std::string &s) {
  std::string out = "\"";
  for (char c : s) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20) {
      static const char *hex = "0123456789abcdef";
      out += "\\u00";
      out += hex[byte >> 4];
      out += hex[byte & 15];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string record_json(const TransferRecord &r) {
  std::string out = "{\"id\":" + std::to_string(r.id) + ",\"call\":" + std::to_string(r.call_id) +
                    ",\"kind\":\"" + (r.attended ? "attended" : "blind") + "\"" +
                    ",\"leaving\":\"" + (r.leaving_side == LS_LEG_CALLER ? "caller" : "callee") +
                    "\",\"referrer\":" + json_string(r.referrer);
  if (r.attended) {
    out += ",\"with_call\":" + std::to_string(r.with_call_id);
  } else {
    out += ",\"target\":" + json_string(r.target_dn);
  }
  out += ",\"started_unix_ms\":" + std::to_string(r.started_unix_ms);
  if (r.status) {
    out += ",\"status\":" + std::to_string(r.status) +
           ",\"finished_unix_ms\":" + std::to_string(r.finished_unix_ms);
  }
  return out + "}";
}

std::string event_json(const TransferredEvent &e) {
  return "{\"call\":" + std::to_string(e.call_id) +
         ",\"third_party_dn\":" + json_string(e.third_party_dn) +
         ",\"transferred_by_dn\":" + json_string(e.transferred_by_dn) +
         ",\"caller_dn\":" + json_string(e.caller_dn) +
         ",\"callee_dn\":" + json_string(e.callee_dn) + "}";
}

}  // namespace

void TransferLog::add_observed(TransferredEvent event) {
  if (keep_recent_ == 0) return;
  observed_.push_front(std::move(event));
  while (observed_.size() > keep_recent_) observed_.pop_back();
}

TransferRecord &TransferLog::start(TransferRecord record) {
  record.id = next_id_++;
  running_.push_back(std::move(record));
  return running_.back();
}

void TransferLog::finish(TransferRecord &record, uint32_t status, int64_t now_unix_ms) {
  for (auto it = running_.begin(); it != running_.end(); ++it) {
    if (&*it != &record) continue;
    it->status = status ? status : 500;
    it->finished_unix_ms = now_unix_ms;
    if (keep_recent_ > 0) {
      recent_.push_front(std::move(*it));
      while (recent_.size() > keep_recent_) recent_.pop_back();
    }
    running_.erase(it);
    return;
  }
}

void TransferLog::abandon(TransferRecord &record) {
  for (auto it = running_.begin(); it != running_.end(); ++it) {
    if (&*it == &record) {
      running_.erase(it);
      return;
    }
  }
}

TransferRecord *TransferLog::running_for(uint64_t call_id) {
  for (auto &r : running_) {
    if (r.call_id == call_id) return &r;
  }
  return nullptr;
}

bool TransferLog::busy(uint64_t call_id) const {
  for (const auto &r : running_) {
    if (r.call_id == call_id || (r.attended && r.with_call_id == call_id)) return true;
  }
  return false;
}

std::string TransferLog::json() const {
  std::string out = "{\"running\":[";
  bool first = true;
  for (const auto &r : running_) {
    out += (first ? "" : ",") + record_json(r);
    first = false;
  }
  out += "],\"recent\":[";
  first = true;
  for (const auto &r : recent_) {
    out += (first ? "" : ",") + record_json(r);
    first = false;
  }
  out += "],\"observed\":[";
  first = true;
  for (const auto &e : observed_) {
    out += (first ? "" : ",") + event_json(e);
    first = false;
  }
  return out + "]}";
}

void TransferLog::set_keep_recent(size_t n) {
  keep_recent_ = n;
  while (recent_.size() > keep_recent_) recent_.pop_back();
  while (observed_.size() > keep_recent_) observed_.pop_back();
}

}  // namespace lineside::transfer
