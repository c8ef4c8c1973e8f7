// tests/unit/transport/transport_test_support.hpp: fixture for the transport module (fake host,
// a scratch folder with TLS files, listener config helpers).
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "lineside/testing/fake_host.hpp"
#include "transport_descriptor.hpp"
#include "transport_module.hpp"

namespace lineside::transport::test {

/// A scratch folder removed at the end of the test.
class ScratchDir {
 public:
  ScratchDir() {
    namespace fs = std::filesystem;
    std::random_device random;
    path_ = fs::temp_directory_path() /
            ("lineside-transport-test-" + std::to_string(random()) + "-" + std::to_string(random()));
    fs::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir &) = delete;
  ScratchDir &operator=(const ScratchDir &) = delete;

  /// Write `content` to `name` with `perms`; returns the full path.
  std::string write(const std::string &name, const std::string &content,
                    std::filesystem::perms perms = std::filesystem::perms::owner_read |
                                                   std::filesystem::perms::owner_write) const {
    const auto file = path_ / name;
    std::ofstream(file) << content;
    std::filesystem::permissions(file, perms);
    return file.string();
  }
  [[nodiscard]] std::string path(const std::string &name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

/// A fake host with TLS files ready in a scratch folder.
struct TransportFixture {
  ScratchDir dir;
  std::string cert = dir.write("cert.pem", "-----BEGIN CERTIFICATE-----\n");
  std::string key = dir.write("key.pem", "-----BEGIN PRIVATE KEY-----\n");
  testing::FakeHost host;

  bool load() { return host.load(&transport_descriptor(), testing::delete_module_base); }
  TransportModule &module() { return host.module<TransportModule>(); }

  /// Add a listener item to config() and return it for further keys.
  testing::FakeConfig &add_listener(const std::string &transport, const std::string &address = "127.0.0.1") {
    testing::FakeConfig &item = host.config().add_child("listeners");
    item.set("transport", transport).set("address", address);
    return item;
  }
  /// Add a TLS listener using the fixture's certificate and key.
  testing::FakeConfig &add_tls_listener() {
    testing::FakeConfig &item = add_listener("tls");
    item.set("certificate", cert).set("private_key", key);
    return item;
  }
  /// True when host->config_error was called for `key` with exactly `message`.
  bool config_error(const std::string &key, const std::string &message) const {
    for (const auto &e : host.config_errors())
      if (e.key == key && e.message == message) return true;
    return false;
  }
};

}  // namespace lineside::transport::test
