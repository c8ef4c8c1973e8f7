// emergency/registration_moves.hpp: the last address each device registered from, and the moves
// seen (a device registering from a new address may have moved; its CESID is not changed: the
// table is kept by hand, as on MiVB, so the administrator is told).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>

namespace lineside::emergency {

struct RegistrationMove {
  std::string device_id;
  std::string user;       ///< AoR user
  std::string from_addr;  ///< the address it registered from before
  std::string to_addr;    ///< the address it registers from now
  int64_t at_unix = 0;
};

class RegistrationMoves {
 public:
  static constexpr size_t kKeptMoves = 100;

  /// A registration of `device_id` from `addr` (port ignored: NAT and reconnections change it).
  /// `restored`: re-created from the store at start-up (sets the baseline, never a move).
  /// Returns the move when the device was last seen at another address.
  std::optional<RegistrationMove> seen(const std::string &device_id, const std::string &user,
                                       const std::string &addr, int64_t now_unix, bool restored);
  /// A device deleted from the directory is forgotten.
  void forget(const std::string &device_id) { last_.erase(device_id); }

  /// The latest moves, oldest first (at most kKeptMoves).
  [[nodiscard]] const std::deque<RegistrationMove> &moves() const { return moves_; }
  [[nodiscard]] uint64_t total_moves() const { return total_; }

 private:
  std::map<std::string, std::string> last_;  ///< device id -> address
  std::deque<RegistrationMove> moves_;
  uint64_t total_ = 0;
};

}  // namespace lineside::emergency
