// config/yaml_source.cpp: reading YAML files and tracking the file and position of nodes.
#include "config/yaml_source.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace lineside::kernel {
namespace {

/// The whole file, or nullopt with errno set.
std::optional<std::string> read_whole_file(const std::string &path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string content;
  char buffer[8192];
  while (true) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      const int saved = errno;
      ::close(fd);
      errno = saved;
      return std::nullopt;
    }
    if (got == 0) break;
    content.append(buffer, static_cast<size_t>(got));
  }
  ::close(fd);
  return content;
}

ConfigError yaml_error(const std::string &path, const YAML::Mark &mark, const std::string &message) {
  const bool has_mark = !mark.is_null() && mark.line >= 0;
  return ConfigError{path, has_mark ? mark.line + 1 : 0, has_mark ? mark.column + 1 : 0, "yaml", message};
}

} // namespace

void NodeOrigins::record(const YAML::Node &node, const std::string &file) {
  nodes_.emplace_back(node, file);
}

const std::string &NodeOrigins::file_of(const YAML::Node &node, const std::string &inherited) const {
  if (!node.IsDefined()) return inherited;
  // Latest first: a later fragment's node replaces an earlier one's.
  for (auto it = nodes_.rbegin(); it != nodes_.rend(); ++it) {
    if (it->first.is(node)) return it->second;
  }
  return inherited;
}

SourcePos position_of(const YAML::Node &node, const std::string &file, const SourcePos &fallback) {
  if (!node.IsDefined() || node.IsNull()) return fallback;
  const YAML::Mark mark = node.Mark();
  if (mark.is_null() || mark.line < 0) return fallback;
  return SourcePos{file, mark.line + 1, mark.column + 1};
}

std::optional<YAML::Node> read_yaml_file(const std::string &path, std::vector<ConfigError> &errors) {
  const std::optional<std::string> content = read_whole_file(path);
  if (!content) {
    errors.push_back(ConfigError{path, 0, 0, "", std::string("cannot read file: ") + std::strerror(errno)});
    return std::nullopt;
  }
  try {
    std::vector<YAML::Node> documents = YAML::LoadAll(*content);
    if (documents.empty()) return YAML::Node(YAML::NodeType::Null);
    if (documents.size() > 1) {
      errors.push_back(yaml_error(path, documents[1].Mark(), "only one YAML document per file"));
      return std::nullopt;
    }
    return documents.front();
  } catch (const YAML::Exception &e) {
    errors.push_back(yaml_error(path, e.mark, e.msg));
    return std::nullopt;
  }
}

bool is_plain_scalar(const YAML::Node &node) {
  return node.IsDefined() && node.IsScalar() && node.Tag() != "!" && node.Tag() != "tag:yaml.org,2002:str";
}

} // namespace lineside::kernel
