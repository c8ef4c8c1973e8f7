// config/config_merge.hpp: deep-merging a conf.d fragment into the main configuration document.
#pragma once

#include <string>

#include <yaml-cpp/yaml.h>

#include "config/yaml_source.hpp"

namespace lineside::kernel {

/**
 * Deep-merge map `source` (from `source_file`) into map `target`, in place: a key missing from
 * `target` is appended, a key whose values are maps on both sides is merged recursively, any other
 * value (scalar, list, null) replaces the target's. Every node taken from `source` is recorded in
 * `origins` so errors about it name `source_file`. Returns false, leaving the rest of `source`
 * unmerged, when maps nest more than 64 levels deep (which only an alias cycle produces).
 */
bool merge_maps(YAML::Node target, const YAML::Node &source, const std::string &source_file, NodeOrigins &origins);

} // namespace lineside::kernel
