// lineside/plugin.hpp: header-only C++20 wrapper over the C ABI: typed host access, member-function
// hooks and observers, and an exception barrier at every entry point.
#pragma once

#include <cstdio>
#include <cstring>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lineside/lineside.h"

namespace lineside {

/// Configuration node view. Borrowed: valid as long as the ls_config_t it wraps. Any thread.
class Config {
 public:
  Config(const ls_host_t *host, const ls_config_t *node) : host_(host), node_(node) {}
  [[nodiscard]] bool valid() const { return node_ != nullptr; }
  [[nodiscard]] const ls_config_t *raw() const { return node_; }
  [[nodiscard]] std::optional<std::string> string(const char *key) const {
    const char *v = nullptr;
    if (!node_ || host_->config_string(node_, key, &v) != 0 || !v) return std::nullopt;
    return std::string(v);
  }
  [[nodiscard]] std::string string_or(const char *key, std::string fallback) const {
    return string(key).value_or(std::move(fallback));
  }
  [[nodiscard]] std::optional<int64_t> integer(const char *key) const {
    int64_t v = 0;
    if (!node_ || host_->config_int(node_, key, &v) != 0) return std::nullopt;
    return v;
  }
  [[nodiscard]] std::optional<bool> boolean(const char *key) const {
    int v = 0;
    if (!node_ || host_->config_bool(node_, key, &v) != 0) return std::nullopt;
    return v != 0;
  }
  [[nodiscard]] std::optional<int64_t> duration_ms(const char *key) const {
    int64_t v = 0;
    if (!node_ || host_->config_duration_ms(node_, key, &v) != 0) return std::nullopt;
    return v;
  }
  [[nodiscard]] std::vector<std::string> strings(const char *key) const {
    std::vector<std::string> out;
    if (!node_) return out;
    const uint32_t n = host_->config_list_size(node_, key);
    for (uint32_t i = 0; i < n; ++i) {
      if (const char *s = host_->config_list_string(node_, key, i)) out.emplace_back(s);
    }
    return out;
  }
  [[nodiscard]] std::vector<Config> children(const char *key) const {
    std::vector<Config> out;
    if (!node_) return out;
    const uint32_t n = host_->config_list_size(node_, key);
    for (uint32_t i = 0; i < n; ++i) out.emplace_back(host_, host_->config_child(node_, key, i));
    return out;
  }
  [[nodiscard]] Config child(const char *key) const {
    return Config(host_, node_ ? host_->config_child(node_, key, 0) : nullptr);
  }

 private:
  const ls_host_t *host_;
  const ls_config_t *node_;
};

/// The host as one module sees it. Cheap to copy. Valid for the process life.
class Host {
 public:
  Host(const ls_host_t *host, ls_module_ctx_t *ctx) : host_(host), ctx_(ctx) {}
  [[nodiscard]] const ls_host_t *raw() const { return host_; }
  [[nodiscard]] ls_module_ctx_t *ctx() const { return ctx_; }

  void log(uint32_t level, const std::string &msg) const { host_->log(ctx_, level, msg.c_str()); }
  void error(const std::string &msg) const { log(LS_LOG_ERROR, msg); }
  void warning(const std::string &msg) const { log(LS_LOG_WARNING, msg); }
  void notice(const std::string &msg) const { log(LS_LOG_NOTICE, msg); }
  void info(const std::string &msg) const { log(LS_LOG_INFO, msg); }
  void debug(const std::string &msg) const { log(LS_LOG_DEBUG, msg); }

  [[nodiscard]] Config config() const { return Config(host_, host_->config_root(ctx_)); }
  void config_error(const Config &node, const char *key, const std::string &msg) const {
    host_->config_error(ctx_, node.raw(), key, msg.c_str());
  }
  [[nodiscard]] std::string sip_domain() const { return host_->sip_domain(ctx_); }
  [[nodiscard]] int64_t now_unix() const { return host_->now_unix(ctx_); }
  [[nodiscard]] int64_t now_mono_ms() const { return host_->now_mono_ms(ctx_); }
  void metric_add(const char *name, int64_t delta = 1) const { host_->metric_add(ctx_, name, delta); }
  void metric_set(const char *name, int64_t value) const { host_->metric_set(ctx_, name, value); }

