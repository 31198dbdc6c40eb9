#pragma once
// Typed chat commands: "claim 12", "!claim 12", "/answer 12 Open Settings…".
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bot/core/inbound_event.hpp"

namespace relais::skills {

struct Command {
  std::string verb;                   ///< lower case, without a leading ! or /
  std::optional<std::int64_t> number;  ///< the question number, when one follows
  std::string rest;                   ///< the text after the number
};

Command parse_command(std::string_view text);

/// The text after the first word (and its ! or /), trimmed: "event 2026-12-03 …" -> "2026-12-03 …".
std::string after_verb(std::string_view text);

/// The question an event is about: a button's args.question, or the typed number.
std::optional<std::int64_t> question_of(const core::InboundEvent& event, const Command& command);

}  // namespace relais::skills
