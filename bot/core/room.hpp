#pragma once
// A shared place the bot posts to — a Teams channel, a Matrix room, a webhook — rather than a
// person. Its messages are outbox rows addressed to "room:<name>".
#include <optional>
#include <string>
#include <string_view>

#include "bot/core/person.hpp"

namespace relais::core {

struct Room {
  std::string name;       ///< "community", "it"
  std::string transport;  ///< "webhook", ...
  std::string address;    ///< where on that transport (for a webhook, its URL: a secret)
  std::string language;   ///< the language its posts are written in
  Role audience = Role::ambassador;  ///< who reads it: decides which buttons its cards offer

  std::string recipient() const { return "room:" + name; }
  /// The room as a reader of its cards: a person of its audience, speaking its language.
  Person as_reader() const {
    return Person{.id = recipient(), .name = name, .language = language, .roles = {audience}};
  }
};

/// Reads "transport:address", e.g. "webhook:https://hooks.example/T1" or
/// "teams:19:abc@thread.tacv2" (a Teams channel the bot was added to) or
/// "matrix:!abc:example.org" (a Matrix room the bot was invited to); on a problem, says
/// what is wrong in `error` (never repeating the address, which may hold a token).
std::optional<Room> parse_room(std::string name, std::string_view spec, std::string language, Role audience,
                               std::string& error);

}  // namespace relais::core
