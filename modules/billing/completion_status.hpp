// billing/completion_status.hpp: the SMDR call completion status (column 60) of a finished call.
#pragma once

#include "call_record.hpp"

namespace lineside::billing {

/// SMDR call completion status letters. The set is open (Mitel documents more letters whose
/// meaning could not be confirmed); a collector must accept any letter it does not know.
namespace completion {
inline constexpr char answered = 'A';     ///< answered external call (answer supervision)
inline constexpr char busy = 'B';         ///< called party busy
inline constexpr char invalid = 'E';      ///< invalid / unallocated number dialled
inline constexpr char toll_denied = 'T';  ///< external call refused (toll deny)
inline constexpr char internal = 'I';     ///< answered call between extensions
inline constexpr char incomplete = ' ';   ///< anything else (no answer, cancelled, failed)
}  // namespace completion

/**
 * The completion status of `call`:
 *   answered external (left on a trunk) -> 'A'; answered internal -> 'I';
 *   486 / 600 or Q.850 17 (user busy) -> 'B';
 *   404 / 484 / 604 or Q.850 1 (unallocated), 28 (invalid number format) -> 'E';
 *   403 on an external call -> 'T' (refused by the network or a barring rule: toll denied);
 *   anything else (480 no answer, 487 cancelled, 5xx failures, internal 403) -> ' ' (incomplete).
 */
char completion_status(const CallRecord &call);

}  // namespace lineside::billing
