// transport/transport_descriptor.cpp: the transport module's descriptor.
#include "transport_descriptor.hpp"

#include "transport_config.hpp"
#include "transport_module.hpp"

namespace lineside::transport {
namespace {

const ls_hook_decl_t kHooks[] = {
    hook<TransportModule, &TransportModule::on_request_received>(LS_HOOK_REQUEST_RECEIVED,
                                                                 "rate_limit", 5),
};

ls_module_descriptor_t make_descriptor() {
  ls_module_descriptor_t d{};
  d.size = sizeof d;
  d.abi_major = LS_ABI_MAJOR;
  d.abi_minor = LS_ABI_MINOR;
  d.name = "transport";
  d.version = "1.0.0";
  d.summary = "SIP listeners (UDP, TCP, TLS) and per-source request rate limiting";
  d.config_fields = transport_config_fields();
  d.config_field_count = transport_config_field_count();
  d.hooks = kHooks;
  d.hook_count = count_of(kHooks);
  bind_lifecycle<TransportModule>(d, true);
  return d;
}

}  // namespace

const ls_module_descriptor_t &transport_descriptor() {
  static const ls_module_descriptor_t descriptor = make_descriptor();
  return descriptor;
}

}  // namespace lineside::transport
