// host/module_loader.hpp: finding, dlopen-ing and checking one module's shared object.
#pragma once

#include <string>
#include <vector>

#include "host/module_record.hpp"

namespace lineside::kernel {

/// Locate `record.name` (record.path when set, else NAME.so in `dirs`), dlopen it
/// RTLD_NOW|RTLD_LOCAL, read its descriptor and check it against this host's ABI. Fills
/// record.path, dl_handle and descriptor. Returns "" or a complete, specific error sentence.
std::string open_module(ModuleRecord &record, const std::vector<std::string> &dirs);

/// Human-readable description of a loaded module (for --describe-module).
std::string describe_module(const ModuleRecord &record);

}  // namespace lineside::kernel
