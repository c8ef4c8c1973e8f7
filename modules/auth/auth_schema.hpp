// auth/auth_schema.hpp: the declared schema of the auth module's `config:` subtree.
#pragma once

#include "lineside/config_schema.h"

namespace lineside::auth {

/// The top-level fields (algorithms, methods, nonce_lifetime, verify_uri, throttle).
[[nodiscard]] const ls_config_field_t *auth_config_fields();
[[nodiscard]] uint32_t auth_config_field_count();

}  // namespace lineside::auth
