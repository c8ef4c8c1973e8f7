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

}  // namespace lineside::kernel
