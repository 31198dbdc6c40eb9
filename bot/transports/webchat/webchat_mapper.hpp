#pragma once
// Web chat frames (JSON text messages on /ws) -> normalised events. Pure: no sockets, no state.
//
// client -> server
//   {"type":"say",      "id":"c-1", "text":"How do I share my screen?"}
//   {"type":"action",   "id":"c-2", "action":"claim", "args":{"question":12}, "text":"optional input"}
//   {"type":"received", "ids":[41, 42]}          receipts for delivered messages
// server -> client: see webchat_renderer.hpp
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bot/core/inbound_event.hpp"

namespace relais::webchat {

struct Receipts {
  std::vector<std::int64_t> ids;
};

struct FrameError {
  std::string code;     ///< machine-readable: bad_json, bad_frame, too_deep, ...
  std::string message;  ///< names what is wrong
  std::string id;       ///< the client's id, when it could be read
};

using Frame = std::variant<core::InboundEvent, Receipts, FrameError>;

inline constexpr std::size_t max_text_length = 4000;
inline constexpr std::size_t max_id_length = 100;
inline constexpr int max_json_depth = 16;

/// Maps one frame from `person_id`'s connection.
Frame map_frame(std::string_view frame, const std::string& person_id, core::TimePoint now);

}  // namespace relais::webchat
