// bench/media/sdp_text.hpp: the load tool's SDP: what its phones offer and answer, and the few
// fields it reads back from the relay's SDP (port, a=crypto, session id).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/sdes_attribute.hpp"

namespace lineside::bench {

/// One PCMU audio stream from 127.0.0.1:`port`; RTP/SAVP with `crypto` when given. The origin's
/// session id is `session_id` (the SIP callee finds its call index there).
std::string phone_sdp(uint32_t session_id, uint16_t port, const srtp::CryptoAttribute *crypto);

/// The port of the first m=audio line, 0 when none.
uint16_t sdp_audio_port(std::string_view sdp);
/// The first a=crypto line, parsed.
std::optional<srtp::CryptoAttribute> sdp_crypto(std::string_view sdp);
/// The session id of the o= line.
std::optional<uint32_t> sdp_session_id(std::string_view sdp);

}  // namespace lineside::bench
