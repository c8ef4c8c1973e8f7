// linesidectl/cesid_commands.cpp: `cesid set|del|show|list|import`: the CESID table (emergency
// caller location numbers) through the emergency module's admin routes (/api/v1/cesid).
#include <fstream>
#include <sstream>

#include "linesidectl/commands.hpp"
#include "linesidectl/ctl_errors.hpp"
#include "linesidectl/json_values.hpp"
#include "linesidectl/table.hpp"

namespace lineside::ctl {

namespace {

constexpr const char *kPrefix = "/api/v1/cesid";
constexpr const char *kSetUsage = "cesid set DN CESID [privacy=yes|no]";
constexpr const char *kImportUsage = "cesid import FILE.csv|FILE.json [replace=yes]";

/// The answer of a request to the cesid routes. The server's own 404 ("no such resource": no
/// route at all) means the emergency module is not loaded; the module's 404 names the DN.
ApiResponse cesid_request(const CommandContext &ctx, const std::string &method,
                          const std::string &path, const std::string &body = "") {
  ApiResponse resp = ctx.api.request(method, path, body);
  if (resp.status == 404 && resp.body.find("no such resource") != std::string::npos)
    throw RefusedError("cesid: not available on this server (is the emergency module enabled?)");
  return resp;
}

/// The `name=yes|no` word at `index` (yes/no, true/false, on/off, 1/0); false when absent.
bool flag_word(const CommandContext &ctx, size_t index, const std::string &name,
               const std::string &usage) {
  const std::string w = ctx.args.word(index);
  if (w.empty()) return false;
  const std::string prefix = name + "=";
  if (w.rfind(prefix, 0) != 0)
    throw UsageError("unexpected argument '" + w + "'; usage: linesidectl " + usage);
  const std::string v = w.substr(prefix.size());
  if (v == "yes" || v == "true" || v == "on" || v == "1") return true;
  if (v == "no" || v == "false" || v == "off" || v == "0") return false;
  throw UsageError(name + " takes yes or no, got '" + v + "'");
}

void print_entry(const CommandContext &ctx, const Poco::JSON::Object &e) {
  ctx.out << render_fields({{"dn", field_text(e, "dn")},
                            {"cesid", field_text(e, "cesid")},
                            {"privacy", field_text(e, "privacy")},
                            {"device", field_text(e, "device_id")},
                            {"name", field_text(e, "name")}});
}

int cesid_set(const CommandContext &ctx) {
  const std::string dn = required_word(ctx, 2, kSetUsage);
  const std::string cesid = required_word(ctx, 3, kSetUsage);
  no_more_words(ctx, 5, kSetUsage);
  Poco::JSON::Object fields;
  fields.set("cesid",
             cesid);  // checked by the server (7 to 12 digits), which names the broken rule
  if (!ctx.args.word(4).empty()) fields.set("privacy", flag_word(ctx, 4, "privacy", kSetUsage));
  const std::string body = json_text(fields);
  const ApiResponse resp =
      cesid_request(ctx, "PUT", std::string(kPrefix) + "/" + path_segment(dn), body);
  if (!resp.ok()) refuse(ctx, resp);
  if (printed_json(ctx, resp)) return kExitOk;
  ctx.out << "set the CESID of DN " << dn << "\n";
  print_entry(ctx, *require_object(resp.body, "CESID entry"));
  return kExitOk;
}

int cesid_show(const CommandContext &ctx) {
  const std::string dn = required_word(ctx, 2, "cesid show DN");
  no_more_words(ctx, 3, "cesid show DN");
  const ApiResponse resp = cesid_request(ctx, "GET", std::string(kPrefix) + "/" + path_segment(dn));
  if (resp.status == 404)
    throw NotFoundError("cesid: " + field_text(*require_object(resp.body, "cesid"), "error"));
  if (!resp.ok()) refuse(ctx, resp);
  if (printed_json(ctx, resp)) return kExitOk;
  print_entry(ctx, *require_object(resp.body, "CESID entry"));
  return kExitOk;
}

int cesid_del(const CommandContext &ctx) {
  const std::string dn = required_word(ctx, 2, "cesid del DN");
  no_more_words(ctx, 3, "cesid del DN");
  const ApiResponse resp =
      cesid_request(ctx, "DELETE", std::string(kPrefix) + "/" + path_segment(dn));
  if (resp.status == 404) throw NotFoundError("cesid: no CESID entry for DN " + dn);
  if (!resp.ok()) refuse(ctx, resp);
  if (printed_json(ctx, resp)) return kExitOk;
  ctx.out << "removed the CESID entry of DN " << dn
          << " (its emergency calls now use the default CESID)\n";
  return kExitOk;
}

int cesid_list(const CommandContext &ctx) {
  no_more_words(ctx, 2, "cesid list");
  const ApiResponse resp = cesid_request(ctx, "GET", kPrefix);
  if (!resp.ok()) refuse(ctx, resp);
  if (printed_json(ctx, resp)) return kExitOk;
  const Poco::JSON::Object::Ptr body = require_object(resp.body, "CESID table");
  Table t({"DN", "CESID", "PRIVACY", "DEVICE", "NAME"});
  const Poco::JSON::Array::Ptr entries = array_field(*body, "entries");
  for (size_t i = 0; i < entries->size(); ++i) {
    const Poco::JSON::Object::Ptr e = entries->getObject(static_cast<unsigned>(i));
    if (!e) continue;
    t.add({field_text(*e, "dn"), field_text(*e, "cesid"), field_text(*e, "privacy"),
           field_text(*e, "device_id"), field_text(*e, "name")});
  }
  const std::string fallback = field_text(*body, "default_cesid");
  ctx.out << t.render() << t.rows() << (t.rows() == 1 ? " entry" : " entries") << "; default CESID "
          << (fallback.empty() ? "(none)" : fallback) << "\n";
  const Poco::JSON::Array::Ptr moves = array_field(*body, "moves");
  if (moves->size() == 0) return kExitOk;
  Table m({"DEVICE", "USER", "FROM", "TO", "TIME"});
  for (size_t i = 0; i < moves->size(); ++i) {
    const Poco::JSON::Object::Ptr e = moves->getObject(static_cast<unsigned>(i));
    if (!e) continue;
    m.add({field_text(*e, "device_id"), field_text(*e, "user"), field_text(*e, "from"),
           field_text(*e, "to"), field_text(*e, "time")});
  }
  ctx.out
      << "\nregistration address changes (possible moves; CESIDs are not changed automatically):\n"
      << m.render();
  return kExitOk;
}

int cesid_import(const CommandContext &ctx) {
  const std::string path = required_word(ctx, 2, kImportUsage);
  no_more_words(ctx, 4, kImportUsage);
  const bool replace = flag_word(ctx, 3, "replace", kImportUsage);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw RefusedError(path + ": cannot read the file");
  std::stringstream text;
  text << in.rdbuf();
  const ApiResponse resp = cesid_request(
      ctx, "POST", std::string(kPrefix) + "/import" + (replace ? "?replace=true" : ""), text.str());
  if (!resp.ok()) refuse(ctx, resp);
  if (printed_json(ctx, resp)) return kExitOk;
  const Poco::JSON::Object::Ptr body = require_object(resp.body, "import");
  ctx.out << "imported " << path << ": " << field_text(*body, "listed") << " listed, "
          << field_text(*body, "changed") << " changed, " << field_text(*body, "removed")
          << " removed; " << field_text(*body, "count") << " entries in the table\n";
  return kExitOk;
}

}  // namespace

int run_cesid(const CommandContext &ctx) {
  const std::string sub = ctx.args.word(1);
  if (sub == "set") return cesid_set(ctx);
  if (sub == "del" || sub == "delete") return cesid_del(ctx);
  if (sub == "show" || sub == "get") return cesid_show(ctx);
  if (sub == "list") return cesid_list(ctx);
  if (sub == "import") return cesid_import(ctx);
  throw UsageError(sub.empty()
                       ? "usage: linesidectl cesid set|del|show|list|import"
                       : "cesid: unknown subcommand '" + sub + "' (set, del, show, list, import)");
}

}  // namespace lineside::ctl
