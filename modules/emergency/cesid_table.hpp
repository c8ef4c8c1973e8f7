// emergency/cesid_table.hpp: the CESID Assignment table (DN -> CESID, with a per-DN privacy flag)
// in memory, how a record is kept in the store, and the lookup order for a call.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace lineside::emergency {

inline constexpr const char *kCesidStoreTable = "cesid";

struct CesidEntry {
  std::string cesid;
  bool privacy = false;  ///< this DN's emergency calls are made with privacy (see signal_privacy)
  bool operator==(const CesidEntry &) const = default;
};

class CesidTable {
 public:
  void put(const std::string &dn, CesidEntry entry) { entries_[dn] = std::move(entry); }
  bool remove(const std::string &dn) { return entries_.erase(dn) > 0; }
  [[nodiscard]] const CesidEntry *find(const std::string &dn) const;
  [[nodiscard]] const std::map<std::string, CesidEntry> &entries() const { return entries_; }
  [[nodiscard]] size_t size() const { return entries_.size(); }

 private:
  std::map<std::string, CesidEntry> entries_;
};

/// Store value of an entry: {"cesid":"6135550100","privacy":false}.
std::string encode_entry(const CesidEntry &entry);
/// The entry of a store value, or nothing when it is not one (or its CESID breaks the rules).
std::optional<CesidEntry> decode_entry(const std::string &value);

/// Where a call's CESID came from.
enum class CesidSource { table, device, system_default, none };
const char *cesid_source_name(CesidSource source);

struct ResolvedCesid {
  std::string cesid;  ///< "" when none
  CesidSource source = CesidSource::none;
};

/// Lookup order for a SIP phone (MiVB, non-MiNet devices): the CESID table entry of the calling
/// DN (its main DN, also for hot desk), then the CESID provisioned on the device, then the system
/// default CESID; nothing when none is set (or valid).
ResolvedCesid resolve_cesid(const CesidTable &table, const std::string &dn,
                            const std::string &device_cesid, const std::string &default_cesid);

}  // namespace lineside::emergency
