// billing/smdr_format.hpp: the pure SMDR formatter: record fields -> one fixed-width Mitel line.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lineside::billing {

/// The SMDR options that change the layout (system options, read per record).
struct SmdrLayout {
  bool extended_digits = false;  ///< Extended Digit Length: 101 columns, 7-wide parties
  bool ani_dnis = false;         ///< ANI/DNIS reporting: +22 columns (standard), +19 (extended)
  bool clock_24h = true;         ///< 24-hour start time; false: 12-hour with 'P' after PM times
};

/// What the Time To Answer columns hold.
enum class TimeToAnswer { blank, seconds, unanswered };

/// One record's field values, already decided (see smdr_fields.hpp for how a call maps to them).
/// Text fields hold what goes in the columns; the formatter pads and, when too long, cuts them.
struct SmdrFields {
  int month = 1;              ///< 1..12, local time of the call start
  int day = 1;                ///< 1..31
  int hour = 0;               ///< 0..23
  int minute = 0;             ///< 0..59
  int64_t duration_s = 0;     ///< conversation seconds (capped when written)
  std::string calling_party;  ///< extension DN, or "T054" style trunk
  char attendant = ' ';       ///< '*' attendant involved, else blank
  TimeToAnswer tta_kind = TimeToAnswer::blank;
  int64_t tta_s = 0;              ///< seconds to answer when tta_kind is seconds (capped at 999)
  std::string digits;             ///< digits dialled (26 columns)
  char completion = ' ';          ///< call completion status letter
  char speed_forward = ' ';       ///< 'S' speed call, 'F' forwarded, else blank
  std::string called_party;       ///< DN, or trunk for outgoing calls
  char transfer = ' ';            ///< 'T' transfer, 'C' conference, else blank
  std::string third_party;        ///< the second station of a transfer/conference
  std::string account_code;       ///< 12 columns (reserved: blank)
  char route_optimisation = ' ';  ///< route optimisation flag (reserved: blank)
  std::string system_id;          ///< 3-digit system identifier
  std::string ani;                ///< ANI (10 columns), ANI/DNIS layout only
  std::string dnis;               ///< DNIS (10 columns standard, 7 extended), ANI/DNIS layout only
};

/// The formatted line (CR LF included) and which fields did not fit their columns.
struct SmdrLine {
  std::string text;
  std::vector<std::string> overflowed;  ///< names of fields cut to fit ("calling_party", ...)
};

/// Record width without CR LF: 90 standard, 101 extended digits, 112 / 120 with ANI/DNIS.
size_t smdr_width(const SmdrLayout &layout);

/// Width of the calling, called and third-party columns (4 standard, 7 extended).
size_t smdr_party_width(const SmdrLayout &layout);

/// Long-call flag (column 1): ' ' < 5 min, '-' 5:00-9:59, '%' 10:00-29:59, '+' >= 30 min.
char long_call_flag(int64_t duration_s);

/**
 * The record of `f` in `layout`, ending in CR LF. Fields are left-justified and space-padded.
 * A value longer than its columns keeps its first (width - 1) characters followed by '?', the
 * overflow mark (never a wrong but plausible DN); its name is listed in `overflowed`. Characters
 * outside printable ASCII (and spaces inside a value) become '?'. Duration is capped at 99:59:59
 * (9999:59:59 with extended digits), time to answer at 999.
 */
SmdrLine format_smdr(const SmdrFields &f, const SmdrLayout &layout);

}  // namespace lineside::billing
