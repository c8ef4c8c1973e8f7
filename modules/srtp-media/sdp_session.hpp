// srtp-media/sdp_session.hpp: an SDP body (RFC 8866) as session lines and media sections, parsed
// with limits and written back line for line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lineside::media {

/// Limits that keep a hostile body cheap to refuse.
inline constexpr size_t kMaxSdpBytes = 32 * 1024;
inline constexpr size_t kMaxSdpLines = 512;
inline constexpr size_t kMaxMediaSections = 8;
inline constexpr size_t kMaxFormatsPerMedia = 64;

/// One "x=value" line; `type` is the letter, `value` the text after '=' (no CR/LF).
struct SdpLine {
  char type = 0;
  std::string value;
};

/// One media section: the parsed m= line and the lines after it up to the next m=.
struct SdpMedia {
  std::string media;                 ///< "audio", "video", "image", ...
  uint32_t port = 0;                 ///< 0 = the stream is rejected / disabled
  uint32_t port_count = 0;           ///< the "/2" of "49170/2"; 0 when absent
  std::string proto;                 ///< "RTP/AVP", "RTP/SAVP", "udptl", ...
  std::vector<std::string> formats;  ///< payload type numbers (or format names for non-RTP)
  std::vector<SdpLine> lines;        ///< c=, b=, a=, ... in order

  /// Values of every "a=NAME:..." (or bare "a=NAME") line, in order; bare ones give "".
  [[nodiscard]] std::vector<std::string_view> attributes(std::string_view name) const;
  /// The first such value, or nullopt.
  [[nodiscard]] std::optional<std::string_view> attribute(std::string_view name) const;
  /// Removes every "a=NAME" / "a=NAME:..." line.
  void remove_attributes(std::string_view name);
  /// The value of the media-level c= line, or nullopt.
  [[nodiscard]] std::optional<std::string_view> connection() const;
};

/// A parsed body: lines before the first m= and the media sections.
struct SdpSession {
  std::vector<SdpLine> session_lines;
  std::vector<SdpMedia> media;

  [[nodiscard]] std::optional<std::string_view> session_attribute(std::string_view name) const;
  [[nodiscard]] std::optional<std::string_view> session_connection() const;
  /// Writes the body back, CRLF line ends, m= lines rebuilt from the parsed fields.
  [[nodiscard]] std::string to_string() const;
};

struct SdpParse {
  std::optional<SdpSession> session;
  std::string error;  ///< why the body was refused (no secrets: never quotes a=crypto lines)
};

/// Parse `body`. Refused: over kMaxSdpBytes or kMaxSdpLines, no "v=0" first, a line that is not
/// "x=...", a NUL byte, a bad m= line (non-numeric port above 65535, no format), more than
/// kMaxMediaSections media sections or kMaxFormatsPerMedia formats. Accepts LF or CRLF ends.
[[nodiscard]] SdpParse parse_sdp(std::string_view body);

/// The name of "a=name:value" / "a=name" (the text before ':').
[[nodiscard]] std::string_view attribute_name(std::string_view a_value);
/// The value of "a=name:value" (after ':'), "" for a bare attribute.
[[nodiscard]] std::string_view attribute_value(std::string_view a_value);

}  // namespace lineside::media
