// kpml/kpml_xml.hpp: the two KPML documents (RFC 4730): application/kpml-request+xml (a pattern to
// watch for) and application/kpml-response+xml (a report: code, text, digits), built and read with
// a deliberately small reader (no DTDs, no entities beyond the five predefined ones).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lineside::kpml {

inline constexpr const char *kRequestType = "application/kpml-request+xml";
inline constexpr const char *kResponseType = "application/kpml-response+xml";

/// What a kpml-request asks for.
struct KpmlRequest {
  std::string pattern;  ///< the first <regex>'s text, unescaped
  std::string tag;      ///< its tag attribute, "" when absent
};

/// What a kpml-response reports.
struct KpmlReport {
  uint32_t code = 0;
  std::string text;
  std::string digits;
  std::string tag;
};

/// &, <, >, " and ' escaped for text and attribute values.
std::string xml_escape(std::string_view text);

/// A one-shot kpml-request for `pattern` (escaped) with regex tag `tag`.
std::string build_kpml_request(std::string_view pattern, std::string_view tag);

/// A kpml-response with the given attributes (escaped); digits and tag are left out when empty.
std::string build_kpml_response(const KpmlReport &report);

/// Read a kpml-request. Nothing when the document is not a kpml-request with a <regex>, uses a
/// DOCTYPE or an unknown entity, or is larger than 8 KiB.
std::optional<KpmlRequest> parse_kpml_request(std::string_view document);

/// Read a kpml-response. Nothing when there is no <kpml-response> with a 3-digit code.
std::optional<KpmlReport> parse_kpml_report(std::string_view document);

}  // namespace lineside::kpml
