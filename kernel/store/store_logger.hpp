// StoreLogger: where the store reports problems it cannot return to a caller (failed commits, scans).
#pragma once

#include <functional>
#include <string>

namespace lineside::kernel {

/** Receives one line about a store problem. Called on the writer thread or a scanning thread. */
using StoreLogger = std::function<void(std::string message)>;

/** Writes a store message as one line on stderr. */
void log_store_message_to_stderr(std::string message);

/** Pass message to logger; a logger that throws must not take a store thread down with it. */
void report_to_store_logger(const StoreLogger &logger, std::string message) noexcept;

} // namespace lineside::kernel
