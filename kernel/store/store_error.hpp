// StoreError: the exception a store throws when it cannot be opened or its schema set up.
#pragma once

#include <stdexcept>
#include <string>

namespace lineside::kernel {

/** The store could not be opened; what() names the path and the underlying reason. */
class StoreError : public std::runtime_error {
public:
  explicit StoreError(const std::string &message) : std::runtime_error(message) {}
};

} // namespace lineside::kernel
