// linesidectl/yaml_out.hpp: a JSON document written as YAML (for `linesidectl export`).
#pragma once

#include <Poco/JSON/Object.h>

#include <string>

namespace lineside::ctl {

/// Block-style YAML of `obj` in its key order; lists of scalars in flow style, strings quoted
/// whenever plain YAML would read them back as something else ("1001", "yes", "").
std::string yaml_text(const Poco::JSON::Object &obj);

}  // namespace lineside::ctl
