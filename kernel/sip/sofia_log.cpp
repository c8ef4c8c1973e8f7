// sip/sofia_log.cpp: assembling Sofia's printf-style fragments into whole lines for our logger.
#include "sip/sofia_log.hpp"

#include <cstdarg>
#include <cstdio>
#include <string>

#include "runtime/logger.hpp"
#include "sip/sofia.hpp"

namespace lineside::kernel {

namespace {
thread_local std::string t_pending;

void sofia_logger(void *, char const *fmt, va_list ap) {
  char buf[2048];
  va_list copy;
  va_copy(copy, ap);
  const int n = std::vsnprintf(buf, sizeof buf, fmt, copy);
  va_end(copy);
  if (n < 0) return;
  t_pending.append(buf, static_cast<size_t>(n) < sizeof buf ? static_cast<size_t>(n) : sizeof buf - 1);
  size_t nl;
  while ((nl = t_pending.find('\n')) != std::string::npos) {
    std::string line = t_pending.substr(0, nl);
    t_pending.erase(0, nl + 1);
    if (!line.empty()) log_info("sofia", line);
  }
  if (t_pending.size() > 8192) {
    log_info("sofia", t_pending);
    t_pending.clear();
  }
}
}  // namespace

void redirect_sofia_logs(unsigned level) {
  su_log_redirect(nullptr, sofia_logger, nullptr);
  su_log_redirect(nta_log, sofia_logger, nullptr);
  su_log_redirect(tport_log, sofia_logger, nullptr);
  su_log_set_level(nullptr, level);
  su_log_set_level(nta_log, level);
  su_log_set_level(tport_log, level);
}

}  // namespace lineside::kernel