  /// Typed provider lookup: T is the provider's table struct.
  template <class T>
  const T *provider(const char *name, uint32_t version, void **self) const {
    return static_cast<const T *>(host_->provider_get(ctx_, name, version, self));
  }

 private:
  const ls_host_t *host_;
  ls_module_ctx_t *ctx_;
};

/// A header for a response, owned strings.
struct Header {
  std::string name;
  std::string value;
};

/// A request view during one hook call (or after request_from_token). SIP thread only.
class Request {
 public:
  Request(const Host &host, ls_request_t *req) : host_(host), req_(req) {}
  [[nodiscard]] ls_request_t *raw() const { return req_; }
  /// Field text, or empty view when absent.
  [[nodiscard]] std::string_view field(uint32_t id) const {
    const char *v = host_.raw()->request_field(req_, id);
    return v ? std::string_view(v) : std::string_view();
  }
  [[nodiscard]] bool has_field(uint32_t id) const {
    return host_.raw()->request_field(req_, id) != nullptr;
  }
  [[nodiscard]] std::string_view method() const { return field(LS_FIELD_METHOD); }
  [[nodiscard]] const char *header(const char *name, uint32_t index = 0) const {
    return host_.raw()->request_header(req_, name, index);
  }
  [[nodiscard]] ls_peer_t peer() const {
    ls_peer_t p{};
    p.size = sizeof p;
    host_.raw()->request_peer(req_, &p);
    return p;
  }
  [[nodiscard]] std::vector<ls_contact_t> contacts() const {
    std::vector<ls_contact_t> out;
    const uint32_t n = host_.raw()->request_contact_count(req_);
    for (uint32_t i = 0; i < n; ++i) {
      ls_contact_t c{};
      c.size = sizeof c;
      if (host_.raw()->request_contact(req_, i, &c) == 0) out.push_back(c);
    }
    return out;
  }
  void set_attr(const char *key, const std::string &value) const {
    host_.raw()->request_set_attr(req_, key, value.c_str());
  }
  [[nodiscard]] const char *attr(const char *key) const {
    return host_.raw()->request_get_attr(req_, key);
  }
  /// Send a response; returns false if the host refused it.
  bool respond(uint32_t status, const char *reason = nullptr,
               const std::vector<Header> &headers = {}, const std::string *body = nullptr,
               const char *content_type = nullptr) const {
    std::vector<ls_header_t> raw;
    raw.reserve(headers.size());
    for (const auto &h : headers) raw.push_back(ls_header_t{h.name.c_str(), h.value.c_str()});
    ls_response_t r{};
    r.size = sizeof r;
    r.status = status;
    r.reason = reason;
    r.headers = raw.empty() ? nullptr : raw.data();
    r.header_count = static_cast<uint32_t>(raw.size());
    if (body) {
      r.body = body->data();
      r.body_len = body->size();
      r.content_type = content_type;
    }
    return host_.raw()->respond(req_, &r) == 0;
  }
  /// Keep the request past this hook; the hook must then return LS_VERDICT_ASYNC.
  [[nodiscard]] ls_token_t suspend() const { return host_.raw()->request_suspend(req_); }

 private:
  Host host_;
  ls_request_t *req_;
};

/// Base class of a C++ module. The derived class's constructor takes (Host) and may throw to
/// fail init; start()/stop() are the descriptor's start/stop.
class ModuleBase {
 public:
  explicit ModuleBase(Host host) : host_(host) {}
  virtual ~ModuleBase() = default;
  ModuleBase(const ModuleBase &) = delete;
  ModuleBase &operator=(const ModuleBase &) = delete;
  /// After every module's init. Throw std::exception to fail start-up.
  virtual void start() {}
  /// Graceful stop.
  virtual void stop() {}
  /// Reload phase 1: return an empty string to accept, or the reason to refuse.
  virtual std::string check_reconfigure(const Config &) { return "module cannot reload"; }
  /// Reload phase 2.
  virtual void apply_reconfigure(const Config &) {}
  [[nodiscard]] const Host &host() const { return host_; }

