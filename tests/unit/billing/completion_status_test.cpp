// The SMDR completion status (column 60) chosen from the SIP status, Q.850 cause and call type.
#include "completion_status.hpp"

#include <doctest/doctest.h>

namespace lineside::billing {
namespace {

CallRecord ended(uint32_t status, uint32_t cause, bool external = false, bool answered = false) {
  CallRecord c;
  c.start_unix_ms = 1000;
  c.end_unix_ms = 9000;
  c.answer_unix_ms = answered ? 3000 : 0;
  c.status = status;
  c.q850_cause = cause;
  if (external) c.trunk_number = 54;
  return c;
}

TEST_CASE("answered: A when it left on a trunk, I between extensions") {
  CHECK(completion_status(ended(200, 16, true, true)) == 'A');
  CHECK(completion_status(ended(200, 16, false, true)) == 'I');
}

TEST_CASE("busy: 486, 600 or cause 17 give B") {
  CHECK(completion_status(ended(486, 17)) == 'B');
  CHECK(completion_status(ended(600, 17)) == 'B');
  CHECK(completion_status(ended(503, 17, true)) == 'B');
  CHECK(completion_status(ended(486, 17, true)) == 'B');
}

TEST_CASE("invalid number: 404, 484, 604, cause 1 or 28 give E") {
  CHECK(completion_status(ended(404, 1)) == 'E');
  CHECK(completion_status(ended(484, 28)) == 'E');
  CHECK(completion_status(ended(604, 0)) == 'E');
  CHECK(completion_status(ended(480, 1)) == 'E');
  CHECK(completion_status(ended(404, 1, true)) == 'E');
}

TEST_CASE("toll denied: 403 on an external call gives T; on an internal call it is incomplete") {
  CHECK(completion_status(ended(403, 21, true)) == 'T');
  CHECK(completion_status(ended(403, 21, false)) == ' ');
}

TEST_CASE("no answer, cancelled and failures are incomplete (blank)") {
  CHECK(completion_status(ended(480, 19)) == ' ');
  CHECK(completion_status(ended(487, 16)) == ' ');
  CHECK(completion_status(ended(408, 18)) == ' ');
  CHECK(completion_status(ended(503, 41, true)) == ' ');
  CHECK(completion_status(ended(0, 0)) == ' ');
}

}  // namespace
}  // namespace lineside::billing
