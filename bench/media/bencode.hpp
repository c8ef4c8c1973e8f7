// bench/media/bencode.hpp: just enough bencode for rtpengine's NG protocol: build a dictionary of
// strings and string lists, read one string value back out of a reply.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lineside::bench {

/// A bencoded dictionary built in key order as given (rtpengine does not need sorted keys).
class BencodeDict {
 public:
  BencodeDict &add(std::string_view key, std::string_view value);
  BencodeDict &add(std::string_view key, const std::vector<std::string> &values);
  [[nodiscard]] std::string encoded() const { return "d" + body_ + "e"; }

 private:
  std::string body_;
};

/// The string value of `key` at the top level of a bencoded dictionary, or nullopt.
std::optional<std::string> bencode_string(std::string_view dict, std::string_view key);

}  // namespace lineside::bench
