#include "bot/transports/webhook/webhook_payload.hpp"

namespace relais::webhook {

nlohmann::json render_payload(const core::OutboundMessage& message, const std::string& room) {
  std::string text = message.text;
  nlohmann::json structured = {{"room", room}, {"text", message.text}};
  if (const auto& card = message.card) {
    auto add = [&text](const std::string& part) {
      if (!part.empty()) text += (text.empty() ? "" : "\n\n") + part;
    };
    add(card->title.empty() ? "" : "**" + card->title + "**");
    std::string facts;
    nlohmann::json fact_list = nlohmann::json::array();
    for (const auto& [name, value] : card->facts) {
      facts += (facts.empty() ? "" : "\n") + ("- " + name + ": " + value);
      fact_list.push_back({{"name", name}, {"value", value}});
    }
    add(facts);
    add(card->body.empty() ? "" : "> " + card->body);
    add(card->status.empty() ? "" : "_" + card->status + "_");
    structured["card"] = {{"key", card->key}, {"title", card->title}, {"facts", fact_list},
                          {"body", card->body}, {"status", card->status}};
  }
  return {{"text", text}, {"relais", structured}};
}

}  // namespace relais::webhook
