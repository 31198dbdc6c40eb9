#include "bot/core/outbound_message.hpp"

namespace relais::core {

void to_json(nlohmann::json& j, const Button& b) {
  j = {{"label", b.label}, {"action", b.action}, {"args", b.args}};
  if (!b.input_placeholder.empty()) j["input"] = b.input_placeholder;
  if (b.primary) j["primary"] = true;
}

void from_json(const nlohmann::json& j, Button& b) {
  b.label = j.at("label").get<std::string>();
  b.action = j.at("action").get<std::string>();
  b.args = j.value("args", nlohmann::json::object());
  b.input_placeholder = j.value("input", "");
  b.primary = j.value("primary", false);
}

void to_json(nlohmann::json& j, const Card& c) {
  nlohmann::json facts = nlohmann::json::array();
  for (const auto& [name, value] : c.facts) facts.push_back({name, value});
  j = {{"key", c.key}, {"title", c.title}, {"facts", facts}, {"body", c.body},
       {"status", c.status}};
}

void from_json(const nlohmann::json& j, Card& c) {
  c.key = j.at("key").get<std::string>();
  c.title = j.value("title", "");
  c.body = j.value("body", "");
  c.status = j.value("status", "");
  c.facts.clear();
  for (const auto& f : j.value("facts", nlohmann::json::array()))
    c.facts.emplace_back(f.at(0).get<std::string>(), f.at(1).get<std::string>());
}

void to_json(nlohmann::json& j, const OutboundMessage& m) {
  j = {{"text", m.text}, {"buttons", m.buttons}};
  if (m.card) j["card"] = *m.card;
  if (!m.mentions.empty()) j["mentions"] = m.mentions;
}

void from_json(const nlohmann::json& j, OutboundMessage& m) {
  m.text = j.value("text", "");
  m.buttons = j.value("buttons", std::vector<Button>{});
  m.card = j.contains("card") ? std::optional<Card>(j.at("card").get<Card>()) : std::nullopt;
  m.mentions = j.value("mentions", std::vector<std::string>{});
}

}  // namespace relais::core
