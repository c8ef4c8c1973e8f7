// registrar/register_response.cpp: the headers of a REGISTER's 200 OK.
#include "register_response.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>

namespace lineside::registrar {

std::string rfc1123_date(int64_t unix_seconds) {
  using namespace std::chrono;
  static constexpr std::array<const char *, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                        "Thu", "Fri", "Sat"};
  static constexpr std::array<const char *, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const sys_seconds when{seconds{unix_seconds}};
  const sys_days day = floor<days>(when);
  const year_month_day ymd{day};
  const weekday wd{day};
  const hh_mm_ss<seconds> time{when - day};
  char text[40];
  std::snprintf(text, sizeof text, "%s, %02u %s %04d %02d:%02d:%02d GMT", kDays[wd.c_encoding()],
                static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                static_cast<int>(ymd.year()), static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
  return text;
}

std::string q_value_text(int32_t q_milli) {
  q_milli = std::clamp(q_milli, 0, 1000);
  if (q_milli == 1000) return "1";
  char text[8];
  std::snprintf(text, sizeof text, "0.%03d", q_milli);
  std::string out(text);
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return out;
}

std::string contact_value(const Binding &b, int64_t now) {
  std::string out = "<" + b.contact_uri + ">;expires=" + std::to_string(std::max<int64_t>(0, b.expires_at - now));
  if (b.q_milli >= 0) out += ";q=" + q_value_text(b.q_milli);
  if (!b.instance.empty()) {
    const bool quoted = b.instance.front() == '"';
    out += ";+sip.instance=" + (quoted ? b.instance : "\"" + b.instance + "\"");
  }
  if (!b.reg_id.empty()) out += ";reg-id=" + b.reg_id;
  return out;
}

std::vector<Header> register_ok_headers(const std::vector<Binding> &bindings, int64_t now,
                                        const std::vector<std::string> &path, bool echo_path) {
  std::vector<Header> headers;
  for (const Binding &b : bindings) headers.push_back({"Contact", contact_value(b, now)});
  if (echo_path) {
    for (const std::string &p : path) headers.push_back({"Path", p});
  }
  headers.push_back({"Date", rfc1123_date(now)});
  return headers;
}

}  // namespace lineside::registrar
