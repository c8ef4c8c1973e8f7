// tests/unit/kernel/hook_chains_test.cpp: hook chains order by priority, then load order, with
// YAML priority overrides and method filters.
#include <doctest/doctest.h>

#include "host/hook_chains.hpp"

using namespace lineside::kernel;

namespace {
uint32_t noop(void *, const ls_hook_args_t *) { return LS_VERDICT_CONTINUE; }

struct FakeModule {
  std::vector<ls_hook_decl_t> hooks;
  ls_module_descriptor_t desc{};
  ModuleRecord record;
  FakeModule(const char *name, std::vector<ls_hook_decl_t> h) : hooks(std::move(h)) {
    desc.size = sizeof desc;
    desc.name = name;
    desc.hooks = hooks.data();
    desc.hook_count = static_cast<uint32_t>(hooks.size());
    record.name = name;
    record.descriptor = &desc;
  }
};

ls_hook_decl_t decl(uint32_t id, const char *name, int32_t prio, const char *methods = nullptr) {
  return ls_hook_decl_t{sizeof(ls_hook_decl_t), id, name, prio, methods, noop};
}

std::vector<std::string> order(const HookChains &c, uint32_t id) {
  std::vector<std::string> out;
  for (const auto &e : c.chain(id)) out.push_back(e.module->name + "." + e.decl->name);
  return out;
}
}  // namespace

TEST_CASE("chains run by ascending priority; ties keep module load order") {
  FakeModule a("a", {decl(LS_HOOK_REQUEST, "late", 900), decl(LS_HOOK_REQUEST, "early", 100)});
  FakeModule b("b", {decl(LS_HOOK_REQUEST, "tie", 100), decl(LS_HOOK_AUTHENTICATE, "auth", 50)});
  HookChains chains;
  REQUIRE(chains.add_module(a.record, 0).empty());
  REQUIRE(chains.add_module(b.record, 1).empty());
  chains.finalise();
  CHECK(order(chains, LS_HOOK_REQUEST) == std::vector<std::string>{"a.early", "b.tie", "a.late"});
  CHECK(order(chains, LS_HOOK_AUTHENTICATE) == std::vector<std::string>{"b.auth"});
  CHECK(order(chains, LS_HOOK_REQUEST_RECEIVED).empty());
}

TEST_CASE("a YAML priority override moves a hook") {
  FakeModule a("a", {decl(LS_HOOK_REQUEST, "x", 100)});
  FakeModule b("b", {decl(LS_HOOK_REQUEST, "y", 200)});
  b.record.hook_priorities["y"] = 10;
  HookChains chains;
  chains.add_module(a.record, 0);
  chains.add_module(b.record, 1);
  chains.finalise();
  CHECK(order(chains, LS_HOOK_REQUEST) == std::vector<std::string>{"b.y", "a.x"});
}

TEST_CASE("method filters are case-insensitive lists; no filter matches everything") {
  FakeModule a("a", {decl(LS_HOOK_REQUEST, "reg", 1, "register, Subscribe"),
                     decl(LS_HOOK_REQUEST, "all", 2)});
  HookChains chains;
  chains.add_module(a.record, 0);
  chains.finalise();
  const auto &chain = chains.chain(LS_HOOK_REQUEST);
  REQUIRE(chain.size() == 2);
  CHECK(chain[0].matches("REGISTER"));
  CHECK(chain[0].matches("SUBSCRIBE"));
  CHECK_FALSE(chain[0].matches("INVITE"));
  CHECK(chain[1].matches("INVITE"));
  CHECK(chains.handled_methods() == std::vector<std::string>{"REGISTER", "SUBSCRIBE"});
}

TEST_CASE("an unknown hook point is refused with its name") {
  FakeModule a("a", {decl(99, "future", 1)});
  HookChains chains;
  const std::string err = chains.add_module(a.record, 0);
  CHECK(err.find("future") != std::string::npos);
  CHECK(err.find("99") != std::string::npos);
}
