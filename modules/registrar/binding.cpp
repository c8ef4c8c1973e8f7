// registrar/binding.cpp: binding identity (binding and store keys) and transport helpers.
#include "binding.hpp"

namespace lineside::registrar {

std::string make_binding_key(const std::string &contact_uri, const std::string &instance,
                             const std::string &reg_id) {
  if (instance.empty()) return "contact:" + contact_uri;
  std::string key = "instance:" + instance;
  if (!reg_id.empty()) key += ";reg-id=" + reg_id;
  return key;
}

std::string make_store_key(const std::string &user, const std::string &binding_key) {
  return std::to_string(user.size()) + ":" + user + ":" + binding_key;
}

std::string Binding::binding_key() const { return make_binding_key(contact_uri, instance, reg_id); }

std::string Binding::store_key() const { return make_store_key(user, binding_key()); }

bool is_connection_oriented(uint32_t transport) {
  return transport == LS_TRANSPORT_TCP || transport == LS_TRANSPORT_TLS;
}

const char *transport_name(uint32_t transport) {
  switch (transport) {
    case LS_TRANSPORT_UDP: return "udp";
    case LS_TRANSPORT_TCP: return "tcp";
    case LS_TRANSPORT_TLS: return "tls";
    default: return "unknown";
  }
}

}  // namespace lineside::registrar
