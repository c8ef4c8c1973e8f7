// routes/route_table.cpp: route bookkeeping and the most-specific-pattern choice.
#include "route_table.hpp"

#include <algorithm>

namespace lineside::routes {

void RouteTable::put_api_route(Route route) {
  route.from_api = true;
  for (Route &r : api_) {
    if (r.spec.name == route.spec.name) {
      r = std::move(route);
      return;
    }
  }
  api_.push_back(std::move(route));
}

bool RouteTable::remove_api_route(const std::string &name) {
  const auto it =
      std::find_if(api_.begin(), api_.end(), [&](const Route &r) { return r.spec.name == name; });
  if (it == api_.end()) return false;
  api_.erase(it);
  return true;
}

std::vector<const Route *> RouteTable::routes() const {
  std::vector<const Route *> out;
  for (const Route &r : config_) {
    if (!is_api_route(r.spec.name)) out.push_back(&r);
  }
  for (const Route &r : api_) out.push_back(&r);
  return out;
}

const Route *RouteTable::find(const std::string &name) const {
  for (const Route *r : routes())
    if (r->spec.name == name) return r;
  return nullptr;
}

bool RouteTable::is_api_route(const std::string &name) const {
  return std::any_of(api_.begin(), api_.end(), [&](const Route &r) { return r.spec.name == name; });
}

bool RouteTable::is_config_route(const std::string &name) const {
  return std::any_of(config_.begin(), config_.end(),
                     [&](const Route &r) { return r.spec.name == name; });
}

std::optional<RouteMatch> RouteTable::select(const std::string &dialled, bool emergency) const {
  const auto best_of = [&](bool emergency_routes_only) {
    std::optional<RouteMatch> best;
    Specificity best_rank;
    for (const Route *r : routes()) {
      if (emergency_routes_only && r->spec.type != RouteType::emergency) continue;
      for (const DialPattern &p : r->patterns) {
        auto rank = p.match(dialled);
        if (!rank) continue;
        if (best && !more_specific(*rank, best_rank)) continue;
        best = RouteMatch{r, p.text(), outpulsed_digits(dialled, r->spec.strip, r->spec.prepend)};
        best_rank = std::move(*rank);
      }
    }
    return best;
  };
  std::optional<RouteMatch> best;
  if (emergency) {
    best = best_of(true);
    for (const Route *r : routes()) {
      if (best) break;
      if (r->spec.type == RouteType::emergency) best = RouteMatch{r, "", dialled};
    }
  }
  if (!best) best = best_of(false);
  if (best && best->digits.empty()) return std::nullopt;
  return best;
}

std::string outpulsed_digits(const std::string &dialled, uint32_t strip,
                             const std::string &prepend) {
  const std::string rest = strip >= dialled.size() ? std::string() : dialled.substr(strip);
  return prepend + rest;
}

}  // namespace lineside::routes
