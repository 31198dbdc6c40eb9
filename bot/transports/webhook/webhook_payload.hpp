#pragma once
// What a webhook receives: a JSON object whose "text" is the whole message as Markdown — the
// field Teams incoming webhooks, Slack, Mattermost and Rocket.Chat display — and whose
// "relais" holds the same content structured, for ticketing systems and scripts.
// Buttons are left out: a webhook cannot answer them.
#include <nlohmann/json.hpp>

#include "bot/core/outbound_message.hpp"

namespace relais::webhook {

nlohmann::json render_payload(const core::OutboundMessage& message, const std::string& room);

}  // namespace relais::webhook
