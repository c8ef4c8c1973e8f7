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
  return DescriptorBuilder<TransportModule>(
             "transport", "1.0.0",
             "SIP listeners (UDP, TCP, TLS) and per-source request rate limiting")
      .config(transport_config_fields(), transport_config_field_count())
      .hooks(kHooks)
      .reloadable()
      .build();
}

}  // namespace

const ls_module_descriptor_t &transport_descriptor() {
  static const ls_module_descriptor_t descriptor = make_descriptor();
  return descriptor;
}

}  // namespace lineside::transport
