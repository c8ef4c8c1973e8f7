// lineside/testing/fake_config.hpp: FakeConfig, an in-memory config map node the fake host serves.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include "lineside/abi.h"

namespace lineside::testing {

/// A config map node, as a module reads it through host->config_*. Build it in a test before
/// FakeHost::load(); the fake host hands out `const ls_config_t *` that point at FakeConfig
/// objects. Children are heap-allocated, so references and pointers to them stay valid while the
/// root lives. Strings read by a module stay valid until the key is set again.
class FakeConfig {
 public:
  /// What a key holds. Text holds STRING, ENUM and PATH values (and not-yet-coerced scalars).
  enum class Kind { Text, Int, Bool, Duration, StringList, MapList, Map };

  /// One key's value. Only the members matching `kind` are meaningful.
  struct Entry {
    Kind kind = Kind::Text;
    std::string text;                                 ///< Text
    int64_t number = 0;                               ///< Int, or Duration in milliseconds
    bool flag = false;                                ///< Bool
    std::deque<std::string> strings;                  ///< StringList
    std::deque<std::unique_ptr<FakeConfig>> children; ///< MapList items, or the one Map
  };

  FakeConfig() = default;
  FakeConfig(FakeConfig &&) noexcept = default;
  FakeConfig &operator=(FakeConfig &&) noexcept = default;
  FakeConfig(const FakeConfig &) = delete;
  FakeConfig &operator=(const FakeConfig &) = delete;

  /// Set a STRING / ENUM / PATH value (or a scalar the schema will coerce, like "30s").
  FakeConfig &set(const std::string &key, std::string value) {
    Entry &e = reset(key, Kind::Text);
    e.text = std::move(value);
    return *this;
  }
  /// Set a text value (overload so string literals do not convert to bool).
  FakeConfig &set(const std::string &key, const char *value) {
    return set(key, std::string(value));
  }
  /// Set an INT value.
  FakeConfig &set(const std::string &key, int64_t value) {
    reset(key, Kind::Int).number = value;
    return *this;
  }
  /// Set an INT value (overload so int literals are not ambiguous).
  FakeConfig &set(const std::string &key, int value) { return set(key, static_cast<int64_t>(value)); }
  /// Set a BOOL value.
  FakeConfig &set(const std::string &key, bool value) {
    reset(key, Kind::Bool).flag = value;
    return *this;
  }
  /// Set a DURATION value in milliseconds.
  FakeConfig &set_duration_ms(const std::string &key, int64_t ms) {
    reset(key, Kind::Duration).number = ms;
    return *this;
  }
  /// Append one item to a STRING_LIST key (created empty on first use).
  FakeConfig &add_list_string(const std::string &key, std::string value) {
    ensure(key, Kind::StringList).strings.push_back(std::move(value));
    return *this;
  }
  /// Make `key` an empty STRING_LIST (present, zero items).
  FakeConfig &set_empty_list(const std::string &key) {
    reset(key, Kind::StringList);
    return *this;
  }
  /// Append one map item to a MAP_LIST key and return it for filling.
  FakeConfig &add_child(const std::string &key) {
    Entry &e = ensure(key, Kind::MapList);
    e.children.push_back(std::make_unique<FakeConfig>());
    return *e.children.back();
  }
  /// The nested MAP under `key`, created empty on first use.
  FakeConfig &child(const std::string &key) {
    Entry &e = ensure(key, Kind::Map);
    if (e.children.empty()) e.children.push_back(std::make_unique<FakeConfig>());
    return *e.children.front();
  }
  /// Remove a key (absent keys are ignored).
  FakeConfig &unset(const std::string &key) {
    entries_.erase(key);
    return *this;
  }

  /// True when `key` is present.
  [[nodiscard]] bool has(const std::string &key) const { return entries_.count(key) != 0; }
  /// The entry for `key`, or nullptr.
  [[nodiscard]] const Entry *find(const std::string &key) const {
    auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : &it->second;
  }
  /// Mutable entry for `key`, or nullptr (used by the schema coercion).
  [[nodiscard]] Entry *find_mutable(const std::string &key) {
    auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : &it->second;
  }
  /// Every key, sorted.
  [[nodiscard]] const std::map<std::string, Entry> &entries() const { return entries_; }

  /// This node as the opaque handle the ABI passes around.
  [[nodiscard]] const ls_config_t *handle() const {
    return reinterpret_cast<const ls_config_t *>(this);
  }
  /// The node behind a handle produced by handle() (nullptr stays nullptr).
  [[nodiscard]] static const FakeConfig *from(const ls_config_t *node) {
    return reinterpret_cast<const FakeConfig *>(node);
  }

 private:
  /// Replace `key` with an empty entry of `kind`.
  Entry &reset(const std::string &key, Kind kind) {
    Entry &e = entries_[key];
    e = Entry{};
    e.kind = kind;
    return e;
  }
  /// The entry of `key` as `kind`, created when absent; throws when it holds another kind.
  Entry &ensure(const std::string &key, Kind kind) {
    auto it = entries_.find(key);
    if (it == entries_.end()) return reset(key, kind);
    if (it->second.kind != kind) throw std::logic_error("FakeConfig: key '" + key + "' holds another type");
    return it->second;
  }

  std::map<std::string, Entry> entries_;
};

}  // namespace lineside::testing
