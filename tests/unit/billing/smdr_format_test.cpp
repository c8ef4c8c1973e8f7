// The SMDR formatter against records written by hand from the Mitel layout table (mitel-facts
// §b1): whole lines, then field by field at their columns.
#include "smdr_format.hpp"

#include <doctest/doctest.h>

#include "billing_test_support.hpp"

namespace lineside::billing {
namespace {

using test::cols;

// Column ruler for the literals below (standard record, 90 columns):
//          1         2         3         4         5         6         7         8         9
// 123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890
// zmm/dd hh:mmp hh:mm:ss pppp fttt xxxxxxxxxxxxxxxxxxxxxxxxxxhsqqqqk rrrr aaaaaaaaaaaasiii

SmdrFields internal_call() {
  SmdrFields f;
  f.month = 3;
  f.day = 5;
  f.hour = 14;
  f.minute = 7;
  f.duration_s = 65;
  f.calling_party = "1001";
  f.tta_kind = TimeToAnswer::seconds;
  f.tta_s = 4;
  f.digits = "1002";
  f.completion = 'I';
  f.called_party = "1002";
  f.system_id = "000";
  return f;
}

SmdrFields trunk_call() {
  SmdrFields f;
  f.month = 6;
  f.day = 13;
  f.hour = 11;
  f.minute = 42;
  f.duration_s = 8 * 60 + 29;
  f.calling_party = "1001";
  f.tta_kind = TimeToAnswer::blank;
  f.digits = "96135952122";
  f.completion = 'A';
  f.called_party = "T054";
  f.system_id = "042";
  return f;
}

TEST_CASE("answered internal call: the whole standard record, 90 columns and CR LF") {
  const SmdrLine line = format_smdr(internal_call(), SmdrLayout{});
  CHECK(line.text ==
        " 03/05 14:07  00:01:05 1001  004 1002                      I 1002                    000  "
        "\r\n");
  CHECK(line.text.size() == 92);
  CHECK(line.overflowed.empty());
}

TEST_CASE("answered internal call, column by column") {
  const std::string l = format_smdr(internal_call(), SmdrLayout{}).text;
  CHECK(cols(l, 1, 1) == " ");      // long call: under 5 minutes
  CHECK(cols(l, 2, 6) == "03/05");  // date mm/dd
  CHECK(cols(l, 7, 7) == " ");
  CHECK(cols(l, 8, 13) == "14:07 ");  // start time, 24-hour clock: no P
  CHECK(cols(l, 14, 14) == " ");
  CHECK(cols(l, 15, 22) == "00:01:05");  // duration hh:mm:ss
  CHECK(cols(l, 23, 23) == " ");
  CHECK(cols(l, 24, 27) == "1001");  // calling party
  CHECK(cols(l, 28, 28) == " ");
  CHECK(cols(l, 29, 29) == " ");    // attendant flag
  CHECK(cols(l, 30, 32) == "004");  // time to answer
  CHECK(cols(l, 33, 33) == " ");
  CHECK(cols(l, 34, 59) == "1002                      ");  // digits dialled, left-justified
  CHECK(cols(l, 60, 60) == "I");                           // completion: internal
  CHECK(cols(l, 61, 61) == " ");                           // speed call / forward
  CHECK(cols(l, 62, 65) == "1002");                        // called party
  CHECK(cols(l, 66, 66) == " ");                           // transfer/conference flag
  CHECK(cols(l, 67, 67) == " ");
  CHECK(cols(l, 68, 71) == "    ");  // third party
  CHECK(cols(l, 72, 72) == " ");
  CHECK(cols(l, 73, 84) == "            ");  // account code (reserved)
  CHECK(cols(l, 85, 85) == " ");             // route optimisation
  CHECK(cols(l, 86, 88) == "000");           // system id
  CHECK(cols(l, 89, 90) == "  ");
  CHECK(cols(l, 91, 92) == "\r\n");
}

TEST_CASE("busy, unanswered and cancelled calls: no duration, *** time to answer") {
  SmdrFields busy = internal_call();
  busy.duration_s = 0;
  busy.tta_kind = TimeToAnswer::unanswered;
  busy.completion = 'B';
  CHECK(format_smdr(busy, SmdrLayout{}).text ==
        " 03/05 14:07  00:00:00 1001  *** 1002                      B 1002                    000  "
        "\r\n");
  SmdrFields unanswered = busy;
  unanswered.completion = ' ';  // no answer and cancelled are both incomplete
  const std::string l = format_smdr(unanswered, SmdrLayout{}).text;
  CHECK(l ==
        " 03/05 14:07  00:00:00 1001  *** 1002                        1002                    000  "
        "\r\n");
  CHECK(cols(l, 30, 32) == "***");
  CHECK(cols(l, 60, 60) == " ");
}

TEST_CASE("outgoing trunk call: trunk as called party, answer supervision, no time to answer") {
  const std::string l = format_smdr(trunk_call(), SmdrLayout{}).text;
  // Mitel worked example 1 laid out the same way (station 214 -> T054, 613-592-2122); 8:29 is
  // in the 5:00-9:59 band, so column 1 holds '-'.
  CHECK(l ==
        "-06/13 11:42  00:08:29 1001      96135952122               A T054                    042  "
        "\r\n");
  CHECK(cols(l, 30, 32) == "   ");
  CHECK(cols(l, 34, 59) == "96135952122               ");
  CHECK(cols(l, 60, 60) == "A");
  CHECK(cols(l, 62, 65) == "T054");
  CHECK(cols(l, 86, 88) == "042");
}

TEST_CASE("long-call flag at each threshold") {
  CHECK(long_call_flag(0) == ' ');
  CHECK(long_call_flag(4 * 60 + 59) == ' ');
  CHECK(long_call_flag(5 * 60) == '-');
  CHECK(long_call_flag(9 * 60 + 59) == '-');
  CHECK(long_call_flag(10 * 60) == '%');
  CHECK(long_call_flag(29 * 60 + 59) == '%');
  CHECK(long_call_flag(30 * 60) == '+');
  CHECK(long_call_flag(200 * 3600) == '+');
  SmdrFields f = internal_call();
  for (const auto &[seconds, flag, text] :
       {std::tuple{299, " ", "00:04:59"}, std::tuple{300, "-", "00:05:00"},
        std::tuple{599, "-", "00:09:59"}, std::tuple{600, "%", "00:10:00"},
        std::tuple{1799, "%", "00:29:59"}, std::tuple{1800, "+", "00:30:00"}}) {
    f.duration_s = seconds;
    const std::string l = format_smdr(f, SmdrLayout{}).text;
    CHECK(cols(l, 1, 1) == flag);
    CHECK(cols(l, 15, 22) == text);
  }
}

TEST_CASE("duration is capped at 99:59:59, 9999:59:59 with extended digits") {
  SmdrFields f = internal_call();
  f.duration_s = 100 * 3600 + 5;
  CHECK(cols(format_smdr(f, SmdrLayout{}).text, 15, 22) == "99:59:59");
  SmdrLayout ext;
  ext.extended_digits = true;
  CHECK(cols(format_smdr(f, ext).text, 15, 24) == "0100:00:05");
  f.duration_s = 10000LL * 3600;
  CHECK(cols(format_smdr(f, ext).text, 15, 24) == "9999:59:59");
  f.duration_s = -3;
  CHECK(cols(format_smdr(f, SmdrLayout{}).text, 15, 22) == "00:00:00");
}

TEST_CASE("12-hour clock: P after afternoon times, blank before noon, 12 for the twelve o'clocks") {
  SmdrLayout twelve;
  twelve.clock_24h = false;
  SmdrFields f = internal_call();
  for (const auto &[hour, minute, text] :
       {std::tuple{14, 7, "02:07P"}, std::tuple{9, 5, "09:05 "}, std::tuple{0, 30, "12:30 "},
        std::tuple{12, 0, "12:00P"}, std::tuple{23, 59, "11:59P"}, std::tuple{11, 59, "11:59 "}}) {
    f.hour = hour;
    f.minute = minute;
    CHECK(cols(format_smdr(f, twelve).text, 8, 13) == text);
  }
  f.hour = 23;
  CHECK(cols(format_smdr(f, SmdrLayout{}).text, 8, 13) == "23:59 ");
}

TEST_CASE("time to answer is three digits with leading zeros, capped at 999") {
  SmdrFields f = internal_call();
  f.tta_s = 0;
  CHECK(cols(format_smdr(f, SmdrLayout{}).text, 30, 32) == "000");
  f.tta_s = 57;
  CHECK(cols(format_smdr(f, SmdrLayout{}).text, 30, 32) == "057");
  f.tta_s = 4000;
  CHECK(cols(format_smdr(f, SmdrLayout{}).text, 30, 32) == "999");
}

TEST_CASE("extended digit length: 101 columns, hhhh duration, 7-wide parties") {
  SmdrLayout ext;
  ext.extended_digits = true;
  const std::string l = format_smdr(internal_call(), ext).text;
  CHECK(l ==
        " 03/05 14:07  0000:01:05 1001     004 1002                      I 1002                    "
        "      000  \r\n");
  CHECK(l.size() == 103);
  CHECK(cols(l, 15, 24) == "0000:01:05");
  CHECK(cols(l, 26, 32) == "1001   ");
  CHECK(cols(l, 34, 34) == " ");
  CHECK(cols(l, 35, 37) == "004");
  CHECK(cols(l, 39, 64) == "1002                      ");
  CHECK(cols(l, 65, 65) == "I");
  CHECK(cols(l, 67, 73) == "1002   ");
  CHECK(cols(l, 84, 95) == "            ");
  CHECK(cols(l, 97, 99) == "000");
  SmdrFields t = trunk_call();
  t.called_party = "T0054";
  const std::string lt = format_smdr(t, ext).text;
  CHECK(lt ==
        "-06/13 11:42  0000:08:29 1001         96135952122               A T0054                   "
        "      042  \r\n");
  SmdrFields seven = internal_call();
  seven.calling_party = "2345678";
  seven.called_party = "7654321";
  seven.transfer = 'T';
  seven.third_party = "5550001";
  const std::string l7 = format_smdr(seven, ext).text;
  CHECK(cols(l7, 26, 32) == "2345678");
  CHECK(cols(l7, 67, 73) == "7654321");
  CHECK(cols(l7, 74, 74) == "T");
  CHECK(cols(l7, 76, 82) == "5550001");
}

TEST_CASE("ANI/DNIS widths: 112 standard, 120 with extended digits") {
  SmdrLayout ani;
  ani.ani_dnis = true;
  SmdrFields f = trunk_call();
  f.ani = "6135550100";
  f.dnis = "4001";
  const std::string l = format_smdr(f, ani).text;
  CHECK(smdr_width(ani) == 112);
  CHECK(l.size() == 114);
  CHECK(cols(l, 89, 91) == "   ");
  CHECK(cols(l, 92, 101) == "6135550100");
  CHECK(cols(l, 102, 102) == " ");
  CHECK(cols(l, 103, 112) == "4001      ");
  ani.extended_digits = true;
  const std::string le = format_smdr(f, ani).text;
  CHECK(smdr_width(ani) == 120);
  CHECK(le.size() == 122);
  CHECK(cols(le, 100, 102) == "   ");
  CHECK(cols(le, 103, 112) == "6135550100");
  CHECK(cols(le, 114, 120) == "4001   ");
  SmdrFields blank = internal_call();
  ani.extended_digits = false;
  CHECK(cols(format_smdr(blank, ani).text, 91, 112) == std::string(22, ' '));
}

TEST_CASE("forward flag, transfer flag and third party") {
  SmdrFields f = internal_call();
  f.speed_forward = 'F';
  f.called_party = "1003";
  f.transfer = 'T';
  f.third_party = "1004";
  const std::string l = format_smdr(f, SmdrLayout{}).text;
  CHECK(l ==
        " 03/05 14:07  00:01:05 1001  004 1002                      IF1003T 1004              000  "
        "\r\n");
  CHECK(cols(l, 61, 61) == "F");
  CHECK(cols(l, 66, 66) == "T");
  CHECK(cols(l, 68, 71) == "1004");
}

TEST_CASE("a value longer than its columns is cut and marked '?', never silently another DN") {
  SmdrFields f = internal_call();
  f.calling_party = "100234";
  f.called_party = "T1234";
  f.digits = std::string(30, '5');
  const SmdrLine line = format_smdr(f, SmdrLayout{});
  CHECK(cols(line.text, 24, 27) == "100?");
  CHECK(cols(line.text, 62, 65) == "T12?");
  CHECK(cols(line.text, 34, 59) == std::string(25, '5') + "?");
  CHECK(line.text.size() == 92);
  CHECK(line.overflowed == std::vector<std::string>{"calling_party", "digits", "called_party"});
}

TEST_CASE("characters that would break the columns become '?'") {
  SmdrFields f = internal_call();
  f.digits = "12 3\r\n\xc3\xa9";
  f.calling_party = "1\t1";
  const std::string l = format_smdr(f, SmdrLayout{}).text;
  CHECK(cols(l, 34, 41) == "12?3????");
  CHECK(cols(l, 24, 27) == "1?1 ");
  CHECK(l.find('\n') == l.size() - 1);
}

}  // namespace
}  // namespace lineside::billing
