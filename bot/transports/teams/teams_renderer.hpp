#pragma once
// Semantic replies -> Bot Framework activities with Adaptive Cards (schema 1.5). Buttons are
// Action.Execute (universal actions): Teams sends an `invoke`, and the refreshed card goes
// back in the HTTP answer. A button that needs text first opens an inline form (Action.ShowCard).
#include <nlohmann/json.hpp>

#include "bot/core/outbound_message.hpp"

namespace relais::teams {

inline constexpr const char* adaptive_card_type = "application/vnd.microsoft.card.adaptive";

nlohmann::json render_card(const core::OutboundMessage& message);
/// A message activity: plain Markdown text, or the card as an attachment when there is more.
nlohmann::json render_activity(const core::OutboundMessage& message);
/// The answer to an `adaptiveCard/action` invoke: the refreshed card, or a short message.
nlohmann::json invoke_response(const core::OutboundMessage* refreshed);

}  // namespace relais::teams
