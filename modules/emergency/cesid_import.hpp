// emergency/cesid_import.hpp: a CESID table file (CSV or JSON) read and checked whole, for
// POST /api/v1/cesid/import and `linesidectl cesid import`.
//
// CSV: one "DN,CESID[,PRIVACY]" per line; blank lines and lines starting with '#' are skipped, as
// is a first line "dn,cesid..." (a header). PRIVACY is yes/no, true/false, 1/0 or empty.
// JSON: [{"dn": "1001", "cesid": "6135550101", "privacy": false}, ...], or an object whose
// "entries" member is such a list (what GET /api/v1/cesid returns).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "admin_text.hpp"
#include "cesid_table.hpp"

namespace lineside::emergency {

struct CesidImport {
  std::vector<std::pair<std::string, CesidEntry>> entries;  ///< in file order
  std::vector<admin_text::FieldError>
      errors;          ///< every broken rule ("line 3: cesid", "entries[2].dn")
  std::string format;  ///< "csv" or "json"
};

/// Read `text`: JSON when its first non-blank character is '[' or '{', else CSV. A DN listed
/// twice is an error. At most `max_entries` entries.
CesidImport read_cesid_import(std::string_view text, size_t max_entries = 100000);

}  // namespace lineside::emergency
