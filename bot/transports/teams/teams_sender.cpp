#include "bot/transports/teams/teams_sender.hpp"

#include "bot/transports/teams/teams_activity.hpp"
#include "bot/transports/teams/teams_renderer.hpp"
#include "bot/transports/webhook/webhook_sender.hpp"

namespace relais::teams {

std::string path_escape(std::string_view segment) { return form_escape(segment); }

void TeamsSender::deliver(const storage::OutboxRow& row, std::function<void(core::Delivery)> done) {
  using Status = core::Delivery::Status;
  const auto to = ConversationRef::decode(row.address);
  if (!to) return done({Status::rejected, "not a Teams conversation address", std::nullopt});
  core::OutboundMessage message;
  try {
    message = row.payload.get<core::OutboundMessage>();
  } catch (const std::exception& e) {
    return done({Status::rejected, std::string("unreadable payload: ") + e.what(), std::nullopt});
  }
  auto activity = render_activity(message);
  activity["from"] = {{"id", to->bot_id}, {"name", to->bot_name}};
  activity["conversation"] = {{"id", to->conversation_id}};
  if (!to->conversation_type.empty()) activity["conversation"]["conversationType"] = to->conversation_type;
  if (!to->tenant_id.empty()) activity["conversation"]["tenantId"] = to->tenant_id;
  if (!to->user_id.empty()) activity["recipient"] = {{"id", to->user_id}};

  const std::string card_key = message.card ? message.card->key : "";
  const auto existing = card_key.empty() ? std::nullopt : store_.card_activity(row.recipient_id, card_key, to->conversation_id);
  std::string url = to->service_url;
  if (!url.empty() && url.back() == '/') url.pop_back();
  url += "/v3/conversations/" + path_escape(to->conversation_id) + "/activities";
  net::ClientRequest request;
  if (existing) {
    request.method = "PUT";
    url += "/" + path_escape(*existing);
    activity["id"] = *existing;
  }
  request.url = url;
  request.body = activity.dump();

  tokens_.get([this, row, request = std::move(request), card_key, conversation = to->conversation_id,
               updating = existing.has_value(), done = std::move(done)](std::optional<std::string> token,
                                                                         std::string error) mutable {
    if (!error.empty()) return done({core::Delivery::Status::retry, "no token: " + error, std::nullopt});
    request.headers = {{"Content-Type", "application/json; charset=utf-8"}};
    if (token) request.headers.emplace_back("Authorization", "Bearer " + *token);
    client_.send(std::move(request), [this, row, card_key, conversation, updating,
                                      done = std::move(done)](net::ClientResponse response) {
      if (response.status == 401) tokens_.invalidate();
      if (updating && response.status == 404) {  // the old card is gone: post a new one next time
        store_.forget_card_activity(row.recipient_id, card_key, conversation);
        return done({core::Delivery::Status::retry, "card to update is gone", std::chrono::milliseconds(0)});
      }
      auto delivery = webhook::delivery_of(response);
      if (response.status == 401) delivery.status = core::Delivery::Status::retry;
      if (response.ok() && !card_key.empty() && !updating) {
        const auto body = nlohmann::json::parse(response.body, nullptr, false);
        if (body.is_object() && body.contains("id") && body["id"].is_string())
          store_.save_card_activity(row.recipient_id, card_key, conversation, body["id"].get<std::string>(), clock_.now());
      }
      done(delivery);
    });
  });
}

}  // namespace relais::teams
