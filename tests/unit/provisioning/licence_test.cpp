// tests/unit/provisioning/licence_test.cpp: licence usage and exhaustion.
#include "ops_support.hpp"

using namespace lineside::kernel;
using namespace lineside::kernel::test;

TEST_CASE("a Single Line Phone takes a Single Line User licence, every other device an IP User one") {
  DirectoryData d = with(DirectoryData{}, phone("2001"));
  d = with(d, phone("2002", R"("single_line":true)"));
  d = with(d, phone("2003", R"("device_type":"5604")"));
  const LicenceUsage u = licence_usage(d.devices);
  CHECK(u.ip_users == 2);
  CHECK(u.single_line_users == 1);
}

TEST_CASE("adding beyond the IP User licences is refused with the counts") {
  const OpContext ctx = context(1, 0);
  DirectoryData d = with(DirectoryData{}, phone("2001"), ctx);
  OpResult r = op_create_device(d, ctx, *json(phone("2002")));
  REQUIRE(r.refusal.refused());
  CHECK(r.refusal.status == 409);
  const FieldError &e = r.refusal.errors.at(0);
  CHECK(e.field == "licences.ip_users");
  CHECK(e.rule == "licence_exhausted");
  CHECK(e.message == "no IP User licence available: 1 of 1 in use, this change needs 2");
  CHECK(e.numbers == std::vector<std::pair<std::string, int64_t>>{{"in_use", 1}, {"available", 1}, {"needed", 2}});
}

TEST_CASE("turning a device into a Single Line Phone moves it to the other licence") {
  const OpContext ctx = context(1, 0);
  DirectoryData d = with(DirectoryData{}, phone("2001"), ctx);
  OpResult r = op_patch_device(d, ctx, "dev-2001", *json(R"({"single_line":true})"));
  CHECK(rules(r) == Rules{{"licences.single_line_users", "licence_exhausted"}});
  CHECK_FALSE(op_patch_device(d, context(1, 1), "dev-2001", *json(R"({"single_line":true})")).refusal.refused());
}

TEST_CASE("deleting frees the licence; an over-subscription after lowering the counts blocks only growth") {
  const OpContext wide = context(2, 0);
  DirectoryData d = with(with(DirectoryData{}, phone("2001"), wide), phone("2002"), wide);
  const OpContext narrow = context(1, 0);
  CHECK_FALSE(op_patch_device(d, narrow, "dev-2001", *json(R"({"display_name":"x"})")).refusal.refused());
  CHECK(op_create_device(d, narrow, *json(phone("2003"))).refusal.refused());
  OpResult del = op_delete_device(d, "dev-2002");
  CHECK_FALSE(del.refusal.refused());
  CHECK(licence_usage(del.next.devices).ip_users == 1);
  CHECK(op_create_device(del.next, narrow, *json(phone("2003"))).refusal.refused());
  CHECK_FALSE(op_create_device(del.next, wide, *json(phone("2003"))).refusal.refused());
}
