// The default store logger (stderr) and the exception-proof way the store calls any logger.
#include "store/store_logger.hpp"

#include <cstdio>

namespace lineside::kernel {

void log_store_message_to_stderr(std::string message) {
  message += '\n';
  std::fwrite(message.data(), 1, message.size(), stderr);
}

void report_to_store_logger(const StoreLogger &logger, std::string message) noexcept {
  try {
    if (logger) {
      logger(std::move(message));
    }
  } catch (...) {
    // Nowhere left to report to; the store keeps working.
  }
}

} // namespace lineside::kernel
