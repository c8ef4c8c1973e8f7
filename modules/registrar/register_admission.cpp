// registrar/register_admission.cpp: domain, directory and authentication checks of a REGISTER.
#include "register_admission.hpp"

#include <cctype>

namespace lineside::registrar {
namespace {

bool is_ipv4(std::string_view host) {
  int groups = 0;
  while (true) {
    size_t digits = 0;
    int value = 0;
    while (digits < host.size() && std::isdigit(static_cast<unsigned char>(host[digits]))) {
      value = value * 10 + (host[digits] - '0');
      if (++digits > 3) return false;
    }
    if (digits == 0 || value > 255) return false;
    ++groups;
    host.remove_prefix(digits);
    if (host.empty()) return groups == 4;
    if (host.front() != '.' || groups == 4) return false;
    host.remove_prefix(1);
  }
}

bool is_ipv6(std::string_view host) {
  if (host.find(':') == std::string_view::npos) return false;
  for (char c : host) {
    if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.') return false;
  }
  return true;
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

Admission refuse(uint32_t status, const char *reason) {
  Admission a;
  a.status = status;
  a.reason = reason;
  return a;
}

}  // namespace

bool is_numeric_host(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    return is_ipv6(host.substr(1, host.size() - 2));
  return is_ipv4(host) || is_ipv6(host);
}

bool is_served_host(std::string_view host, std::string_view domain) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  return equals_ignore_case(host, domain) || is_numeric_host(host);
}

Admission admit_register(const RegisterInput &in, std::string_view domain,
                         const ls_directory_v1_t &directory, void *directory_self) {
  if (in.user.empty() || !is_served_host(in.to_host, domain)) return refuse(404, "Not Found");
  ls_device_info_t device{};
  device.size = sizeof device;
  if (directory.device_by_user(directory_self, in.user.c_str(), &device) != 0 || !device.device_id)
    return refuse(404, "Not Found");
  const std::string device_id = device.device_id;
  if (device.auth_enabled && !in.has_auth_device_id) return refuse(403, "Forbidden");
  if (in.has_auth_device_id && in.auth_device_id != device_id) return refuse(403, "Forbidden");
  Admission a;
  a.who.aor = "sip:" + in.user + "@" + std::string(domain);
  a.who.device_id = device_id;
  return a;
}

}  // namespace lineside::registrar
