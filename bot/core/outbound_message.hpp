#pragma once
// A semantic reply. Each transport renders it natively (web chat JSON, Adaptive Card, Matrix
// HTML), so skills never know which transport a person uses.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace relais::core {

struct Button {
  std::string label;
  std::string action;  ///< the InboundEvent::action this button produces
  nlohmann::json args = nlohmann::json::object();
  std::string input_placeholder;  ///< non-empty: the button first asks for free text
  bool primary = false;
};

/// A card-like summary. Cards with the same key replace each other where the transport can
/// update in place, so a claimed question never shows a stale "Claim" button.
struct Card {
  std::string key;
  std::string title;
  std::vector<std::pair<std::string, std::string>> facts;
  std::string body;
  std::string status;
};

struct OutboundMessage {
  OutboundMessage() = default;
  OutboundMessage(std::string text_) : text(std::move(text_)) {}  // NOLINT: a plain sentence

  std::string text;  ///< light Markdown: **bold**, lists, [links](https://...)
  std::optional<Card> card;
  std::vector<Button> buttons;
  std::vector<std::string> mentions;  ///< person ids
};

void to_json(nlohmann::json& j, const Button& b);
void from_json(const nlohmann::json& j, Button& b);
void to_json(nlohmann::json& j, const Card& c);
void from_json(const nlohmann::json& j, Card& c);
void to_json(nlohmann::json& j, const OutboundMessage& m);
void from_json(const nlohmann::json& j, OutboundMessage& m);

}  // namespace relais::core
