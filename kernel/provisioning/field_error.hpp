// provisioning/field_error.hpp: a refused provisioning write: the field, the rule it broke, and
// the HTTP status class of the refusal.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace lineside::kernel {

/// One broken rule. `field` is a JSON path ("dn", "devices[2].additional_dns[0]").
struct FieldError {
  std::string field;
  std::string rule;     ///< stable machine name ("single_line_basic", "licence_exhausted", ...)
  std::string message;  ///< what an administrator reads
  std::vector<std::pair<std::string, int64_t>> numbers;  ///< extra facts (licence counts)
};

/// The outcome of checking a write: nothing is applied unless `errors` is empty.
struct Refusal {
  unsigned status = 0;  ///< 400 bad JSON or type, 404 unknown, 409 conflict, 422 rule broken
  std::vector<FieldError> errors;
  [[nodiscard]] bool refused() const { return !errors.empty(); }
  void add(unsigned s, FieldError e) {
    if (status == 0 || s < status) status = s;  // the most basic problem decides the status
    errors.push_back(std::move(e));
  }
};

}  // namespace lineside::kernel
