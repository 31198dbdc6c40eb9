#pragma once
// What any transport turns its wire payload into: one normalised event.
#include <nlohmann/json.hpp>
#include <string>

#include "bot/core/clock.hpp"

namespace relais::core {

struct InboundEvent {
  std::string transport;       ///< "webchat" | "teams" | "matrix"
  std::string message_id;      ///< unique per transport: de-duplicates retries
  std::string sender_address;  ///< the transport's id for the sender
  std::string conversation;    ///< where a reply to this event goes (transport-specific)
  bool personal = true;        ///< `conversation` is the sender's own 1:1 chat: reach them there later
  std::string text;            ///< what the person wrote (or typed into a card's input)
  std::string action;          ///< set when a button was pressed: "claim", "resolve", ...
  nlohmann::json args = nlohmann::json::object();
  TimePoint received_at{};

  std::string dedupe_key() const { return transport + ":" + message_id; }
};

}  // namespace relais::core
