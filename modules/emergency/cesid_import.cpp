// emergency/cesid_import.cpp: CSV and JSON CESID files.
#include "cesid_import.hpp"

#include <cctype>
#include <map>

#include "cesid_rules.hpp"
#include "json_value.hpp"

namespace lineside::emergency {
namespace {

using admin_text::FieldError;

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::string lower(std::string s) {
  for (char &c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> split_csv(std::string_view line) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t comma = line.find(',', start);
    std::string cell =
        trim(line.substr(start, comma == std::string_view::npos ? line.npos : comma - start));
    if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"')
      cell = cell.substr(1, cell.size() - 2);
    out.push_back(std::move(cell));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

/// Adds one entry after its checks; `where` prefixes the field names.
void add_entry(CesidImport &out, std::map<std::string, std::string> &seen, const std::string &dn,
               const std::string &cesid, bool privacy, const std::string &where,
               size_t max_entries) {
  bool ok = true;
  if (auto p = dn_problem(dn, where + "dn")) {
    out.errors.push_back(*p);
    ok = false;
  }
  if (auto p = cesid_problem(cesid, where + "cesid")) {
    out.errors.push_back(*p);
    ok = false;
  }
  if (!ok) return;
  if (auto it = seen.find(dn); it != seen.end()) {
    out.errors.push_back(
        {where + "dn", "duplicate", "DN " + dn + " is already listed at " + it->second});
    return;
  }
  if (out.entries.size() >= max_entries) {
    out.errors.push_back(
        {where + "dn", "range", "more than " + std::to_string(max_entries) + " entries"});
    return;
  }
  seen[dn] = where.empty() ? "an earlier entry" : where.substr(0, where.size() - 2);
  out.entries.emplace_back(dn, CesidEntry{cesid, privacy});
}

std::optional<bool> flag_text(const std::string &text) {
  const std::string t = lower(text);
  if (t.empty() || t == "no" || t == "false" || t == "0" || t == "off") return false;
  if (t == "yes" || t == "true" || t == "1" || t == "on") return true;
  return std::nullopt;
}

void read_csv(std::string_view text, CesidImport &out, size_t max_entries) {
  out.format = "csv";
  std::map<std::string, std::string> seen;
  size_t line_no = 0;
  bool first = true;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    const std::string line = trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    const std::vector<std::string> cells = split_csv(line);
    if (first && lower(cells[0]) == "dn") {
      first = false;
      continue;
    }
    first = false;
    const std::string where = "line " + std::to_string(line_no) + ": ";
    if (cells.size() < 2 || cells.size() > 3) {
      out.errors.push_back(
          {where + "line", "format",
           "expected DN,CESID[,PRIVACY], got " + std::to_string(cells.size()) + " field(s)"});
      continue;
    }
    const auto privacy = flag_text(cells.size() == 3 ? cells[2] : "");
    if (!privacy) {
      out.errors.push_back(
          {where + "privacy", "format", "expected yes or no, got '" + cells[2] + "'"});
      continue;
    }
    add_entry(out, seen, cells[0], cells[1], *privacy, where, max_entries);
  }
}

void read_json_entries(const json::Value &list, CesidImport &out, size_t max_entries) {
  std::map<std::string, std::string> seen;
  for (size_t i = 0; i < list.items.size(); ++i) {
    const json::Value &item = list.items[i];
    const std::string where = "entries[" + std::to_string(i) + "].";
    if (!item.is_object()) {
      out.errors.push_back(
          {where.substr(0, where.size() - 1), "type", "expected an object {dn, cesid}"});
      continue;
    }
    const json::Value *dn = item.find("dn");
    const json::Value *cesid = item.find("cesid");
    const json::Value *privacy = item.find("privacy");
    bool ok = true;
    for (const auto &[key, v] :
         {std::pair<const char *, const json::Value *>{"dn", dn}, {"cesid", cesid}}) {
      if (v && !v->is_string()) {
        out.errors.push_back({where + key, "type",
                              std::string("expected a string, got ") + json::kind_name(v->kind)});
        ok = false;
      }
    }
    if (privacy && !privacy->is_bool() && !privacy->is_null()) {
      out.errors.push_back({where + "privacy", "type", "expected true or false"});
      ok = false;
    }
    if (!ok) continue;
    add_entry(out, seen, dn ? dn->text : "", cesid ? cesid->text : "",
              privacy && privacy->is_bool() && privacy->boolean, where, max_entries);
  }
}

}  // namespace

CesidImport read_cesid_import(std::string_view text, size_t max_entries) {
  CesidImport out;
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    out.format = "csv";
    out.errors.push_back({"body", "required", "the file is empty"});
    return out;
  }
  if (text[first] != '[' && text[first] != '{') {
    read_csv(text, out, max_entries);
    if (out.entries.empty() && out.errors.empty())
      out.errors.push_back({"body", "required", "no entries (DN,CESID lines)"});
    return out;
  }
  out.format = "json";
  const auto parsed = json::parse(text);
  if (!parsed.value) {
    out.errors.push_back({"body", "json", "malformed JSON " + parsed.error});
    return out;
  }
  const json::Value *list = &*parsed.value;
  if (list->is_object()) {
    list = list->find("entries");
    if (!list || !list->is_array()) {
      out.errors.push_back({"entries", "required", "expected a list under \"entries\""});
      return out;
    }
  }
  read_json_entries(*list, out, max_entries);
  return out;
}

}  // namespace lineside::emergency
