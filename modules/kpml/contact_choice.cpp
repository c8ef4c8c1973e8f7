// kpml/contact_choice.cpp: picking the registered contact a KPML SUBSCRIBE goes to.
#include "contact_choice.hpp"

#include <cstring>

namespace lineside::kpml {
namespace {

struct Search {
  const std::string *device_id;
  std::optional<ChosenContact> best;
  int64_t best_expiry = 0;
};

int visit(void *arg, const ls_binding_t *b) {
  auto *s = static_cast<Search *>(arg);
  if (!b || !b->device_id || *s->device_id != b->device_id || !b->contact_uri || !b->user) return 0;
  if (b->awaiting_reconnect) return 0;
  const bool connection = b->transport == LS_TRANSPORT_TCP || b->transport == LS_TRANSPORT_TLS;
  if (connection && b->flow == 0) return 0;
  if (s->best && b->expires_at <= s->best_expiry) return 0;
  s->best = ChosenContact{b->user, b->contact_uri, b->transport, connection ? b->flow : 0};
  s->best_expiry = b->expires_at;
  return 0;
}

}  // namespace

std::optional<ChosenContact> choose_contact(const ls_location_v1_t *location, void *self,
                                            const std::string &device_id) {
  if (!location || !location->for_each) return std::nullopt;
  Search s{&device_id, std::nullopt, 0};
  location->for_each(self, &visit, &s);
  return s.best;
}

}  // namespace lineside::kpml
