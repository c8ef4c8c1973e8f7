// lineside/testing/fake_request_api.hpp: the fake host's config_* and request_* functions, reading
// FakeConfig and FakeRequest and recording responses and async state. Included by fake_host.hpp.
#pragma once
#ifndef LINESIDE_TESTING_FAKE_HOST_PARTS
#error "include lineside/testing/fake_host.hpp, not this part of it"
#endif

#include <cstdio>
#include <cstring>
#include <optional>
#include <string>


namespace lineside::testing {

/// Static implementations of the config and request parts of ls_host_t.
class FakeRequestApi {
 public:
  // ---- configuration ----
  static const ls_config_t *config_root(ls_module_ctx_t *ctx) {
    return FakeHost::from(ctx)->config_->handle();
  }
  static int config_string(const ls_config_t *node, const char *key, const char **out) {
    const FakeConfig::Entry *e = entry(node, key, FakeConfig::Kind::Text);
    if (!e || !out) return -1;
    *out = e->text.c_str();
    return 0;
  }
  static int config_int(const ls_config_t *node, const char *key, int64_t *out) {
    const FakeConfig::Entry *e = entry(node, key, FakeConfig::Kind::Int);
    if (!e || !out) return -1;
    *out = e->number;
    return 0;
  }
  static int config_bool(const ls_config_t *node, const char *key, int *out) {
    const FakeConfig::Entry *e = entry(node, key, FakeConfig::Kind::Bool);
    if (!e || !out) return -1;
    *out = e->flag ? 1 : 0;
    return 0;
  }
  static int config_duration_ms(const ls_config_t *node, const char *key, int64_t *out) {
    const FakeConfig::Entry *e = entry(node, key, FakeConfig::Kind::Duration);
    if (!e || !out) return -1;
    *out = e->number;
    return 0;
  }
  static uint32_t config_list_size(const ls_config_t *node, const char *key) {
    if (const FakeConfig::Entry *e = entry(node, key, FakeConfig::Kind::StringList))
      return static_cast<uint32_t>(e->strings.size());
    if (const FakeConfig::Entry *e = entry(node, key, FakeConfig::Kind::MapList))
      return static_cast<uint32_t>(e->children.size());
    return 0;
  }
  static const char *config_list_string(const ls_config_t *node, const char *key, uint32_t i) {
    const FakeConfig::Entry *e = entry(node, key, FakeConfig::Kind::StringList);
    return e && i < e->strings.size() ? e->strings[i].c_str() : nullptr;
  }
  static const ls_config_t *config_child(const ls_config_t *node, const char *key, uint32_t i) {
    const FakeConfig::Entry *e = entry(node, key, FakeConfig::Kind::MapList);
    if (!e) e = entry(node, key, FakeConfig::Kind::Map);
    if (!e || i >= e->children.size()) return nullptr;
    if (e->kind == FakeConfig::Kind::Map && i != 0) return nullptr;
    return e->children[i]->handle();
  }
  static void config_error(ls_module_ctx_t *ctx, const ls_config_t *node, const char *key,
                           const char *message) {
    FakeHost::from(ctx)->config_errors_.push_back(
        ConfigErrorRecord{node, key ? key : "", message ? message : ""});
  }

