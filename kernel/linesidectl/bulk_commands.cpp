// linesidectl/bulk_commands.cpp: `linesidectl import FILE` and `export`: bulk provisioning.
#include <fstream>
#include <sstream>

#include "linesidectl/commands.hpp"
#include "linesidectl/ctl_errors.hpp"
#include "linesidectl/json_values.hpp"
#include "linesidectl/yaml_out.hpp"
#include "provisioning/directory_file_json.hpp"

namespace lineside::ctl {

namespace {

bool ends_with(const std::string &s, const std::string &tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

/// A .json file is sent as it is (the shape `export --json` writes); anything else is read as a
/// YAML directory file and turned into the import bundle.
Poco::JSON::Object::Ptr import_bundle(const std::string &path) {
  if (ends_with(path, ".json")) {
    std::ifstream in(path);
    if (!in) throw RefusedError(path + ": cannot read the file");
    std::stringstream text;
    text << in.rdbuf();
    Poco::JSON::Object::Ptr obj = parse_object(text.str());
    if (!obj) throw RefusedError(path + ": not a JSON object");
    return obj;
  }
  try {
    return lineside::kernel::directory_file_bundle(path);
  } catch (const std::exception &e) {
    throw RefusedError(e.what());
  }
}

}  // namespace

int run_import(const CommandContext &ctx) {
  const std::string usage = "import FILE.yaml (a directory file) or FILE.json (from export --json)";
  const std::string path = required_word(ctx, 1, usage);
  no_more_words(ctx, 2, usage);
  const Poco::JSON::Object::Ptr bundle = import_bundle(path);
  const ApiResponse resp = call_api(ctx, "POST", "/api/v1/import", json_text(*bundle));
  if (printed_json(ctx, resp)) return kExitOk;
  const Poco::JSON::Object::Ptr body = require_object(resp.body, "import");
  ctx.out << "imported " << path << ": " << field_text(*body, "created") << " created, "
          << field_text(*body, "updated") << " updated, " << field_text(*body, "unchanged") << " unchanged\n";
  return kExitOk;
}

int run_export(const CommandContext &ctx) {
  no_more_words(ctx, 1, "export");
  const ApiResponse resp = call_api(ctx, "GET", "/api/v1/export");
  if (printed_json(ctx, resp)) return kExitOk;
  ctx.out << "# linesidectl export: devices, changed capability profiles, system options\n"
          << yaml_text(*require_object(resp.body, "export"));
  return kExitOk;
}

}  // namespace lineside::ctl
