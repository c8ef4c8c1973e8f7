// auth/auth_descriptor.cpp: hooks, provider requirement and lifecycle wiring of the auth module.
#include "auth_descriptor.hpp"

#include "auth_module.hpp"
#include "auth_schema.hpp"
#include "lineside/plugin.hpp"

namespace lineside::auth {
namespace {

/// REQUEST_RECEIVED runs early so blocked sources cost nearly nothing; AUTHENTICATE at 100.
constexpr int32_t kSourceFilterPriority = 10;
constexpr int32_t kDigestPriority = 100;

const ls_hook_decl_t kHooks[] = {
    hook<AuthModule, &AuthModule::filter_source>(LS_HOOK_REQUEST_RECEIVED, "source_filter",
                                                 kSourceFilterPriority),
    hook<AuthModule, &AuthModule::authenticate>(LS_HOOK_AUTHENTICATE, "digest", kDigestPriority),
};

const ls_requirement_t kRequirements[] = {
    {sizeof(ls_requirement_t), LS_DIRECTORY_VERSION, LS_DIRECTORY_PROVIDER, 0, 0},
};

ls_module_descriptor_t make_descriptor() {
  ls_module_descriptor_t d{};
  d.size = sizeof d;
  d.abi_major = LS_ABI_MAJOR;
  d.abi_minor = LS_ABI_MINOR;
  d.name = "auth";
  d.version = "1.0.0";
  d.summary = "SIP digest authentication (MD5, SHA-256) with per-source brute-force throttling";
  d.config_fields = auth_config_fields();
  d.config_field_count = auth_config_field_count();
  d.hooks = kHooks;
  d.hook_count = count_of(kHooks);
  d.requirements = kRequirements;
  d.requirement_count = count_of(kRequirements);
  bind_lifecycle<AuthModule>(d, true);
  return d;
}

}  // namespace

const ls_module_descriptor_t &auth_descriptor() {
  static const ls_module_descriptor_t descriptor = make_descriptor();
  return descriptor;
}

}  // namespace lineside::auth
