// check_schema() refuses malformed module schemas; describe_schema() prints a schema for --describe-module.
#include <doctest/doctest.h>

#include "config/schema_check.hpp"
#include "config/schema_describe.hpp"
#include "config/validate_config.hpp"
#include "config_test_support.hpp"

namespace lineside::kernel {
namespace {

constexpr uint32_t S = sizeof(ls_config_field_t);

ls_config_field_t make_field(uint32_t type, const char *key, const char *default_value = nullptr,
                             uint32_t flags = 0) {
  return ls_config_field_t{S, type, key, default_value, "", flags, 0, 0, 0, nullptr, nullptr};
}

TEST_CASE("a well-formed schema passes") {
  const ls_config_field_t children[] = {make_field(LS_CFG_INT, "failures", "10")};
  ls_config_field_t fields[] = {
      make_field(LS_CFG_STRING, "realm", nullptr, LS_CFG_REQUIRED),
      make_field(LS_CFG_MAP, "throttle"),
      make_field(LS_CFG_ENUM, "mode", "a"),
      make_field(LS_CFG_PATH, "file", "${state_dir}/f"),
  };
  fields[1].children = children;
  fields[1].child_count = 1;
  fields[2].choices = "a|b";
  CHECK(check_schema(fields, 4) == "");
  CHECK(check_schema(nullptr, 0) == "");
}

TEST_CASE("each kind of malformed schema is named") {
  ls_config_field_t field = make_field(42, "x");
  CHECK(check_schema(&field, 1) == "'x': unknown type 42");

  field = make_field(LS_CFG_INT, "Max-Expires");
  CHECK(check_schema(&field, 1) == "schema: field #0 key 'Max-Expires' must match [a-z0-9_]+");
  field = make_field(LS_CFG_INT, nullptr);
  CHECK(check_schema(&field, 1) == "schema: field #0 key '(null)' must match [a-z0-9_]+");

  const ls_config_field_t twice[] = {make_field(LS_CFG_INT, "a"), make_field(LS_CFG_STRING, "a")};
  CHECK(check_schema(twice, 2) == "'a': duplicate key");

  field = make_field(LS_CFG_MAP, "throttle");
  CHECK(check_schema(&field, 1) == "'throttle': MAP without children");
  field = make_field(LS_CFG_MAP_LIST, "listeners");
  CHECK(check_schema(&field, 1) == "'listeners': MAP_LIST without children");

  field = make_field(LS_CFG_ENUM, "mode");
  CHECK(check_schema(&field, 1) == "'mode': ENUM without choices");
  field.choices = "a||b";
  CHECK(check_schema(&field, 1) == "'mode': empty choice in 'a||b'");
  field.choices = "a|b|a";
  CHECK(check_schema(&field, 1) == "'mode': choice 'a' is listed twice");

  field = make_field(LS_CFG_INT, "n");
  field.size = 8;
  CHECK(check_schema(&field, 1) ==
        "schema: field size 8 is smaller than ls_config_field_t (" + std::to_string(S) + ")");

  CHECK(check_schema(nullptr, 2) == "schema: 2 fields declared but the array is NULL");

  field = make_field(LS_CFG_INT, "n", "1", LS_CFG_REQUIRED);
  CHECK(check_schema(&field, 1) == "'n': a required key cannot have a default");
  field = make_field(LS_CFG_INT, "n", nullptr, 4);
  CHECK(check_schema(&field, 1) == "'n': unknown flags 4");
}

TEST_CASE("defaults must parse by the field's own rules") {
  ls_config_field_t field = make_field(LS_CFG_INT, "n", "ten");
  CHECK(check_schema(&field, 1) == "'n': schema default is invalid: expected integer");
  field = make_field(LS_CFG_INT, "n", "500");
  field.min = 1;
  field.max = 100;
  CHECK(check_schema(&field, 1) == "'n': schema default is invalid: must be between 1 and 100");
  field = make_field(LS_CFG_DURATION, "d", "soon");
  CHECK(check_schema(&field, 1) == "'d': schema default is invalid: expected duration (e.g. 30s, 5m)");
  field = make_field(LS_CFG_STRING, "s", "[1,");
  CHECK(check_schema(&field, 1).rfind("'s': schema default is not valid YAML: ", 0) == 0);
  field = make_field(LS_CFG_PATH, "p", "${nothing}/x");
  CHECK(check_schema(&field, 1) ==
        "'p': schema default is invalid: unknown variable '${nothing}' (only ${state_dir} is defined)");
}

TEST_CASE("problems in children name the nested key") {
  ls_config_field_t children[] = {make_field(LS_CFG_INT, "failures"), make_field(0, "window")};
  ls_config_field_t parent = make_field(LS_CFG_MAP, "throttle");
  parent.children = children;
  parent.child_count = 2;
  CHECK(check_schema(&parent, 1) == "'throttle.window': unknown type 0");
  children[1] = make_field(LS_CFG_INT, "Bad");
  CHECK(check_schema(&parent, 1) == "children of 'throttle': field #1 key 'Bad' must match [a-z0-9_]+");
}

TEST_CASE("a schema whose map contains itself is refused for depth") {
  ls_config_field_t loop = make_field(LS_CFG_MAP, "loop");
  loop.children = &loop;
  loop.child_count = 1;
  CHECK(check_schema(&loop, 1) ==
        "'loop.loop.loop.loop.loop.loop.loop.loop.loop.loop.loop.loop.loop.loop.loop.loop.loop': "
        "nested deeper than 16 levels");
}

TEST_CASE("validate_config reports a malformed schema instead of validating") {
  const ls_config_field_t field = make_field(LS_CFG_ENUM, "mode");
  const ValidationContext ctx{"modules.x.config", "/l.yaml", "", SourcePos{"/l.yaml", 4, 5}, nullptr};
  std::vector<ConfigError> errors;
  CHECK_FALSE(validate_config(YAML::Load("mode: a"), &field, 1, ctx, errors));
  CHECK(config_testing::error_strings(errors) ==
        std::vector<std::string>{"/l.yaml:4:5: modules.x.config: invalid schema: 'mode': ENUM without choices"});
}

TEST_CASE("describe_schema prints types, flags, defaults, ranges, docs and nesting") {
  ls_config_field_t children[] = {make_field(LS_CFG_ENUM, "transport", nullptr, LS_CFG_REQUIRED),
                                  make_field(LS_CFG_INT, "port", "5060")};
  children[0].choices = "udp|tcp";
  children[0].doc = "protocol";
  children[1].min = 1;
  children[1].max = 65535;
  ls_config_field_t fields[] = {make_field(LS_CFG_DURATION, "max_expires", "2h"),
                                make_field(LS_CFG_STRING, "password", "changeme", LS_CFG_SECRET),
                                make_field(LS_CFG_MAP_LIST, "listeners")};
  fields[0].min = 1000;
  fields[0].max = 86'400'000;
  fields[0].doc = "longest registration accepted";
  fields[2].children = children;
  fields[2].child_count = 2;
  CHECK(describe_schema(fields, 3) == "max_expires (duration, default 2h, between 1s and 1d)\n"
                                      "    longest registration accepted\n"
                                      "password (string, secret)\n"
                                      "listeners (list of maps)\n"
                                      "  transport (one of udp|tcp, required)\n"
                                      "      protocol\n"
                                      "  port (integer, default 5060, between 1 and 65535)\n");
  const ls_config_field_t broken = make_field(LS_CFG_MAP, "m");
  CHECK(describe_schema(&broken, 1) == "invalid schema: 'm': MAP without children\n");
}

} // namespace
} // namespace lineside::kernel
