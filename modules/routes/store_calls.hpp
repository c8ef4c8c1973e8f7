// routes/store_calls.hpp: host->store_put / store_delete with a C++ completion, for the routes
// and emergency modules.
#pragma once

#include <functional>
#include <string>

#include "lineside/plugin.hpp"

namespace lineside::routes {

/// Queue (table, key) -> value; `done(ok)` runs on the SIP thread once committed (ok) or failed.
/// Returns false (and never calls done) when the host refused to queue the write.
bool store_put_then(const Host &host, const std::string &table, const std::string &key,
                    const std::string &value, std::function<void(bool)> done);

/// Queue the deletion of (table, key); as store_put_then.
bool store_delete_then(const Host &host, const std::string &table, const std::string &key,
                       std::function<void(bool)> done);

}  // namespace lineside::routes
