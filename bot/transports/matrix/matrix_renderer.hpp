#pragma once
// OutboundMessage -> the content of an m.room.message: an m.notice (bots speak in notices, so
// other bots do not answer them) with a plain `body` and an HTML `formatted_body`, mentions
// as pills and in `m.mentions`. Matrix has no buttons, so each button becomes a reaction to
// add (👍, ✋, 1️⃣ ...) or, for one that asks for text, a reply to the message; the hint line
// says which. The sender remembers the choices, to turn a reaction or reply into the button.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bot/core/outbound_message.hpp"

namespace relais::matrix {

/// What a person does to press a button: react with `key`, or (key "reply") reply with text.
struct Choice {
  std::string key;
  core::Button button;
};

/// The hint's words, in the reader's language.
struct Hints {
  std::string react;  ///< "React with"
  std::string reply;  ///< "Reply to this message to"
};

struct Pill {
  std::string user_id;
  std::string name;
};

struct Rendered {
  nlohmann::json content;
  std::vector<Choice> choices;
};

inline constexpr const char* reply_key = "reply";

/// The reaction (or reply) each button is pressed with: a number's keycap for a button labelled
/// 0 to 10 (a scale), a fixed emoji per action where one is obvious (✋ claim, 👍 helpful ...),
/// otherwise 1️⃣, 2️⃣, ... in order.
std::vector<Choice> choices_for(const std::vector<core::Button>& buttons);

Rendered render_message(const core::OutboundMessage& message, const Hints& hints, const std::vector<Pill>& pills);

/// The same message placed in a thread (replies keep a thread's conversation together).
nlohmann::json in_thread(nlohmann::json content, const std::string& thread_root);

/// An edit (m.replace) of `original_event_id` that makes it show `content`.
nlohmann::json edit_of(const nlohmann::json& content, const std::string& original_event_id);

}  // namespace relais::matrix
