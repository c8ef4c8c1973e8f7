// config/config_merge.cpp: deep-merging a conf.d fragment into the main configuration document.
#include "config/config_merge.hpp"

namespace lineside::kernel {
namespace {

constexpr int kMaxMergeDepth = 64;

bool merge_level(YAML::Node target, const YAML::Node &source, const std::string &source_file, NodeOrigins &origins,
                 int depth) {
  if (depth > kMaxMergeDepth) return false;
  for (auto it = source.begin(); it != source.end(); ++it) {
    const YAML::Node key = it->first;
    const YAML::Node value = it->second;
    auto existing = target.end();
    if (key.IsScalar()) {
      for (auto candidate = target.begin(); candidate != target.end(); ++candidate) {
        if (candidate->first.IsScalar() && candidate->first.Scalar() == key.Scalar()) {
          existing = candidate;
          break;
        }
      }
    }
    if (existing == target.end()) {
      target.force_insert(key, value);
      origins.record(key, source_file);
      origins.record(value, source_file);
    } else if (existing->second.IsMap() && value.IsMap()) {
      if (!merge_level(existing->second, value, source_file, origins, depth + 1)) return false;
    } else {
      // Assigning through a handle to the target's value node makes it share the source's data
      // (and its mark), so the replacement keeps its fragment position.
      YAML::Node slot = existing->second;
      slot = value;
      origins.record(value, source_file);
    }
  }
  return true;
}

} // namespace

bool merge_maps(YAML::Node target, const YAML::Node &source, const std::string &source_file, NodeOrigins &origins) {
  return merge_level(std::move(target), source, source_file, origins, 0);
}

} // namespace lineside::kernel