  // ---- requests ----
  static const char *request_field(ls_request_t *r, uint32_t field) {
    const FakeRequest *q = FakeRequest::from(r);
    auto opt = [](const std::optional<std::string> &s) { return s ? s->c_str() : nullptr; };
    auto user = [q](const std::optional<std::string> &given, const std::string &u) -> const char * {
      if (given) return given->c_str();
      const std::optional<std::string> derived = uri::user(u);
      return derived ? q->keep(*derived) : nullptr;
    };
    switch (field) {
      case LS_FIELD_METHOD: return q->method.c_str();
      case LS_FIELD_REQUEST_URI: return q->request_uri.c_str();
      case LS_FIELD_REQUEST_URI_USER: return user(q->request_uri_user, q->request_uri);
      case LS_FIELD_REQUEST_URI_HOST: return q->keep(uri::host(q->request_uri));
      case LS_FIELD_FROM_URI: return q->from_uri.c_str();
      case LS_FIELD_FROM_USER: return user(q->from_user, q->from_uri);
      case LS_FIELD_FROM_TAG: return opt(q->from_tag);
      case LS_FIELD_TO_URI: return q->to_uri.c_str();
      case LS_FIELD_TO_USER: return user(q->to_user, q->to_uri);
      case LS_FIELD_TO_TAG: return opt(q->to_tag);
      case LS_FIELD_CALL_ID: return q->call_id.c_str();
      case LS_FIELD_CSEQ: return q->keep(std::to_string(q->cseq));
      case LS_FIELD_USER_AGENT: return opt(q->user_agent);
      case LS_FIELD_TO_HOST: return q->keep(uri::host(q->to_uri));
      case LS_FIELD_FROM_DISPLAY: return opt(q->from_display);
      default: return nullptr;
    }
  }
  /// Added headers first; when none carries `name`, Call-ID, CSeq, From, To, User-Agent,
  /// Content-Type and Contact are synthesised from the request's fields.
  static const char *request_header(ls_request_t *r, const char *name, uint32_t index) {
    const FakeRequest *q = FakeRequest::from(r);
    if (!name) return nullptr;
    if (q->find_header(name, 0)) {
      const std::string *v = q->find_header(name, index);
      return v ? v->c_str() : nullptr;
    }
    const std::string n = headers::canonical(name);
    if (n == "contact") {
      if (index >= q->contacts.size()) return nullptr;
      const FakeContact &c = q->contacts[index];
      return q->keep(c.is_star ? std::string("*") : "<" + c.uri + ">" + c.params);
    }
    if (index != 0) return nullptr;
    auto party = [q](const std::optional<std::string> &display, const std::string &u,
                     const std::optional<std::string> &tag) {
      std::string v = display ? "\"" + *display + "\" " : "";
      v += "<" + u + ">";
      if (tag) v += ";tag=" + *tag;
      return q->keep(v);
    };
    if (n == "call-id") return q->call_id.c_str();
    if (n == "cseq") return q->keep(std::to_string(q->cseq) + " " + q->method);
    if (n == "from") return party(q->from_display, q->from_uri, q->from_tag);
    if (n == "to") return party(std::nullopt, q->to_uri, q->to_tag);
    if (n == "user-agent") return q->user_agent ? q->user_agent->c_str() : nullptr;
    if (n == "content-type") return q->content_type ? q->content_type->c_str() : nullptr;
    return nullptr;
  }
  static uint32_t request_contact_count(ls_request_t *r) {
    return static_cast<uint32_t>(FakeRequest::from(r)->contacts.size());
  }
  static int request_contact(ls_request_t *r, uint32_t i, ls_contact_t *out) {
    const FakeRequest *q = FakeRequest::from(r);
    if (!out || out->size < sizeof(uint32_t) || i >= q->contacts.size()) return -1;
    const FakeContact &c = q->contacts[i];
    ls_contact_t full{};
    full.size = out->size;
    full.is_star = c.is_star ? 1u : 0u;
    full.uri = c.uri.c_str();
    full.display = c.display ? c.display->c_str() : nullptr;
    full.expires = c.expires;
    full.q_milli = c.q_milli;
    full.instance = c.instance ? c.instance->c_str() : nullptr;
    full.reg_id = c.reg_id ? c.reg_id->c_str() : nullptr;
    full.params = c.params.c_str();
    std::memcpy(static_cast<void *>(out), &full, out->size < sizeof full ? out->size : sizeof full);
    return 0;
  }
  static int request_peer(ls_request_t *r, ls_peer_t *out) {
    const FakeRequest *q = FakeRequest::from(r);
    if (!out || out->size < sizeof(uint32_t)) return -1;
    ls_peer_t full{};
    full.size = out->size;
    full.transport = q->peer.transport;
    std::snprintf(full.addr, sizeof full.addr, "%s", q->peer.addr.c_str());
    full.port = q->peer.port;
    full.secure = q->peer.secure ? 1u : 0u;
    full.flow = q->peer.flow;
    std::memcpy(static_cast<void *>(out), &full, out->size < sizeof full ? out->size : sizeof full);
    return 0;
  }
  static int request_body(ls_request_t *r, const char **data, size_t *len, const char **type) {
    const FakeRequest *q = FakeRequest::from(r);
    if (data) *data = q->body ? q->body->data() : nullptr;
    if (len) *len = q->body ? q->body->size() : 0;
    if (type) *type = q->content_type ? q->content_type->c_str() : nullptr;
    return 0;
  }
  static int request_set_attr(ls_request_t *r, const char *key, const char *value) {
    if (!key || !value) return -1;
    FakeRequest::from(r)->attributes[key] = value;
    return 0;
  }
  static const char *request_get_attr(ls_request_t *r, const char *key) {
    const FakeRequest *q = FakeRequest::from(r);
    if (!key) return nullptr;
    auto it = q->attributes.find(key);
    return it == q->attributes.end() ? nullptr : it->second.c_str();
  }
  static int respond(ls_request_t *r, const ls_response_t *resp) {
    FakeRequest *q = FakeRequest::from(r);
    if (!LS_HAS_FIELD(resp, ls_response_t, body_len) || q->final_response()) return -1;
    if (resp->status != 0 && (resp->status < 100 || resp->status > 699)) return -1;
    if (resp->header_count && !resp->headers) return -1;
    if (resp->body_len && !resp->body) return -1;
    FakeResponse out;
    out.status = resp->status;
    out.reason = resp->reason ? resp->reason : "";
    for (uint32_t i = 0; i < resp->header_count; ++i) {
      const ls_header_t &h = resp->headers[i];
      if (!h.name || !h.value) return -1;
      out.headers.emplace_back(h.name, h.value);
    }
    if (resp->content_type) out.content_type = std::string(resp->content_type);
    if (resp->body) out.body.assign(resp->body, resp->body_len);
    if (resp->status == 0) q->dropped = true;
    q->responses.push_back(std::move(out));
    return 0;
  }
  static ls_token_t request_suspend(ls_request_t *r) {
    FakeRequest *q = FakeRequest::from(r);
    if (!q->host_) return 0;
    const ls_token_t token = q->host_->next_token_++;
    q->host_->tokens_[token] = q;
    q->suspended_token = token;
    return token;
  }
  static ls_request_t *request_from_token(ls_module_ctx_t *ctx, ls_token_t token) {
    FakeHost *h = FakeHost::from(ctx);
    auto it = h->tokens_.find(token);
    return it == h->tokens_.end() ? nullptr : it->second->handle();
  }
  static void request_resume(ls_module_ctx_t *ctx, ls_token_t token, uint32_t verdict) {
    FakeHost *h = FakeHost::from(ctx);
    auto it = h->tokens_.find(token);
    if (it == h->tokens_.end() || !h->resumed_tokens_.insert(token).second) return;
    it->second->resumed = true;
    it->second->resume_verdict = verdict;
  }

 private:
  /// The entry of `key` in `node` when it holds `kind`, else nullptr.
  static const FakeConfig::Entry *entry(const ls_config_t *node, const char *key,
                                        FakeConfig::Kind kind) {
    if (!node || !key) return nullptr;
    const FakeConfig::Entry *e = FakeConfig::from(node)->find(key);
    return e && e->kind == kind ? e : nullptr;
  }
};

}  // namespace lineside::testing
