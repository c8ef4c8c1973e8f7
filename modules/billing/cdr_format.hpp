// billing/cdr_format.hpp: CDR lines for modern tools: JSON lines and CSV with full timestamps.
#pragma once

#include <string>

#include "call_record.hpp"

namespace lineside::billing {

/**
 * The CDR of `call` as one JSON object on one line ending "\n". Keys, in order: call_id, start,
 * answer (null when unanswered), end (ISO-8601 UTC, milliseconds), duration_s (answer to end),
 * ring_s (start to answer, or to end when unanswered), direction ("internal" | "outgoing"),
 * caller_device_id, caller_dn, dialled, callee_device_id, callee_dn, trunk_name, trunk_number,
 * status, q850_cause, reason, ended_by ("caller" | "callee" | "system" | "none"), completion (the
 * SMDR completion letter, "" when blank), forwarded, transferred, third_party_dn,
 * transferred_by_dn, emergency, system_id.
 */
std::string cdr_json_line(const CallRecord &call, const std::string &system_id);

/// The CSV header (the keys above, comma-separated, CR LF).
std::string cdr_csv_header();

/// The same fields as one RFC 4180 CSV row ending CR LF (null answer = empty cell, booleans as
/// true/false).
std::string cdr_csv_line(const CallRecord &call, const std::string &system_id);

}  // namespace lineside::billing
