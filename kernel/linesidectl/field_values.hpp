// linesidectl/field_values.hpp: `name=value` arguments turned into a typed JSON object for a write.
#pragma once

#include <Poco/JSON/Object.h>

#include <map>
#include <string>
#include <vector>

namespace lineside::ctl {

enum class FieldKind { Text, Bool, Int, List };

/// The writable fields of one resource and their JSON types.
using FieldKinds = std::map<std::string, FieldKind>;

const FieldKinds &device_fields();
const FieldKinds &profile_fields();
const FieldKinds &option_fields();

/// Each argument is "name=value" ('-' in a name counts as '_'). Bool takes yes/no, true/false,
/// on/off or 1/0; Int digits; List comma-separated items ("" = empty list). Throws UsageError for
/// a missing '=', an unknown name (listing the known ones) or a value of the wrong kind.
Poco::JSON::Object::Ptr fields_object(const std::vector<std::string> &assignments, const FieldKinds &kinds,
                                      const std::string &what);

/// "name, name, ..." of the fields, for help and error texts.
std::string field_names(const FieldKinds &kinds);

}  // namespace lineside::ctl
