// provisioning/provisioning.cpp: serialised writes, store commit with compensation, events.
#include "provisioning/provisioning.hpp"

#include <map>
#include <memory>
#include <stdexcept>

#include "lineside/events.h"
#include "provisioning/json_fields.hpp"
#include "provisioning/store_records.hpp"

namespace lineside::kernel {

Provisioning::Provisioning(Store &store, Directory &directory, OpContext ctx, DeviceEvent on_device)
    : store_(store), directory_(directory), ctx_(std::move(ctx)), on_device_(std::move(on_device)) {}

void Provisioning::load() { directory_.replace(read_directory_records(store_)); }

void Provisioning::submit(Operation op, Reply reply) {
  queue_.push_back(Pending{std::move(op), std::move(reply)});
  if (!busy_) run_next();
}

void Provisioning::run_next() {
  while (!queue_.empty() && !busy_) {
    Pending p = std::move(queue_.front());
    queue_.pop_front();
    OpResult r;
    try {
      r = p.op(directory_.data(), ctx_);
    } catch (const std::exception &e) {
      r.refusal.add(500, {"", "internal", e.what(), {}});
    }
    if (r.refusal.refused()) {
      p.reply(r.refusal.status, refusal_json(r.refusal));
      continue;
    }
    const std::string body = r.body ? json_text(r.body) : std::string("{}");
    std::vector<RecordWrite> writes = record_writes(directory_.data(), r.next);
    if (writes.empty()) {
      p.reply(r.status, body);
      continue;
    }
    busy_ = true;
    struct Batch {
      size_t outstanding;
      bool ok = true;
    };
    auto batch = std::make_shared<Batch>(Batch{writes.size()});
    auto next = std::make_shared<DirectoryData>(std::move(r.next));
    const unsigned status = r.status;
    Reply reply = std::move(p.reply);
    for (RecordWrite &w : writes) {
      auto done = [this, batch, next, status, body, reply](bool ok) {
        batch->ok = batch->ok && ok;
        if (--batch->outstanding == 0) committed(std::move(*next), batch->ok, status, body, reply);
      };
      if (w.value) store_.put(w.ns, w.key, std::move(*w.value), done);
      else store_.erase(w.ns, w.key, done);
    }
  }
}

void Provisioning::committed(DirectoryData next, bool ok, unsigned status, const std::string &body,
                             const Reply &reply) {
  if (ok) {
    DirectoryData before = directory_.data();
    directory_.replace(std::move(next));
    announce(before, directory_.data());
    reply(status, body);
  } else {
    // Some writes may have committed: write the current (unchanged) directory back over them.
    for (RecordWrite &w : record_writes(next, directory_.data())) {
      if (w.value) store_.put(w.ns, w.key, std::move(*w.value), {});
      else store_.erase(w.ns, w.key, {});
    }
    Refusal r;
    r.add(500, {"", "store_failed", "the store could not commit the change; nothing was changed", {}});
    reply(500, refusal_json(r));
  }
  busy_ = false;
  run_next();
}

void Provisioning::announce(const DirectoryData &before, const DirectoryData &after) {
  if (!on_device_) return;
  std::map<std::string, const Device *> old;
  for (const Device &d : before.devices) old.emplace(d.id, &d);
  for (const Device &d : after.devices) {
    auto it = old.find(d.id);
    if (it == old.end()) {
      on_device_(LS_DEVICE_ADDED, d, d.user);
      continue;
    }
    if (!(*it->second == d)) on_device_(LS_DEVICE_UPDATED, d, it->second->user);
    old.erase(it);
  }
  for (const auto &[id, d] : old) on_device_(LS_DEVICE_REMOVED, *d, d->user);
}

void Provisioning::apply_now(OpResult result) {
  const uint64_t failed_before = store_.stats().failed_commits;
  for (RecordWrite &w : record_writes(directory_.data(), result.next)) {
    if (w.value) store_.put(w.ns, w.key, std::move(*w.value), {});
    else store_.erase(w.ns, w.key, {});
  }
  store_.flush();
  if (store_.stats().failed_commits != failed_before) {
    throw std::runtime_error("the store could not commit the provisioning change");
  }
  DirectoryData before = directory_.data();
  directory_.replace(std::move(result.next));
  announce(before, directory_.data());
}

std::string Provisioning::imported_file_hash() {
  std::string out;
  store_.scan(kMetaNs, [&out](std::string_view key, std::string_view value) {
    if (key == "directory_file_sha256") out = std::string(value);
    return true;
  });
  return out;
}

void Provisioning::remember_imported_file(const std::string &sha256) {
  store_.put(kMetaNs, "directory_file_sha256", sha256, {});
}

}  // namespace lineside::kernel
