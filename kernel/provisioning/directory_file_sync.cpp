// provisioning/directory_file_sync.cpp: when to import the directory file, and doing it.
#include "provisioning/directory_file_sync.hpp"

#include <stdexcept>
#include <sys/stat.h>

#include "provisioning/directory_file_json.hpp"

namespace lineside::kernel {

FileImport plan_directory_file_import(Provisioning &p, const std::string &path, bool at_start) {
  FileImport plan;
  plan.path = path;
  struct stat st {};
  if (path.empty() || (::stat(path.c_str(), &st) != 0 && !(at_start && p.data().devices.empty()))) {
    return plan;  // no file (and devices exist): the store alone is the directory
  }
  plan.sha256 = file_sha256(path);
  const bool changed = plan.sha256 != p.imported_file_hash();
  if (!changed && !(at_start && p.data().devices.empty())) return plan;
  Poco::JSON::Object::Ptr bundle = directory_file_bundle(path);
  plan.result = op_import(p.data(), p.context(), *bundle);
  if (plan.result.refusal.refused()) {
    std::string text = "directory file " + path + " cannot be imported:";
    for (const FieldError &e : plan.result.refusal.errors) text += "\n  " + e.message;
    throw std::runtime_error(text);
  }
  plan.needed = true;
  return plan;
}

std::string apply_directory_file_import(Provisioning &p, FileImport plan) {
  if (!plan.needed) return "";
  Poco::JSON::Object::Ptr summary = plan.result.body;
  p.apply_now(std::move(plan.result));
  p.remember_imported_file(plan.sha256);
  return "imported " + plan.path + ": " + std::to_string(summary->getValue<size_t>("created")) + " created, " +
         std::to_string(summary->getValue<size_t>("updated")) + " updated, " +
         std::to_string(summary->getValue<size_t>("unchanged")) + " unchanged";
}

}  // namespace lineside::kernel
