// registrar/store_writer.cpp: durable writes of binding changes with one completion per batch.
#include "store_writer.hpp"

#include "binding_codec.hpp"

namespace lineside::registrar {

bool StoreWriter::write(const std::vector<BindingChange> &changes, Done done) {
  auto owned = std::make_unique<Batch>();
  Batch &batch = *owned;
  batch.owner = this;
  batch.id = next_batch_id_++;
  batch.done = std::move(done);
  batch.values.reserve(changes.size());
  batches_.emplace(batch.id, std::move(owned));

  const ls_host_t *raw = host_.raw();
  for (const BindingChange &change : changes) {
    int queued;
    ++batch.outstanding;
    if (change.after) {
      batch.values.push_back(encode_binding(*change.after));
      const std::string &value = batch.values.back();
      queued = raw->store_put(host_.ctx(), kBindingsTable, change.store_key.c_str(), value.data(),
                              value.size(), &StoreWriter::on_write_done, &batch);
    } else {
      queued = raw->store_delete(host_.ctx(), kBindingsTable, change.store_key.c_str(),
                                 &StoreWriter::on_write_done, &batch);
    }
    if (queued != 0) {
      --batch.outstanding;
      batch.failed = true;
      host_.error("store refused a write for binding " + change.store_key);
    }
  }
  batch.issuing = false;
  if (batch.outstanding > 0) return true;
  complete(batch);
  return false;
}

void StoreWriter::erase(const std::string &store_key) {
  auto pending = std::make_unique<PendingErase>(PendingErase{this, store_key});
  if (host_.raw()->store_delete(host_.ctx(), kBindingsTable, store_key.c_str(),
                                &StoreWriter::on_erase_done, pending.get()) != 0) {
    host_.error("store refused to delete binding " + store_key);
    return;
  }
  static_cast<void>(pending.release());  // owned by on_erase_done from here on
}

void StoreWriter::on_write_done(void *arg, int status) {
  Batch &batch = *static_cast<Batch *>(arg);
  if (status != 0) batch.failed = true;
  if (--batch.outstanding == 0 && !batch.issuing) batch.owner->complete(batch);
}

void StoreWriter::on_erase_done(void *arg, int status) {
  std::unique_ptr<PendingErase> pending(static_cast<PendingErase *>(arg));
  if (status != 0) pending->owner->host_.error("store failed to delete binding " + pending->key);
}

void StoreWriter::complete(Batch &batch) {
  Done done = std::move(batch.done);
  const bool ok = !batch.failed;
  batches_.erase(batch.id);  // destroys `batch`
  if (done) done(ok);
}

}  // namespace lineside::registrar
