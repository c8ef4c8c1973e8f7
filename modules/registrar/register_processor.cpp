// registrar/register_processor.cpp: RFC 3261 §10.3 REGISTER processing (decision only).
#include "register_processor.hpp"

#include <algorithm>
#include <map>

namespace lineside::registrar {
namespace {

RegisterOutcome refuse(uint32_t status, std::string reason, std::vector<Header> headers = {}) {
  RegisterOutcome out;
  out.status = status;
  out.reason = std::move(reason);
  out.headers = std::move(headers);
  return out;
}

/// §10.3 step 6/7: a request with the stored Call-ID must carry a higher CSeq.
bool is_out_of_order(const Binding &stored, const RegisterInput &in) {
  return stored.call_id == in.call_id && in.cseq <= stored.cseq;
}

std::string join_path(const std::vector<std::string> &path) {
  std::string out;
  for (const std::string &p : path) {
    if (!out.empty()) out += ", ";
    out += p;
  }
  return out;
}

Binding make_binding(const RegisterInput &in, const Registrant &who, const ContactInput &contact,
                     int64_t expires_at, int64_t now) {
  Binding b;
  b.user = in.user;
  b.aor = who.aor;
  b.device_id = who.device_id;
  b.contact_uri = contact.uri;
  b.instance = contact.instance;
  b.reg_id = contact.instance.empty() ? std::string() : contact.reg_id;
  b.call_id = in.call_id;
  b.cseq = in.cseq;
  b.expires_at = expires_at;
  b.updated_at = now;
  b.transport = in.transport;
  b.source_addr = in.source_addr;
  b.source_port = in.source_port;
  b.flow = in.flow;
  b.awaiting_reconnect = false;
  b.path = join_path(in.path);
  b.user_agent = in.user_agent;
  b.q_milli = contact.q_milli;
  return b;
}

RegisterOutcome remove_all(const RegisterInput &in, const BindingTable &table) {
  if (in.contacts.size() != 1 || !in.expires_header || *in.expires_header != 0)
    return refuse(400, "Bad Request");
  RegisterOutcome out;
  for (const Binding &b : table.of_user(in.user)) {
    if (is_out_of_order(b, in)) return refuse(500, "Server Internal Error");
    out.changes.push_back(BindingChange{b.store_key(), b, std::nullopt});
  }
  return out;
}

/// Enforce max_contacts on `working` (store key -> binding after this request). Returns false
/// when the AoR would still have too many bindings.
bool fit_max_contacts(std::map<std::string, Binding> &working, const std::vector<std::string> &touched,
                      const RegistrarSettings &settings) {
  if (working.size() <= settings.max_contacts) return true;
  if (!settings.replace_oldest) return false;
  std::vector<const Binding *> others;
  for (const auto &[key, b] : working) {
    if (std::find(touched.begin(), touched.end(), key) == touched.end()) others.push_back(&b);
  }
  std::sort(others.begin(), others.end(), [](const Binding *a, const Binding *b) {
    if (a->updated_at != b->updated_at) return a->updated_at < b->updated_at;
    return a->revision < b->revision;
  });
  std::vector<std::string> evict;
  for (const Binding *b : others) {
    if (working.size() - evict.size() <= settings.max_contacts) break;
    evict.push_back(b->store_key());
  }
  for (const std::string &key : evict) working.erase(key);
  return working.size() <= settings.max_contacts;
}

}  // namespace

RegisterOutcome process_register(const RegisterInput &in, const Registrant &who,
                                 const BindingTable &table, const RegistrarSettings &settings,
                                 int64_t now) {
  if (!in.cseq_valid || in.call_id.empty() || in.expires_header_malformed)
    return refuse(400, "Bad Request");
  const bool has_star = std::any_of(in.contacts.begin(), in.contacts.end(),
                                    [](const ContactInput &c) { return c.is_star; });
  if (has_star) return remove_all(in, table);
  if (in.contacts.empty()) return RegisterOutcome{};  // a query: 200 with the current bindings

  // Expiry of every contact first: one interval that is too brief refuses the whole request.
  std::vector<int64_t> expiries;
  for (const ContactInput &c : in.contacts) {
    if (c.uri.empty()) return refuse(400, "Bad Request");
    int64_t expires = c.expires >= 0 ? c.expires : in.expires_header.value_or(settings.default_expires);
    if (expires != 0 && expires < settings.min_expires)
      return refuse(423, "Interval Too Brief", {{"Min-Expires", std::to_string(settings.min_expires)}});
    expiries.push_back(std::min(expires, settings.max_expires));
  }

  std::map<std::string, Binding> working;
  for (const Binding &b : table.of_user(in.user)) working.emplace(b.store_key(), b);
  std::vector<std::string> touched;
  for (size_t i = 0; i < in.contacts.size(); ++i) {
    const ContactInput &c = in.contacts[i];
    const std::string key =
        make_store_key(in.user, make_binding_key(c.uri, c.instance, c.instance.empty() ? "" : c.reg_id));
    if (const Binding *stored = table.find(key); stored && is_out_of_order(*stored, in))
      return refuse(500, "Server Internal Error");
    if (expiries[i] == 0) {
      working.erase(key);
    } else {
      working.insert_or_assign(key, make_binding(in, who, c, now + expiries[i], now));
    }
    touched.push_back(key);
  }
  if (!fit_max_contacts(working, touched, settings)) return refuse(403, "Too Many Contacts");

  RegisterOutcome out;
  for (const Binding &b : table.of_user(in.user)) {
    const std::string key = b.store_key();
    auto it = working.find(key);
    if (it == working.end()) {
      out.changes.push_back(BindingChange{key, b, std::nullopt});
    } else if (std::find(touched.begin(), touched.end(), key) != touched.end()) {
      out.changes.push_back(BindingChange{key, b, it->second});
    }
  }
  for (const auto &[key, b] : working) {
    if (!table.find(key)) out.changes.push_back(BindingChange{key, std::nullopt, b});
  }
  return out;
}

}  // namespace lineside::registrar
