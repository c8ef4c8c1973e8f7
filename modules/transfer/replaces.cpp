// transfer/replaces.cpp: parsing a Replaces value into a dialog identifier.
#include "replaces.hpp"

#include "uri_text.hpp"

namespace lineside::transfer {

std::optional<ReplacesTarget> parse_replaces(std::string_view value) {
  constexpr size_t kMaxReplaces = 512;
  if (value.size() > kMaxReplaces) return std::nullopt;
  const size_t semi = value.find(';');
  ReplacesTarget out;
  out.call_id = std::string(trim(value.substr(0, semi)));
  if (!printable_token(out.call_id)) return std::nullopt;
  bool has_to = false;
  bool has_from = false;
  std::string_view params =
      semi == std::string_view::npos ? std::string_view() : value.substr(semi + 1);
  while (!params.empty()) {
    const size_t end = params.find(';');
    const std::string_view param = trim(params.substr(0, end));
    params = end == std::string_view::npos ? std::string_view() : params.substr(end + 1);
    const size_t eq = param.find('=');
    const std::string_view name = trim(param.substr(0, eq));
    const std::string_view text =
        eq == std::string_view::npos ? std::string_view() : trim(param.substr(eq + 1));
    if (iequals(name, "to-tag") || iequals(name, "from-tag")) {
      bool &seen = iequals(name, "to-tag") ? has_to : has_from;
      if (seen || !printable_token(text)) return std::nullopt;
      seen = true;
      (iequals(name, "to-tag") ? out.to_tag : out.from_tag) = std::string(text);
    } else if (iequals(name, "early-only")) {
      out.early_only = true;
    }
  }
  if (!has_to || !has_from) return std::nullopt;
  return out;
}

}  // namespace lineside::transfer
