// billing/smdr_format.cpp: SMDR record layout, column by column (mitel-facts §b1, Summary of
// Fields).
#include "smdr_format.hpp"

#include <algorithm>
#include <cstdio>

namespace lineside::billing {
namespace {

constexpr size_t kStandardWidth = 90;
constexpr size_t kExtendedWidth = 101;
constexpr size_t kStandardParty = 4;
constexpr size_t kExtendedParty = 7;
constexpr size_t kDigitsWidth = 26;
constexpr size_t kAccountWidth = 12;
constexpr size_t kSystemIdWidth = 3;
constexpr size_t kAniWidth = 10;
constexpr size_t kDnisStandardWidth = 10;
constexpr size_t kDnisExtendedWidth = 7;  // "DNIS ... from 7 columns in Extended Digit format"
constexpr int64_t kMaxTta = 999;

char printable(char c) {
  return (c > ' ' && c < 0x7f) ? c : '?';
}

/// Appends `value` left-justified in `width` columns; too long: first width-1 chars + '?'.
void put(std::string &out, const std::string &value, size_t width, const char *name,
         std::vector<std::string> &overflowed) {
  std::string cell;
  cell.reserve(width);
  for (char c : value) cell.push_back(printable(c));
  if (cell.size() > width) {
    cell.resize(width - 1);
    cell.push_back('?');
    overflowed.emplace_back(name);
  }
  cell.resize(width, ' ');
  out += cell;
}

void put_flag(std::string &out, char flag) {
  out.push_back(flag == ' ' ? ' ' : printable(flag));
}

std::string two_digits(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", std::clamp(v, 0, 99));
  return buf;
}

/// hh:mm followed by 'P' (12-hour clock, afternoon) or a blank.
std::string start_time(int hour, int minute, bool clock_24h) {
  hour = std::clamp(hour, 0, 23);
  if (clock_24h) return two_digits(hour) + ":" + two_digits(minute) + " ";
  const int h12 = hour % 12 == 0 ? 12 : hour % 12;
  return two_digits(h12) + ":" + two_digits(minute) + (hour >= 12 ? "P" : " ");
}

/// hh:mm:ss (standard) or hhhh:mm:ss (extended), capped at the largest value that fits.
std::string duration(int64_t seconds, bool extended) {
  const int64_t max_hours = extended ? 9999 : 99;
  const int64_t cap = max_hours * 3600 + 59 * 60 + 59;
  seconds = std::clamp<int64_t>(seconds, 0, cap);
  char buf[24];
  std::snprintf(buf, sizeof buf, extended ? "%04lld:%02lld:%02lld" : "%02lld:%02lld:%02lld",
                static_cast<long long>(seconds / 3600), static_cast<long long>(seconds / 60 % 60),
                static_cast<long long>(seconds % 60));
  return buf;
}

std::string time_to_answer(TimeToAnswer kind, int64_t seconds) {
  switch (kind) {
    case TimeToAnswer::seconds: {
      char buf[8];
      std::snprintf(buf, sizeof buf, "%03lld",
                    static_cast<long long>(std::clamp<int64_t>(seconds, 0, kMaxTta)));
      return buf;
    }
    case TimeToAnswer::unanswered:
      return "***";
    case TimeToAnswer::blank:
      break;
  }
  return "   ";
}

}  // namespace

size_t smdr_width(const SmdrLayout &layout) {
  const size_t base = layout.extended_digits ? kExtendedWidth : kStandardWidth;
  if (!layout.ani_dnis) return base;
  const size_t dnis = layout.extended_digits ? kDnisExtendedWidth : kDnisStandardWidth;
  return base + 1 + kAniWidth + 1 + dnis;
}

size_t smdr_party_width(const SmdrLayout &layout) {
  return layout.extended_digits ? kExtendedParty : kStandardParty;
}

char long_call_flag(int64_t duration_s) {
  if (duration_s >= 30 * 60) return '+';
  if (duration_s >= 10 * 60) return '%';
  if (duration_s >= 5 * 60) return '-';
  return ' ';
}

SmdrLine format_smdr(const SmdrFields &f, const SmdrLayout &layout) {
  SmdrLine line;
  std::string &out = line.text;
  auto &over = line.overflowed;
  const size_t party = smdr_party_width(layout);
  out.reserve(smdr_width(layout) + 2);

  out.push_back(long_call_flag(f.duration_s));                    // 1   z
  out += two_digits(f.month) + "/" + two_digits(f.day);           // 2-6 mm/dd
  out.push_back(' ');                                             // 7
  out += start_time(f.hour, f.minute, layout.clock_24h);          // 8-13 hh:mmp
  out.push_back(' ');                                             // 14
  out += duration(f.duration_s, layout.extended_digits);          // 15-22 (15-24)
  out.push_back(' ');                                             // 23 (25)
  put(out, f.calling_party, party, "calling_party", over);        // 24-27 (26-32)
  out.push_back(' ');                                             // 28 (33)
  put_flag(out, f.attendant);                                     // 29 (34)  f
  out += time_to_answer(f.tta_kind, f.tta_s);                     // 30-32 (35-37) ttt
  out.push_back(' ');                                             // 33 (38)
  put(out, f.digits, kDigitsWidth, "digits", over);               // 34-59 (39-64)
  put_flag(out, f.completion);                                    // 60 (65)  h
  put_flag(out, f.speed_forward);                                 // 61 (66)  s
  put(out, f.called_party, party, "called_party", over);          // 62-65 (67-73)
  put_flag(out, f.transfer);                                      // 66 (74)  k
  out.push_back(' ');                                             // 67 (75)
  put(out, f.third_party, party, "third_party", over);            // 68-71 (76-82)
  out.push_back(' ');                                             // 72 (83)
  put(out, f.account_code, kAccountWidth, "account_code", over);  // 73-84 (84-95)
  put_flag(out, f.route_optimisation);                            // 85 (96)
  put(out, f.system_id, kSystemIdWidth, "system_id", over);       // 86-88 (97-99)
  out += "  ";                                                    // 89-90 (100-101)
  if (layout.ani_dnis) {
    out.push_back(' ');                       // 91 (102)
    put(out, f.ani, kAniWidth, "ani", over);  // 92-101 (103-112)
    out.push_back(' ');                       // 102 (113)
    put(out, f.dnis, layout.extended_digits ? kDnisExtendedWidth : kDnisStandardWidth, "dnis",
        over);  // 103-112 (114-120)
  }
  out += "\r\n";
  return line;
}

}  // namespace lineside::billing
