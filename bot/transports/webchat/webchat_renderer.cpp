#include "bot/transports/webchat/webchat_renderer.hpp"

#include <nlohmann/json.hpp>

namespace relais::webchat {

using nlohmann::json;

std::string render_message(std::int64_t outbox_id, const core::OutboundMessage& message) {
  json frame = message;
  frame["type"] = "message";
  frame["id"] = outbox_id;
  return frame.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string render_ack(const std::string& client_id, const std::string& status) {
  return json{{"type", "ack"}, {"id", client_id}, {"status", status}}.dump();
}

std::string render_error(const std::string& code, const std::string& message, const std::string& client_id) {
  json frame = {{"type", "error"}, {"code", code}, {"message", message}};
  if (!client_id.empty()) frame["id"] = client_id;
  return frame.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string render_hello(const core::Person& person, bool demo, const PageText& text) {
  json roles = json::array();
  for (auto r : person.roles) roles.push_back(core::to_string(r));
  return json{{"type", "hello"},
              {"demo", demo},
              {"greeting", text.greeting},
              {"ui", {{"placeholder", text.placeholder}, {"send", text.send}}},
              {"person",
               {{"id", person.id}, {"name", person.name}, {"language", person.language},
                {"circle", person.circle}, {"roles", roles}}}}
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace relais::webchat
