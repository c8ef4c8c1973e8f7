// hello_module.cpp: the example module, and the reference for writing one with plugin.hpp: it
// answers OPTIONS sent to one user with an X-Hello header and counts received requests per method.
//
// A module is one shared object that exports a single C symbol, lineside_module_v1, returning a
// static descriptor: its config schema, the hooks and observers it wants, the providers it offers
// or needs, and its lifecycle functions. Everything it may ask of the server goes through the host
// table it receives at init (wrapped here by lineside::Host); it links against nothing else of
// Lineside. plugin.hpp turns member functions into the C callbacks and stops every C++ exception
// at the boundary (a throwing hook returns LS_VERDICT_ERROR and is logged).
//
// YAML (lineside.yaml):
//   modules:
//     hello:
//       enabled: true
//       config:
//         greeting: "hello from lineside"   # value of the X-Hello header
//         user: hello                       # answer OPTIONS whose Request-URI user is this
#include <cctype>
#include <string>
#include <string_view>

#include "lineside/plugin.hpp"

namespace {

/// The config this module runs with, read from a validated config node.
struct HelloSettings {
  std::string greeting;
  std::string user;

  /// Read the settings. The kernel has validated types and filled defaults, so the fallbacks
  /// only matter for a host that does not know a key. Returns the reason it cannot be used, or "".
  static std::string read(const lineside::Host &host, const lineside::Config &cfg,
                          HelloSettings &out) {
    out.greeting = cfg.string_or("greeting", "hello from lineside");
    out.user = cfg.string_or("user", "hello");
    // Semantic checks the schema cannot express: a header value must not break the message.
    if (out.greeting.find_first_of("\r\n") != std::string::npos) {
      host.config_error(cfg, "greeting", "must not contain line breaks");
      return "greeting must not contain line breaks";
    }
    if (out.user.empty()) {
      host.config_error(cfg, "user", "must not be empty");
      return "user must not be empty";
    }
    return "";
  }
};

/// The metric name for a method: "requests_" + the method lower-cased, any character outside
/// [a-z0-9] replaced by '_' (SIP methods are tokens; metric names are [a-z0-9_]).
std::string metric_for(std::string_view method) {
  std::string name = "requests_";
  for (char c : method) {
    const auto u = static_cast<unsigned char>(c);
    name += std::isalnum(u) ? static_cast<char>(std::tolower(u)) : '_';
  }
  return name;
}

/// The module instance: one per process, created by init (the constructor), freed by destroy.
/// Every callback runs on the SIP thread, so no locking is needed; nothing here may block.
class Hello final : public lineside::ModuleBase {
 public:
  /// init: read the config. Throwing fails init with the exception's text as the reason.
  explicit Hello(lineside::Host host) : ModuleBase(host) {
    const std::string why = HelloSettings::read(host, host.config(), settings_);
    if (!why.empty()) throw std::runtime_error(why);
    host.info("answering OPTIONS for user '" + settings_.user + "'");
  }

  /// LS_HOOK_REQUEST_RECEIVED (every method): count, then let the request go on.
  uint32_t on_received(lineside::Request &req) {
    host().metric_add(metric_for(req.method()).c_str(), 1);
    return LS_VERDICT_CONTINUE;
  }

  /// LS_HOOK_REQUEST for OPTIONS only (the `methods` filter in the declaration): answer when the
  /// Request-URI user is ours (STOP ends the chain), else CONTINUE so the next hook, or the
  /// kernel's own 200, handles it.
  uint32_t on_options(lineside::Request &req) {
    if (!req.has_field(LS_FIELD_REQUEST_URI_USER) ||
        req.field(LS_FIELD_REQUEST_URI_USER) != settings_.user)
      return LS_VERDICT_CONTINUE;
    // NULL reason = the standard phrase ("OK"). The host copies everything we pass.
    req.respond(200, nullptr, {{"X-Hello", settings_.greeting}});
    return LS_VERDICT_STOP;
  }

  /// SIGHUP reload, phase 1: accept any config whose settings read cleanly (reload is
  /// all-or-nothing across modules, so this must not change anything yet).
  std::string check_reconfigure(const lineside::Config &cfg) override {
    HelloSettings next;
    return HelloSettings::read(host(), cfg, next);
  }

  /// Phase 2: take the new config; it passed the check, so this cannot fail.
  void apply_reconfigure(const lineside::Config &cfg) override {
    HelloSettings::read(host(), cfg, settings_);
  }

 private:
  HelloSettings settings_;
};

/// The config schema: the kernel validates `modules.hello.config` against it and fills in the
/// defaults before init. Fields: size, type, key, default (YAML text), doc, flags, child_count,
/// min, max, choices, children.
constexpr ls_config_field_t kConfig[] = {
    {sizeof(ls_config_field_t), LS_CFG_STRING, "greeting", "hello from lineside",
     "value of the X-Hello header in answers", 0, 0, 0, 0, nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_STRING, "user", "hello",
     "Request-URI user whose OPTIONS this module answers", 0, 0, 0, 0, nullptr, nullptr},
};

/// The hooks. Priorities can be overridden in YAML: modules.hello.hooks.<name>.priority.
constexpr ls_hook_decl_t kHooks[] = {
    lineside::hook<Hello, &Hello::on_received>(LS_HOOK_REQUEST_RECEIVED, "count", 900),
    lineside::hook<Hello, &Hello::on_options>(LS_HOOK_REQUEST, "options", 500, "OPTIONS"),
};

/// The descriptor, built once; it must live as long as the process (static storage). The
/// builder fills the ABI versions and the init/start/stop/destroy/reload trampolines for Hello.
const ls_module_descriptor_t &descriptor() {
  static const ls_module_descriptor_t d =
      lineside::DescriptorBuilder<Hello>("hello", "1.0.0",
                                         "answers OPTIONS for one user with an X-Hello header; counts "
                                         "requests per method")
          .config(kConfig)
          .hooks(kHooks)
          .reloadable()
          .build();
  return d;
}

}  // namespace

// The one exported symbol: extern "C" lineside_module_v1(), with default visibility.
LINESIDE_MODULE_ENTRY(descriptor)
