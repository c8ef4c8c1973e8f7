// calls/call_status.cpp: best failure selection.
#include "calls/call_status.hpp"

namespace lineside::kernel {

int best_failure_status(const std::vector<int> &finals) {
  int six = 0, busy = 0, four = 0, five = 0;
  for (int s : finals) {
    if (s >= 600) six = six ? six : s;
    if (s == 486 || s == 600) busy = 486;
    if (s >= 400 && s < 500 && s != 486) {
      const bool callee_side = s == 401 || s == 407 || s == 415 || s == 420 || s == 484 || s == 408;
      const int mapped = callee_side ? 480 : s;
      if (!four || mapped < four) four = mapped;
    }
    if (s >= 500 && s < 600) five = 503;
  }
  if (six) return six == 600 ? 486 : six;
  if (busy) return 486;
  if (four) return four == 487 ? 480 : four;
  if (five) return five;
  return 480;
}

unsigned q850_cause_for(int status, bool nothing_registered) {
  switch (status) {
    case 200: return 16;
    case 404: return 1;
    case 486: case 600: return 17;
    case 480: return nothing_registered ? 20 : 19;
    case 403: case 603: return 21;
    case 487: return 16;
    case 488: case 606: return 88;
    case 408: return 18;
    default: break;
  }
  if (status >= 500 && status < 600) return 41;
  return 31;
}

}  // namespace lineside::kernel
