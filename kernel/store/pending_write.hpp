// PendingWrite: one queued put or erase waiting for the store's writer thread.
#pragma once

#include "store/store.hpp"

#include <string>

namespace lineside::kernel {

struct PendingWrite {
  enum class Kind { put, erase };

  Kind kind = Kind::put;
  std::string ns;
  std::string key;
  std::string value; ///< empty for erase
  Store::Done done;  ///< may be empty
};

} // namespace lineside::kernel
