#include "bot/transports/teams/teams_renderer.hpp"

#include <algorithm>

namespace relais::teams {
namespace {

using nlohmann::json;

json text_block(const std::string& text, json style = json::object()) {
  json block = {{"type", "TextBlock"}, {"text", text}, {"wrap", true}};
  block.update(style);
  return block;
}

json execute(const core::Button& b) {
  json action = {{"type", "Action.Execute"},
                 {"title", b.label},
                 {"verb", b.action},
                 {"data", {{"action", b.action}, {"args", b.args}}}};
  if (b.primary) action["style"] = "positive";
  return action;
}

bool needs_card(const core::OutboundMessage& m) { return m.card.has_value() || !m.buttons.empty(); }

/// Teams shows at most six actions on a card; a longer row (a 0-10 scale) goes in the body as
/// rows of six.
constexpr std::size_t max_card_actions = 6;

}  // namespace

json render_card(const core::OutboundMessage& m) {
  json body = json::array();
  if (!m.text.empty()) body.push_back(text_block(m.text));
  if (const auto& card = m.card) {
    json container = {{"type", "Container"}, {"style", "emphasis"}, {"items", json::array()}};
    if (!m.text.empty()) container["separator"] = true;
    auto& items = container["items"];
    if (!card->title.empty()) items.push_back(text_block(card->title, {{"weight", "Bolder"}, {"size", "Medium"}}));
    if (!card->facts.empty()) {
      json facts = json::array();
      for (const auto& [name, value] : card->facts) facts.push_back({{"title", name}, {"value", value}});
      items.push_back({{"type", "FactSet"}, {"facts", facts}});
    }
    if (!card->body.empty()) items.push_back(text_block(card->body));
    if (!card->status.empty()) items.push_back(text_block(card->status, {{"isSubtle", true}, {"weight", "Bolder"}}));
    body.push_back(container);
  }
  json actions = json::array();
  const auto plain = std::count_if(m.buttons.begin(), m.buttons.end(), [](const core::Button& b) { return b.input_placeholder.empty(); });
  const bool rows = static_cast<std::size_t>(plain) > max_card_actions;
  for (const auto& b : m.buttons) {
    if (b.input_placeholder.empty() && rows) {
      if (body.empty() || body.back().value("type", "") != "ActionSet" || body.back()["actions"].size() == max_card_actions)
        body.push_back({{"type", "ActionSet"}, {"actions", json::array()}});
      body.back()["actions"].push_back(execute(b));
      continue;
    }
    if (b.input_placeholder.empty()) {
      actions.push_back(execute(b));
      continue;
    }
    json form = {{"type", "AdaptiveCard"},
                 {"body", json::array({{{"type", "Input.Text"},
                                        {"id", "text"},
                                        {"isMultiline", true},
                                        {"isRequired", true},
                                        {"placeholder", b.input_placeholder},
                                        {"maxLength", 4000}}})},
                 {"actions", json::array({execute(b)})}};
    actions.push_back({{"type", "Action.ShowCard"}, {"title", b.label}, {"card", form}});
  }
  json card = {{"type", "AdaptiveCard"},
               {"$schema", "http://adaptivecards.io/schemas/adaptive-card.json"},
               {"version", "1.5"},
               {"body", body}};
  if (!actions.empty()) card["actions"] = actions;
  return card;
}

json render_activity(const core::OutboundMessage& m) {
  json activity = {{"type", "message"}, {"textFormat", "markdown"}};
  if (!needs_card(m)) {
    activity["text"] = m.text;
    return activity;
  }
  activity["attachments"] = json::array({{{"contentType", adaptive_card_type}, {"content", render_card(m)}}});
  return activity;
}

json invoke_response(const core::OutboundMessage* refreshed) {
  if (refreshed && needs_card(*refreshed))
    return {{"statusCode", 200}, {"type", adaptive_card_type}, {"value", render_card(*refreshed)}};
  return {{"statusCode", 200},
          {"type", "application/vnd.microsoft.activity.message"},
          {"value", refreshed ? refreshed->text : std::string()}};
}

}  // namespace relais::teams
