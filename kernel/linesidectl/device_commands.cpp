// linesidectl/device_commands.cpp: `linesidectl device add|set|del|list|show`.
#include "linesidectl/commands.hpp"
#include "linesidectl/ctl_errors.hpp"
#include "linesidectl/field_values.hpp"
#include "linesidectl/json_values.hpp"
#include "linesidectl/table.hpp"

namespace lineside::ctl {

namespace {

const std::string kDevices = "/api/v1/devices";

std::string device_path(const std::string &id) { return kDevices + "/" + path_segment(id); }

void print_device(const CommandContext &ctx, const std::string &body, const std::string &headline) {
  const Poco::JSON::Object::Ptr dev = require_object(body, "device");
  if (!headline.empty()) ctx.out << headline << "\n";
  ctx.out << render_fields(object_fields(*dev));
}

int list(const CommandContext &ctx) {
  no_more_words(ctx, 2, "device list");
  const ApiResponse resp = call_api(ctx, "GET", kDevices);
  if (printed_json(ctx, resp)) return kExitOk;
  const Poco::JSON::Object::Ptr body = require_object(resp.body, "device list");
  Table t({"ID", "USER", "DN", "LINES", "TYPE", "SERVICE", "SINGLE LINE", "PROFILE", "AUTH", "DISPLAY NAME"});
  const Poco::JSON::Array::Ptr devices = array_field(*body, "devices");
  for (size_t i = 0; i < devices->size(); ++i) {
    const Poco::JSON::Object::Ptr d = devices->getObject(static_cast<unsigned>(i));
    if (!d) continue;
    t.add({field_text(*d, "id"), field_text(*d, "user"), field_text(*d, "dn"), field_text(*d, "additional_dns"),
           field_text(*d, "device_type"), field_text(*d, "service_level"), field_text(*d, "single_line"),
           field_text(*d, "effective_profile"), field_text(*d, "auth"), field_text(*d, "display_name")});
  }
  ctx.out << t.render() << t.rows() << (t.rows() == 1 ? " device\n" : " devices\n");
  return kExitOk;
}

int show(const CommandContext &ctx) {
  const std::string id = required_word(ctx, 2, "device show ID");
  no_more_words(ctx, 3, "device show ID");
  const ApiResponse resp = call_api(ctx, "GET", device_path(id));
  if (!printed_json(ctx, resp)) print_device(ctx, resp.body, "");
  return kExitOk;
}

int add(const CommandContext &ctx) {
  const std::string usage = "device add ID name=value... (see linesidectl device --help)";
  std::vector<std::string> words = words_from(ctx, 2, true, usage);
  std::string id;
  if (words.front().find('=') == std::string::npos) {
    id = words.front();
    words.erase(words.begin());
  }
  Poco::JSON::Object::Ptr fields = fields_object(words, device_fields(), "device");
  if (!id.empty()) {
    if (fields->has("id") && fields->getValue<std::string>("id") != id) {
      throw UsageError("device add " + id + ": id=" + fields->getValue<std::string>("id") + " disagrees");
    }
    fields->set("id", id);
  }
  const ApiResponse resp = call_api(ctx, "POST", kDevices, json_text(*fields));
  if (!printed_json(ctx, resp)) print_device(ctx, resp.body, "added device " + field_text(*fields, "id"));
  return kExitOk;
}

int set(const CommandContext &ctx) {
  const std::string usage = "device set ID name=value...";
  const std::string id = required_word(ctx, 2, usage);
  const Poco::JSON::Object::Ptr fields = fields_object(words_from(ctx, 3, true, usage), device_fields(), "device");
  const ApiResponse resp = call_api(ctx, "PATCH", device_path(id), json_text(*fields));
  if (!printed_json(ctx, resp)) print_device(ctx, resp.body, "changed device " + id);
  return kExitOk;
}

int del(const CommandContext &ctx) {
  const std::string id = required_word(ctx, 2, "device del ID");
  no_more_words(ctx, 3, "device del ID");
  const ApiResponse resp = call_api(ctx, "DELETE", device_path(id));
  if (!printed_json(ctx, resp)) ctx.out << "deleted device " << id << "\n";
  return kExitOk;
}

}  // namespace

int run_device(const CommandContext &ctx) {
  const std::string sub = ctx.args.word(1);
  if (sub == "list" || sub == "ls") return list(ctx);
  if (sub == "show") return show(ctx);
  if (sub == "add") return add(ctx);
  if (sub == "set") return set(ctx);
  if (sub == "del" || sub == "delete" || sub == "rm") return del(ctx);
  throw UsageError(sub.empty() ? "device: say add, set, del, list or show"
                               : "device: unknown subcommand '" + sub + "' (add, set, del, list, show)");
}

}  // namespace lineside::ctl
