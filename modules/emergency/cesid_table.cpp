// emergency/cesid_table.cpp: table access, store codec and the CESID lookup order.
#include "cesid_table.hpp"

#include "cesid_rules.hpp"
#include "json_value.hpp"

namespace lineside::emergency {

const CesidEntry *CesidTable::find(const std::string &dn) const {
  const auto it = entries_.find(dn);
  return it == entries_.end() ? nullptr : &it->second;
}

std::string encode_entry(const CesidEntry &entry) {
  return "{\"cesid\":" + json::quote(entry.cesid) +
         ",\"privacy\":" + (entry.privacy ? "true" : "false") + "}";
}

std::optional<CesidEntry> decode_entry(const std::string &value) {
  const auto parsed = json::parse(value);
  if (!parsed.value || !parsed.value->is_object()) return std::nullopt;
  const json::Value *cesid = parsed.value->find("cesid");
  if (!cesid || !cesid->is_string() || !valid_cesid(cesid->text)) return std::nullopt;
  CesidEntry e;
  e.cesid = cesid->text;
  if (const json::Value *p = parsed.value->find("privacy"); p && p->is_bool())
    e.privacy = p->boolean;
  return e;
}

const char *cesid_source_name(CesidSource source) {
  switch (source) {
    case CesidSource::table:
      return "table";
    case CesidSource::device:
      return "device";
    case CesidSource::system_default:
      return "default";
    case CesidSource::none:
      break;
  }
  return "none";
}

ResolvedCesid resolve_cesid(const CesidTable &table, const std::string &dn,
                            const std::string &device_cesid, const std::string &default_cesid) {
  if (const CesidEntry *e = dn.empty() ? nullptr : table.find(dn))
    return ResolvedCesid{e->cesid, CesidSource::table};
  if (valid_cesid(device_cesid)) return ResolvedCesid{device_cesid, CesidSource::device};
  if (valid_cesid(default_cesid)) return ResolvedCesid{default_cesid, CesidSource::system_default};
  return ResolvedCesid{};
}

}  // namespace lineside::emergency
