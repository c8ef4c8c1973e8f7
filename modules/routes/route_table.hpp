// routes/route_table.hpp: the routes in force (YAML ones plus those added through the API) and
// the choice of route for a dialled number.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "route_spec.hpp"

namespace lineside::routes {

/// The route a dialled number takes and the digits sent to its gateways.
struct RouteMatch {
  const Route *route = nullptr;
  std::string pattern;  ///< the pattern that matched ("" for the emergency fallback)
  std::string digits;   ///< after strip and prepend
};

class RouteTable {
 public:
  /// Replace the routes from the YAML file (API routes with the same name keep overriding them).
  void set_config_routes(std::vector<Route> routes) { config_ = std::move(routes); }
  /// Add or replace an API route (by name).
  void put_api_route(Route route);
  /// Remove an API route; false when there is none of that name.
  bool remove_api_route(const std::string &name);

  /// Every route in force, config order then API routes; an API route hides a YAML route of the
  /// same name.
  [[nodiscard]] std::vector<const Route *> routes() const;
  [[nodiscard]] const Route *find(const std::string &name) const;
  [[nodiscard]] bool is_api_route(const std::string &name) const;
  [[nodiscard]] bool is_config_route(const std::string &name) const;

  /// The most specific route whose pattern matches `dialled` (ties: the first listed). An
  /// emergency call takes an emergency-type route first: the most specific matching one, else
  /// the first listed (digits sent as dialled); only without emergency routes a normal one.
  /// Nothing when no route applies or stripping would leave no digit to send.
  [[nodiscard]] std::optional<RouteMatch> select(const std::string &dialled, bool emergency) const;

 private:
  std::vector<Route> config_;
  std::vector<Route> api_;
};

/// `dialled` with `strip` leading characters removed and `prepend` put in front ("" when
/// strip removes everything and nothing is prepended).
std::string outpulsed_digits(const std::string &dialled, uint32_t strip,
                             const std::string &prepend);

}  // namespace lineside::routes
