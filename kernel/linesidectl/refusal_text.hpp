// linesidectl/refusal_text.hpp: a refused request as lines an administrator reads.
#pragma once

#include <string>

namespace lineside::ctl {

/// "refused: 409 Conflict" then one line per field error, "  dn: <message> (rule duplicate)";
/// a body without field errors gives its "error" text, a non-JSON body its first line.
std::string refusal_text(unsigned status, const std::string &reason, const std::string &body);

}  // namespace lineside::ctl
