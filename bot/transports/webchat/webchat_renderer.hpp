#pragma once
// Semantic replies -> web chat frames. Pure.
//
// server -> client
//   {"type":"hello",   "person":{...}, "demo":true, "greeting":"Hi Ana! ...", "ui":{...}}
//   {"type":"ack",     "id":"c-1", "status":"accepted"|"duplicate"}
//   {"type":"message", "id":41, "text":"...", "card":{...}, "buttons":[...]}   receipts expected
//   {"type":"error",   "code":"bad_frame", "message":"...", "id":"c-1"}
#include <cstdint>
#include <string>

#include "bot/core/outbound_message.hpp"
#include "bot/core/person.hpp"

namespace relais::webchat {

std::string render_message(std::int64_t outbox_id, const core::OutboundMessage& message);
std::string render_ack(const std::string& client_id, const std::string& status);
std::string render_error(const std::string& code, const std::string& message, const std::string& client_id);
/// The page's own words in the person's language.
struct PageText {
  std::string greeting;
  std::string placeholder;
  std::string send;
};

/// The first frame on a connection: who the page is signed in as, a greeting, the page's words.
std::string render_hello(const core::Person& person, bool demo, const PageText& text);

}  // namespace relais::webchat
