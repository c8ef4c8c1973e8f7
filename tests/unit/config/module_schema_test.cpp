// validate_config() against a module schema: defaults, typed values, exact errors, MAP_LIST items and the accessors.
#include <doctest/doctest.h>

#include <cstring>

#include "config/config_access.hpp"
#include "config/validate_config.hpp"
#include "config_test_support.hpp"

namespace lineside::kernel {
namespace {

using config_testing::error_strings;
using config_testing::ScratchFolder;
using Errors = std::vector<std::string>;

constexpr uint32_t S = sizeof(ls_config_field_t);

const ls_config_field_t kListenerFields[] = {
    {S, LS_CFG_ENUM, "transport", nullptr, "transport", LS_CFG_REQUIRED, 0, 0, 0, "udp|tcp|tls", nullptr},
    {S, LS_CFG_STRING, "address", "\"*\"", "address", 0, 0, 0, 0, nullptr, nullptr},
    {S, LS_CFG_INT, "port", "5060", "port", 0, 0, 1, 65535, nullptr, nullptr},
    {S, LS_CFG_PATH, "certificate", nullptr, "PEM chain", 0, 0, 0, 0, nullptr, nullptr},
};
const ls_config_field_t kThrottleFields[] = {
    {S, LS_CFG_INT, "failures", "10", "failures", 0, 0, 1, 1000, nullptr, nullptr},
    {S, LS_CFG_DURATION, "window", "60s", "window", 0, 0, 1000, 3'600'000, nullptr, nullptr},
};
const ls_config_field_t kModuleFields[] = {
    {S, LS_CFG_DURATION, "min_expires", "60s", "", 0, 0, 1000, 86'400'000, nullptr, nullptr},
    {S, LS_CFG_DURATION, "max_expires", "7200s", "", 0, 0, 1000, 86'400'000, nullptr, nullptr},
    {S, LS_CFG_INT, "max_contacts", "10", "", 0, 0, 1, 100, nullptr, nullptr},
    {S, LS_CFG_STRING, "realm", nullptr, "", LS_CFG_REQUIRED, 0, 0, 0, nullptr, nullptr},
    {S, LS_CFG_STRING_LIST, "methods", "[REGISTER, INVITE]", "", 0, 0, 0, 0, nullptr, nullptr},
    {S, LS_CFG_MAP, "throttle", nullptr, "", 0, 2, 0, 0, nullptr, kThrottleFields},
    {S, LS_CFG_MAP_LIST, "listeners", nullptr, "", 0, 4, 0, 0, nullptr, kListenerFields},
    {S, LS_CFG_BOOL, "verbose", "off", "", 0, 0, 0, 0, nullptr, nullptr},
    {S, LS_CFG_ENUM, "mode", "fast", "", 0, 0, 0, 0, "fast|safe", nullptr},
};
constexpr uint32_t kModuleFieldCount = sizeof(kModuleFields) / sizeof(kModuleFields[0]);

/// Validates the `config:` map of `yaml` as written to `file` (a name only; nothing is read).
struct Validation {
  std::shared_ptr<const ls_config> tree;
  std::vector<ConfigError> errors;
};

Validation validate(const std::string &yaml, const std::string &file) {
  const YAML::Node document = YAML::Load(yaml);
  const ValidationContext ctx{"modules.registrar.config", file, "/state", SourcePos{file, 1, 1}, nullptr};
  Validation out;
  out.tree = validate_config(document["config"], kModuleFields, kModuleFieldCount, ctx, out.errors);
  return out;
}

TEST_CASE("absent keys are filled from defaults, including a map's children") {
  const Validation v = validate("config:\n  realm: pbx.test\n", "/etc/l.yaml");
  REQUIRE(v.errors.empty());
  REQUIRE(v.tree);
  const ls_config_t *root = v.tree.get();
  int64_t number = 0;
  CHECK(config_duration_ms(root, "min_expires", &number) == 0);
  CHECK(number == 60'000);
  CHECK(config_duration_ms(root, "max_expires", &number) == 0);
  CHECK(number == 7'200'000);
  CHECK(config_int(root, "max_contacts", &number) == 0);
  CHECK(number == 10);
  const char *text = nullptr;
  CHECK(config_string(root, "realm", &text) == 0);
  CHECK(std::strcmp(text, "pbx.test") == 0);
  CHECK(config_string(root, "mode", &text) == 0);
  CHECK(std::strcmp(text, "fast") == 0);
  int flag = -1;
  CHECK(config_bool(root, "verbose", &flag) == 0);
  CHECK(flag == 0);
  REQUIRE(config_list_size(root, "methods") == 2);
  CHECK(std::strcmp(config_list_string(root, "methods", 1), "INVITE") == 0);
  CHECK(config_list_string(root, "methods", 2) == nullptr);
  const ls_config_t *throttle = config_child(root, "throttle", 0);
  REQUIRE(throttle != nullptr);
  CHECK(config_int(throttle, "failures", &number) == 0);
  CHECK(number == 10);
  CHECK(config_duration_ms(throttle, "window", &number) == 0);
  CHECK(number == 60'000);
  CHECK(config_child(root, "throttle", 1) == nullptr);
  CHECK(config_list_size(root, "listeners") == 0);
  CHECK(config_child(root, "listeners", 0) == nullptr);
}

TEST_CASE("accessors refuse other types, absent keys and null arguments") {
  const Validation v = validate("config:\n  realm: r\n  methods: REGISTER\n", "/etc/l.yaml");
  REQUIRE(v.tree);
  const ls_config_t *root = v.tree.get();
  int64_t number = 0;
  const char *text = nullptr;
  int flag = 0;
  CHECK(config_int(root, "realm", &number) == -1);
  CHECK(config_string(root, "max_contacts", &text) == -1);
  CHECK(config_bool(root, "mode", &flag) == -1);
  CHECK(config_duration_ms(root, "max_contacts", &number) == -1);
  CHECK(config_string(root, "no_such_key", &text) == -1);
  CHECK(config_string(nullptr, "realm", &text) == -1);
  CHECK(config_string(root, nullptr, &text) == -1);
  CHECK(config_list_size(root, "realm") == 0);
  CHECK(config_child(root, "realm", 0) == nullptr);
  REQUIRE(config_list_size(root, "methods") == 1);
  CHECK(std::strcmp(config_list_string(root, "methods", 0), "REGISTER") == 0);
}

TEST_CASE("every schema violation is reported with its position and dotted key") {
  const std::string file = "/etc/lineside/lineside.yaml";
  const Validation v = validate("config:\n"
                                "  max_expire: 2h\n"
                                "  min_expires: 2 hours\n"
                                "  max_contacts: 1000\n"
                                "  mode: slow\n"
                                "  throttle:\n"
                                "    window: 2d\n"
                                "  listeners:\n"
                                "    - { transport: udp, port: 5060 }\n"
                                "    - transport: sctp\n"
                                "      port: 0\n"
                                "    - just-a-string\n"
                                "    - { address: 10.0.0.1 }\n",
                                file);
  CHECK_FALSE(v.tree);
  CHECK(error_strings(v.errors) ==
        Errors{
            file + ":2:3: modules.registrar.config.max_expire: unknown key (did you mean 'max_expires'?)",
            file + ":3:16: modules.registrar.config.min_expires: expected duration (e.g. 30s, 5m)",
            file + ":4:17: modules.registrar.config.max_contacts: must be between 1 and 100",
            file + ":2:3: modules.registrar.config.realm: missing required key",
            file + ":7:13: modules.registrar.config.throttle.window: must be between 1s and 1h",
            file + ":10:18: modules.registrar.config.listeners[1].transport: expected one of: udp, tcp, tls",
            file + ":11:13: modules.registrar.config.listeners[1].port: must be between 1 and 65535",
            file + ":12:7: modules.registrar.config.listeners[2]: expected a map",
            file + ":13:7: modules.registrar.config.listeners[3].transport: missing required key",
            file + ":5:9: modules.registrar.config.mode: expected one of: fast, safe",
        });
}

TEST_CASE("scalar types are strict: quoted numbers and booleans, nulls and maps are refused") {
  const std::string file = "/l.yaml";
  const Validation v = validate("config:\n"
                                "  realm: { name: x }\n"
                                "  max_contacts: \"5\"\n"
                                "  verbose: \"yes\"\n"
                                "  methods: [REGISTER, [INVITE]]\n"
                                "  mode:\n"
                                "  realm: again\n",
                                file);
  CHECK(error_strings(v.errors) ==
        Errors{
            file + ":7:3: modules.registrar.config.realm: duplicate key",
            file + ":3:17: modules.registrar.config.max_contacts: expected integer",
            file + ":2:10: modules.registrar.config.realm: expected a string",
            file + ":5:23: modules.registrar.config.methods[1]: expected a string",
            file + ":4:12: modules.registrar.config.verbose: expected true or false",
            file + ":6:3: modules.registrar.config.mode: expected one of: fast, safe",
        });
}

TEST_CASE("booleans accept true/false/yes/no/on/off and durations every unit") {
  const Validation v = validate("config:\n  realm: r\n  verbose: Yes\n  min_expires: 1500ms\n  max_expires: 1d\n"
                                "  throttle: { window: 5m }\n",
                                "/l.yaml");
  REQUIRE(v.tree);
  int flag = 0;
  CHECK(config_bool(v.tree.get(), "verbose", &flag) == 0);
  CHECK(flag == 1);
  int64_t ms = 0;
  CHECK(config_duration_ms(v.tree.get(), "min_expires", &ms) == 0);
  CHECK(ms == 1500);
  CHECK(config_duration_ms(v.tree.get(), "max_expires", &ms) == 0);
  CHECK(ms == 86'400'000);
  CHECK(config_duration_ms(config_child(v.tree.get(), "throttle", 0), "window", &ms) == 0);
  CHECK(ms == 300'000);
}

TEST_CASE("MAP_LIST items keep their own positions for later errors; paths resolve against the file") {
  ScratchFolder folder;
  const std::string file = folder.root() + "/lineside.yaml";
  const Validation v = validate("config:\n"
                                "  realm: pbx.test\n"
                                "  listeners:\n"
                                "    - { transport: udp, port: 5070 }\n"
                                "    - transport: tls\n"
                                "      certificate: certs/agent.pem\n",
                                file);
  REQUIRE(v.errors.empty());
  const ls_config_t *root = v.tree.get();
  REQUIRE(config_list_size(root, "listeners") == 2);
  const ls_config_t *udp = config_child(root, "listeners", 0);
  const ls_config_t *tls = config_child(root, "listeners", 1);
  REQUIRE(udp != nullptr);
  REQUIRE(tls != nullptr);
  int64_t port = 0;
  CHECK(config_int(udp, "port", &port) == 0);
  CHECK(port == 5070);
  CHECK(config_int(tls, "port", &port) == 0);
  CHECK(port == 5060);
  const char *text = nullptr;
  CHECK(config_string(udp, "address", &text) == 0);
  CHECK(std::strcmp(text, "*") == 0);
  CHECK(config_string(tls, "certificate", &text) == 0);
  CHECK(std::string(text) == folder.root() + "/certs/agent.pem");
  CHECK(config_string(udp, "certificate", &text) == -1);

  CHECK(error_at(tls, "certificate", "file not found").str() ==
        file + ":6:20: modules.registrar.config.listeners[1].certificate: file not found");
  CHECK(error_at(udp, nullptr, "duplicate listener").str() ==
        file + ":4:7: modules.registrar.config.listeners[0]: duplicate listener");
  CHECK(error_at(udp, "address", "not a local address").str() ==
        file + ":4:7: modules.registrar.config.listeners[0].address: not a local address");
  CHECK(error_at(root, "realm", "bad realm").str() == file + ":2:10: modules.registrar.config.realm: bad realm");
  CHECK(error_at(root, nullptr, "whole map").str() == file + ":2:3: modules.registrar.config: whole map");
}

TEST_CASE("an absent config: is an empty map reported at the context position") {
  const ValidationContext ctx{"modules.auth.config", "/l.yaml", "/state", SourcePos{"/l.yaml", 9, 3}, nullptr};
  std::vector<ConfigError> errors;
  CHECK_FALSE(validate_config(YAML::Node(), kModuleFields, kModuleFieldCount, ctx, errors));
  CHECK(error_strings(errors) == Errors{"/l.yaml:9:3: modules.auth.config.realm: missing required key"});
}

TEST_CASE("a schema entry larger than this build's struct (a later minor) is read with its own stride") {
  struct LongerField {
    ls_config_field_t field;
    uint64_t appended_later;
  };
  constexpr uint32_t L = sizeof(LongerField);
  const LongerField fields[] = {
      {{L, LS_CFG_INT, "first", "1", "", 0, 0, 0, 0, nullptr, nullptr}, 0},
      {{L, LS_CFG_STRING, "second", "two", "", 0, 0, 0, 0, nullptr, nullptr}, 0},
  };
  const ValidationContext ctx{"m", "/l.yaml", "", SourcePos{"/l.yaml", 1, 1}, nullptr};
  std::vector<ConfigError> errors;
  auto tree = validate_config(YAML::Load("second: deux"), &fields[0].field, 2, ctx, errors);
  REQUIRE(tree);
  int64_t first = 0;
  const char *second = nullptr;
  CHECK(config_int(tree.get(), "first", &first) == 0);
  CHECK(first == 1);
  CHECK(config_string(tree.get(), "second", &second) == 0);
  CHECK(std::string(second) == "deux");
}

} // namespace
} // namespace lineside::kernel