 private:
  Host host_;
};

namespace detail {
inline void copy_error(char *err, size_t len, const char *what) {
  if (err && len) std::snprintf(err, len, "%s", what);
}
inline uint32_t log_escape(const Host &host, const char *where, const char *what) {
  host.error(std::string("exception in ") + where + ": " + what);
  return LS_VERDICT_ERROR;
}
}  // namespace detail

/// Hook trampoline: binds `uint32_t M::Fn(Request&)` to ls_hook_fn with an exception barrier.
template <class M, uint32_t (M::*Fn)(Request &)>
uint32_t hook_trampoline(void *instance, const ls_hook_args_t *args) noexcept {
  // init stored a ModuleBase*: convert back through it (M may have other bases first).
  auto *self = static_cast<M *>(static_cast<ModuleBase *>(instance));
  try {
    Request req(self->host(), args->request);
    return (self->*Fn)(req);
  } catch (const std::exception &e) {
    return detail::log_escape(self->host(), "hook", e.what());
  } catch (...) {
    return detail::log_escape(self->host(), "hook", "unknown exception");
  }
}

/// Observer trampoline: binds `void M::Fn(uint32_t event_id, const void *payload)`.
template <class M, void (M::*Fn)(uint32_t, const void *)>
void observer_trampoline(void *instance, uint32_t event_id, const void *payload) noexcept {
  auto *self = static_cast<M *>(static_cast<ModuleBase *>(instance));
  try {
    (self->*Fn)(event_id, payload);
  } catch (const std::exception &e) {
    detail::log_escape(self->host(), "observer", e.what());
  } catch (...) {
    detail::log_escape(self->host(), "observer", "unknown exception");
  }
}

/// Build a hook declaration for a member function.
template <class M, uint32_t (M::*Fn)(Request &)>
constexpr ls_hook_decl_t hook(uint32_t hook_id, const char *name, int32_t priority,
                              const char *methods = nullptr) {
  return ls_hook_decl_t{sizeof(ls_hook_decl_t), hook_id, name, priority, methods,
                        &hook_trampoline<M, Fn>};
}

/// Build an observer declaration for a member function.
template <class M, void (M::*Fn)(uint32_t, const void *)>
constexpr ls_observer_decl_t observer(uint32_t event_id) {
  return ls_observer_decl_t{sizeof(ls_observer_decl_t), event_id, &observer_trampoline<M, Fn>};
}

/// Lifecycle trampolines for a ModuleBase-derived M (constructor M(Host)).
template <class M>
struct Lifecycle {
  static int init(const ls_host_t *host, ls_module_ctx_t *ctx, void **instance, char *err,
                  size_t len) noexcept {
    try {
      *instance = static_cast<ModuleBase *>(new M(Host(host, ctx)));
      return 0;
    } catch (const std::exception &e) {
      detail::copy_error(err, len, e.what());
    } catch (...) {
      detail::copy_error(err, len, "unknown exception in init");
    }
    return -1;
  }
  static int start(void *instance, char *err, size_t len) noexcept {
    try {
      static_cast<ModuleBase *>(instance)->start();
      return 0;
    } catch (const std::exception &e) {
      detail::copy_error(err, len, e.what());
    } catch (...) {
      detail::copy_error(err, len, "unknown exception in start");
    }
    return -1;
  }
  static void stop(void *instance) noexcept {
    try {
      static_cast<ModuleBase *>(instance)->stop();
    } catch (...) {
    }
  }
  static void destroy(void *instance) noexcept { delete static_cast<ModuleBase *>(instance); }
  static int check(void *instance, const ls_config_t *cfg, char *err, size_t len) noexcept {
    auto *self = static_cast<ModuleBase *>(instance);
    try {
      std::string why = self->check_reconfigure(Config(self->host().raw(), cfg));
      if (why.empty()) return 0;
      detail::copy_error(err, len, why.c_str());
    } catch (const std::exception &e) {
      detail::copy_error(err, len, e.what());
    } catch (...) {
      detail::copy_error(err, len, "unknown exception in reconfigure check");
    }
    return -1;
  }
  static void apply(void *instance, const ls_config_t *cfg) noexcept {
    auto *self = static_cast<ModuleBase *>(instance);
    try {
      self->apply_reconfigure(Config(self->host().raw(), cfg));
    } catch (const std::exception &e) {
      detail::log_escape(self->host(), "reconfigure", e.what());
    } catch (...) {
      detail::log_escape(self->host(), "reconfigure", "unknown exception");
    }
  }
};

/// Fill the lifecycle part of a descriptor for M; `reloadable` wires reconfigure_check/apply.
template <class M>
constexpr void bind_lifecycle(ls_module_descriptor_t &d, bool reloadable) {
  d.init = &Lifecycle<M>::init;
  d.start = &Lifecycle<M>::start;
  d.stop = &Lifecycle<M>::stop;
  d.destroy = &Lifecycle<M>::destroy;
  d.reconfigure_check = reloadable ? &Lifecycle<M>::check : nullptr;
  d.reconfigure_apply = reloadable ? &Lifecycle<M>::apply : nullptr;
}



/// Count of a C array, as the descriptor's uint32_t counts want it.
template <class T, size_t N>
constexpr uint32_t count_of(const T (&)[N]) {
  return static_cast<uint32_t>(N);
}

/// A provider requirement for the descriptor (`optional`: start without it).
constexpr ls_requirement_t requirement(const char *name, uint32_t version, bool optional = false) {
  return ls_requirement_t{sizeof(ls_requirement_t), version, name, optional ? 1u : 0u, 0u};
}

/// A provider declaration for the descriptor.
constexpr ls_provider_decl_t provides(const char *name, uint32_t version) {
  return ls_provider_decl_t{sizeof(ls_provider_decl_t), version, name};
}

/// Builds the descriptor of ModuleBase-derived M (constructor M(Host)): ABI versions, lifecycle
/// trampolines, and whatever tables are given. The arrays must have static storage. Typical use:
///   const ls_module_descriptor_t &descriptor() {
///     static const auto d = lineside::DescriptorBuilder<Hello>("hello", "1.0", "says hello")
///                               .hooks(kHooks).config(kConfig).reloadable().build();
///     return d;
///   }
template <class M>
class DescriptorBuilder {
 public:
  DescriptorBuilder(const char *name, const char *version, const char *summary) {
    d_.size = sizeof d_;
    d_.abi_major = LS_ABI_MAJOR;
    d_.abi_minor = LS_ABI_MINOR;
    d_.name = name;
    d_.version = version;
    d_.summary = summary;
  }
  DescriptorBuilder &config(const ls_config_field_t *fields, uint32_t count) {
    d_.config_fields = fields;
    d_.config_field_count = count;
    return *this;
  }
  template <size_t N>
  DescriptorBuilder &config(const ls_config_field_t (&fields)[N]) { return config(fields, count_of(fields)); }
  template <size_t N>
  DescriptorBuilder &hooks(const ls_hook_decl_t (&h)[N]) {
    d_.hooks = h;
    d_.hook_count = count_of(h);
    return *this;
  }
  template <size_t N>
  DescriptorBuilder &observers(const ls_observer_decl_t (&o)[N]) {
    d_.observers = o;
    d_.observer_count = count_of(o);
    return *this;
  }
  template <size_t N>
  DescriptorBuilder &provided(const ls_provider_decl_t (&p)[N]) {
    d_.provides = p;
    d_.provide_count = count_of(p);
    return *this;
  }
  template <size_t N>
  DescriptorBuilder &required(const ls_requirement_t (&r)[N]) {
    d_.requirements = r;
    d_.requirement_count = count_of(r);
    return *this;
  }
  /// The module implements check_reconfigure / apply_reconfigure (SIGHUP reload).
  DescriptorBuilder &reloadable(bool yes = true) {
    reloadable_ = yes;
    return *this;
  }
  [[nodiscard]] ls_module_descriptor_t build() const {
    ls_module_descriptor_t d = d_;
    bind_lifecycle<M>(d, reloadable_);
    return d;
  }

 private:
  ls_module_descriptor_t d_{};
  bool reloadable_ = false;
};

}  // namespace lineside

/// Define the entry symbol returning a descriptor built by `FACTORY()` (a function returning a
/// reference to a static ls_module_descriptor_t).
#define LINESIDE_MODULE_ENTRY(FACTORY)                                           \
  extern "C" LS_MODULE_EXPORT const ls_module_descriptor_t *lineside_module_v1() { \
    return &FACTORY();                                                           \
  }
