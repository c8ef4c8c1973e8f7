// kpml/kpml_xml.cpp: building and reading KPML request and response documents.
#include "kpml_xml.hpp"

#include <cctype>

namespace lineside::kpml {
namespace {

constexpr size_t kMaxDocument = 8192;

/// Undo the five predefined entities; nothing on any other entity or character reference.
std::optional<std::string> xml_unescape(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out.push_back(text[i]);
      continue;
    }
    const size_t semi = text.find(';', i);
    if (semi == std::string_view::npos) return std::nullopt;
    const std::string_view name = text.substr(i + 1, semi - i - 1);
    if (name == "amp")
      out.push_back('&');
    else if (name == "lt")
      out.push_back('<');
    else if (name == "gt")
      out.push_back('>');
    else if (name == "quot")
      out.push_back('"');
    else if (name == "apos")
      out.push_back('\'');
    else
      return std::nullopt;
    i = semi;
  }
  return out;
}

/// The start tag "<name ...>" (or "<prefix:name ...>") at or after `from`, as [begin, end) of its
/// attributes text; npos when absent.
struct Tag {
  size_t attrs_begin = std::string_view::npos;
  size_t attrs_end = 0;
  size_t after = 0;    ///< just past '>'
  bool empty = false;  ///< "<x ... />"
};

Tag find_start_tag(std::string_view doc, std::string_view name, size_t from = 0) {
  Tag t;
  for (size_t lt = doc.find('<', from); lt != std::string_view::npos; lt = doc.find('<', lt + 1)) {
    size_t p = lt + 1;
    size_t end_name = p;
    while (end_name < doc.size() &&
           (std::isalnum(static_cast<unsigned char>(doc[end_name])) || doc[end_name] == '-' ||
            doc[end_name] == ':' || doc[end_name] == '_' || doc[end_name] == '.')) {
      ++end_name;
    }
    std::string_view full = doc.substr(p, end_name - p);
    const size_t colon = full.rfind(':');
    if (colon != std::string_view::npos) full = full.substr(colon + 1);
    if (full != name) continue;
    const size_t gt = doc.find('>', end_name);
    if (gt == std::string_view::npos) return t;
    t.attrs_begin = end_name;
    t.empty = gt > end_name && doc[gt - 1] == '/';
    t.attrs_end = t.empty ? gt - 1 : gt;
    t.after = gt + 1;
    return t;
  }
  return t;
}

/// The value of attribute `name` in an attribute text, unescaped; nothing when absent/malformed.
std::optional<std::string> attribute(std::string_view attrs, std::string_view name) {
  size_t pos = 0;
  while (pos < attrs.size()) {
    while (pos < attrs.size() && std::isspace(static_cast<unsigned char>(attrs[pos]))) ++pos;
    const size_t eq = attrs.find('=', pos);
    if (eq == std::string_view::npos) return std::nullopt;
    std::string_view key = attrs.substr(pos, eq - pos);
    while (!key.empty() && std::isspace(static_cast<unsigned char>(key.back())))
      key.remove_suffix(1);
    size_t q = eq + 1;
    while (q < attrs.size() && std::isspace(static_cast<unsigned char>(attrs[q]))) ++q;
    if (q >= attrs.size() || (attrs[q] != '"' && attrs[q] != '\'')) return std::nullopt;
    const size_t close = attrs.find(attrs[q], q + 1);
    if (close == std::string_view::npos) return std::nullopt;
    if (key == name) return xml_unescape(attrs.substr(q + 1, close - q - 1));
    pos = close + 1;
  }
  return std::nullopt;
}

bool acceptable(std::string_view doc) {
  return doc.size() <= kMaxDocument && doc.find("<!") == std::string_view::npos;
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string build_kpml_request(std::string_view pattern, std::string_view tag) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
         "<kpml-request xmlns=\"urn:ietf:params:xml:ns:kpml-request\" version=\"1.0\">\r\n"
         "  <pattern persist=\"one-shot\">\r\n"
         "    <regex tag=\"" +
         xml_escape(tag) + "\">" + xml_escape(pattern) +
         "</regex>\r\n"
         "  </pattern>\r\n"
         "</kpml-request>\r\n";
}

std::string build_kpml_response(const KpmlReport &r) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
      "<kpml-response xmlns=\"urn:ietf:params:xml:ns:kpml-response\" version=\"1.0\" "
      "code=\"" +
      std::to_string(r.code) + "\" text=\"" + xml_escape(r.text) + "\"";
  if (!r.digits.empty()) out += " digits=\"" + xml_escape(r.digits) + "\"";
  if (!r.tag.empty()) out += " tag=\"" + xml_escape(r.tag) + "\"";
  return out + "/>\r\n";
}

std::optional<KpmlRequest> parse_kpml_request(std::string_view doc) {
  if (!acceptable(doc)) return std::nullopt;
  if (find_start_tag(doc, "kpml-request").attrs_begin == std::string_view::npos)
    return std::nullopt;
  const Tag regex = find_start_tag(doc, "regex");
  if (regex.attrs_begin == std::string_view::npos || regex.empty) return std::nullopt;
  const size_t close = doc.find("</", regex.after);
  if (close == std::string_view::npos) return std::nullopt;
  std::optional<std::string> text = xml_unescape(doc.substr(regex.after, close - regex.after));
  if (!text) return std::nullopt;
  KpmlRequest out;
  size_t b = text->find_first_not_of(" \t\r\n");
  size_t e = text->find_last_not_of(" \t\r\n");
  out.pattern = b == std::string::npos ? "" : text->substr(b, e - b + 1);
  const std::string_view attrs = doc.substr(regex.attrs_begin, regex.attrs_end - regex.attrs_begin);
  out.tag = attribute(attrs, "tag").value_or("");
  return out;
}

std::optional<KpmlReport> parse_kpml_report(std::string_view doc) {
  if (!acceptable(doc)) return std::nullopt;
  const Tag t = find_start_tag(doc, "kpml-response");
  if (t.attrs_begin == std::string_view::npos) return std::nullopt;
  const std::string_view attrs = doc.substr(t.attrs_begin, t.attrs_end - t.attrs_begin);
  const std::optional<std::string> code = attribute(attrs, "code");
  if (!code || code->size() != 3 || !std::isdigit(static_cast<unsigned char>((*code)[0])) ||
      !std::isdigit(static_cast<unsigned char>((*code)[1])) ||
      !std::isdigit(static_cast<unsigned char>((*code)[2]))) {
    return std::nullopt;
  }
  KpmlReport r;
  r.code = static_cast<uint32_t>(std::stoul(*code));
  r.text = attribute(attrs, "text").value_or("");
  r.digits = attribute(attrs, "digits").value_or("");
  r.tag = attribute(attrs, "tag").value_or("");
  return r;
}

}  // namespace lineside::kpml
