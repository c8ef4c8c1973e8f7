// srtp-media/codec_filter.cpp: encoding names of payload types and the offer/answer codec filters.
#include "codec_filter.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace lineside::media {
namespace {

struct StaticType {
  int pt;
  const char *encoding;
};

// RFC 3551 §6 static audio and video payload types.
constexpr StaticType kStatic[] = {
    {0, "pcmu/8000"},   {3, "gsm/8000"},    {4, "g723/8000"},   {5, "dvi4/8000"},
    {6, "dvi4/16000"},  {7, "lpc/8000"},    {8, "pcma/8000"},   {9, "g722/8000"},
    {10, "l16/44100"},  {11, "l16/44100"},  {12, "qcelp/8000"}, {13, "cn/8000"},
    {14, "mpa/90000"},  {15, "g728/8000"},  {16, "dvi4/11025"}, {17, "dvi4/22050"},
    {18, "g729/8000"},  {25, "celb/90000"}, {26, "jpeg/90000"}, {28, "nv/90000"},
    {31, "h261/90000"}, {32, "mpv/90000"},  {33, "mp2t/90000"}, {34, "h263/90000"},
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char &c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view first_word(std::string_view s) {
  const size_t end = s.find_first_of(" \t");
  return end == std::string_view::npos ? s : s.substr(0, end);
}

std::string_view after_first_word(std::string_view s) {
  const size_t end = s.find_first_of(" \t");
  if (end == std::string_view::npos) return {};
  const size_t start = s.find_first_not_of(" \t", end);
  return start == std::string_view::npos ? std::string_view() : s.substr(start);
}

/// "pcmu/8000/1" -> "pcmu/8000".
std::string name_and_rate(std::string_view rtpmap_encoding) {
  std::string e = lower(first_word(rtpmap_encoding));
  const size_t first = e.find('/');
  if (first != std::string::npos) {
    const size_t second = e.find('/', first + 1);
    if (second != std::string::npos) e.resize(second);
  }
  return e;
}

std::string_view name_only(std::string_view encoding) {
  return encoding.substr(0, encoding.find('/'));
}

/// Lines tied to a payload type: a=rtpmap:PT, a=fmtp:PT, a=rtcp-fb:PT.
bool line_is_for_format(const SdpLine &l, std::string_view pt) {
  if (l.type != 'a') return false;
  const std::string_view name = attribute_name(l.value);
  if (name != "rtpmap" && name != "fmtp" && name != "rtcp-fb") return false;
  return first_word(attribute_value(l.value)) == pt;
}

/// Keep the formats `keep` says yes to, with their lines; false if no voice format remains.
template <class Keep>
bool keep_formats(SdpMedia &m, Keep keep) {
  std::vector<std::string> kept;
  std::vector<std::string> dropped;
  bool voice = false;
  for (const auto &pt : m.formats) {
    const std::string enc = encoding_of(m, pt);
    if (keep(enc)) {
      kept.push_back(pt);
      voice = voice || !is_auxiliary_encoding(enc);
    } else {
      dropped.push_back(pt);
    }
  }
  if (!voice) return false;
  for (const auto &pt : dropped) {
    std::erase_if(m.lines, [&pt](const SdpLine &l) { return line_is_for_format(l, pt); });
  }
  m.formats = std::move(kept);
  return true;
}

}  // namespace

std::string encoding_of(const SdpMedia &m, std::string_view pt) {
  for (const auto &l : m.lines) {
    if (l.type == 'a' && attribute_name(l.value) == "rtpmap") {
      const std::string_view v = attribute_value(l.value);
      if (first_word(v) == pt) return name_and_rate(after_first_word(v));
    }
  }
  int number = -1;
  const auto r = std::from_chars(pt.data(), pt.data() + pt.size(), number);
  if (r.ec != std::errc() || r.ptr != pt.data() + pt.size()) return {};
  for (const auto &s : kStatic) {
    if (s.pt == number) return s.encoding;
  }
  return {};
}

bool is_auxiliary_encoding(std::string_view encoding) {
  const std::string_view name = name_only(encoding);
  return name == "telephone-event" || name == "cn" || name.empty();
}

bool filter_offer_codecs(SdpMedia &m, const std::vector<std::string> &allowed) {
  return keep_formats(m, [&allowed](const std::string &enc) {
    const std::string_view name = name_only(enc);
    if (name.empty()) return false;
    return std::any_of(allowed.begin(), allowed.end(),
                       [name](const std::string &a) { return lower(a) == name; });
  });
}

bool filter_answer_codecs(SdpMedia &answer, const SdpMedia &offered) {
  std::vector<std::string> offered_encodings;
  for (const auto &pt : offered.formats) offered_encodings.push_back(encoding_of(offered, pt));
  return keep_formats(answer, [&offered_encodings](const std::string &enc) {
    return !enc.empty() && std::find(offered_encodings.begin(), offered_encodings.end(), enc) !=
                               offered_encodings.end();
  });
}

}  // namespace lineside::media
