// routes/store_calls.cpp: heap-held completions for the host's C store callbacks.
#include "store_calls.hpp"

#include <memory>

namespace lineside::routes {
namespace {

struct Pending {
  std::function<void(bool)> done;
};

void finish(void *arg, int status) {
  std::unique_ptr<Pending> p(static_cast<Pending *>(arg));
  if (p->done) p->done(status == 0);
}

}  // namespace

bool store_put_then(const Host &host, const std::string &table, const std::string &key,
                    const std::string &value, std::function<void(bool)> done) {
  auto p = std::make_unique<Pending>(Pending{std::move(done)});
  if (host.raw()->store_put(host.ctx(), table.c_str(), key.c_str(), value.data(), value.size(),
                            &finish, p.get()) != 0)
    return false;
  p.release();
  return true;
}

bool store_delete_then(const Host &host, const std::string &table, const std::string &key,
                       std::function<void(bool)> done) {
  auto p = std::make_unique<Pending>(Pending{std::move(done)});
  if (host.raw()->store_delete(host.ctx(), table.c_str(), key.c_str(), &finish, p.get()) != 0)
    return false;
  p.release();
  return true;
}

}  // namespace lineside::routes
