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
    requirement(LS_DIRECTORY_PROVIDER, LS_DIRECTORY_VERSION),
};

ls_module_descriptor_t make_descriptor() {
  return DescriptorBuilder<AuthModule>(
             "auth", "1.0.0",
             "SIP digest authentication (MD5, SHA-256) with per-source brute-force throttling")
      .config(auth_config_fields(), auth_config_field_count())
      .hooks(kHooks)
      .required(kRequirements)
      .reloadable()
      .build();
}

}  // namespace

const ls_module_descriptor_t &auth_descriptor() {
  static const ls_module_descriptor_t descriptor = make_descriptor();
  return descriptor;
}

}  // namespace lineside::auth
