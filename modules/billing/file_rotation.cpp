// billing/file_rotation.cpp: rotated file names, listing and retention.
#include "file_rotation.hpp"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <optional>
#include <tuple>
#include <utility>

#include "posix_file.hpp"

namespace lineside::billing {
namespace {

struct NameParts {
  std::string dir, stem, ext;
};

NameParts split(const std::string &path) {
  NameParts p;
  p.dir = parent_of(path);
  const size_t slash = path.find_last_of('/');
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  const size_t dot = base.find_last_of('.');
  if (dot == std::string::npos || dot == 0) {
    p.stem = base;
  } else {
    p.stem = base.substr(0, dot);
    p.ext = base.substr(dot);
  }
  return p;
}

bool all_digits(const std::string &s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// The (day, sequence) of "<stem>-<8 digits>[-<digits>]<ext>" (sequence 0 without "-n"), or
/// nothing when `name` is not a rotated file of `p`.
std::optional<std::pair<int, long>> rotated_key(const std::string &name, const NameParts &p) {
  const std::string head = p.stem + "-";
  if (name.size() < head.size() + 8 + p.ext.size()) return std::nullopt;
  if (name.compare(0, head.size(), head) != 0) return std::nullopt;
  if (name.compare(name.size() - p.ext.size(), p.ext.size(), p.ext) != 0) return std::nullopt;
  const std::string middle = name.substr(head.size(), name.size() - head.size() - p.ext.size());
  const std::string day = middle.substr(0, 8);
  if (!all_digits(day)) return std::nullopt;
  if (middle.size() == 8) return std::make_pair(std::stoi(day), 0L);
  const std::string seq = middle.substr(9);
  if (middle[8] != '-' || !all_digits(seq) || seq.size() > 9) return std::nullopt;
  return std::make_pair(std::stoi(day), std::stol(seq));
}

bool exists(const std::string &path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

}  // namespace

int local_day(int64_t unix_s) {
  const time_t t = static_cast<time_t>(unix_s);
  struct tm tm {};
  localtime_r(&t, &tm);
  return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

std::string rotated_name(const std::string &path, int day) {
  const NameParts p = split(path);
  const std::string base = p.dir + "/" + p.stem + "-" + std::to_string(day);
  // After the last rotated file of that day (never a name pruning freed: it would sort first).
  long next = -1;
  DIR *dir = ::opendir(p.dir.c_str());
  if (dir) {
    while (const dirent *e = ::readdir(dir)) {
      const auto key = rotated_key(e->d_name, p);
      if (key && key->first == day) next = std::max(next, key->second + 1);
    }
    ::closedir(dir);
  }
  std::string name = next <= 0 ? base + p.ext : base + "-" + std::to_string(next) + p.ext;
  for (long n = std::max(next, 1L); exists(name); ++n)
    name = base + "-" + std::to_string(n) + p.ext;
  return name;
}

std::vector<std::string> rotated_files(const std::string &path) {
  const NameParts p = split(path);
  std::vector<std::tuple<int, long, std::string>> found;
  DIR *dir = ::opendir(p.dir.c_str());
  if (!dir) return {};
  while (const dirent *e = ::readdir(dir)) {
    const std::string name = e->d_name;
    const auto key = rotated_key(name, p);
    if (!key) continue;
    const std::string full = p.dir + "/" + name;
    struct stat st {};
    if (::stat(full.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    found.emplace_back(key->first, key->second, full);
  }
  ::closedir(dir);
  std::sort(found.begin(), found.end());
  std::vector<std::string> out;
  for (auto &entry : found) out.push_back(std::move(std::get<2>(entry)));
  return out;
}

std::vector<std::string> prune_rotated(const std::string &path, uint32_t keep) {
  std::vector<std::string> errors;
  if (keep == 0) return errors;
  const std::vector<std::string> files = rotated_files(path);
  if (files.size() <= keep) return errors;
  for (size_t i = 0; i + keep < files.size(); ++i) {
    if (::unlink(files[i].c_str()) != 0) errors.push_back(errno_text("cannot delete", files[i]));
  }
  return errors;
}

}  // namespace lineside::billing
