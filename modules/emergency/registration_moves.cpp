// emergency/registration_moves.cpp: move detection per device.
#include "registration_moves.hpp"

namespace lineside::emergency {

std::optional<RegistrationMove> RegistrationMoves::seen(const std::string &device_id,
                                                        const std::string &user,
                                                        const std::string &addr, int64_t now_unix,
                                                        bool restored) {
  if (device_id.empty() || addr.empty()) return std::nullopt;
  auto [it, inserted] = last_.try_emplace(device_id, addr);
  if (inserted || it->second == addr) return std::nullopt;
  RegistrationMove move{device_id, user, it->second, addr, now_unix};
  it->second = addr;
  if (restored) return std::nullopt;
  moves_.push_back(move);
  if (moves_.size() > kKeptMoves) moves_.pop_front();
  ++total_;
  return move;
}

}  // namespace lineside::emergency
