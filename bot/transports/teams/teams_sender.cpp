#include "bot/transports/teams/teams_sender.hpp"

#include "bot/transports/teams/teams_activity.hpp"
#include "bot/transports/teams/teams_renderer.hpp"
#include "bot/transports/http_delivery.hpp"

namespace relais::teams {

namespace {
/// The connector's REST base, "<serviceUrl>/v3/conversations".
std::string conversations_url(const ConversationRef& to) {
  std::string url = to.service_url;
  if (!url.empty() && url.back() == '/') url.pop_back();
  return url + "/v3/conversations";
}
}  // namespace

void TeamsSender::send(net::ClientRequest request, std::function<void(net::ClientResponse)> then) {
  tokens_.get([this, request = std::move(request), then = std::move(then)](std::optional<std::string> token,
                                                                           std::string error) mutable {
    if (!error.empty()) {
      net::ClientResponse none;
      none.error = "no token: " + error;
      return then(std::move(none));
    }
    request.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
    if (token) request.headers.emplace_back("Authorization", "Bearer " + *token);
    client_.send(std::move(request), [this, then = std::move(then)](net::ClientResponse response) {
      if (response.status == 401) tokens_.invalidate();
      then(std::move(response));
    });
  });
}

void TeamsSender::deliver(const storage::OutboxRow& row, std::function<void(core::Delivery)> done) {
  auto to = ConversationRef::decode(row.address);
  if (!to) {  // a room: "teams:<channel id>" names a channel the bot has been seen in
    const auto place = store_.installation_address(row.address);
    if (!place) return done({core::Delivery::Status::retry, "the bot has not been added to that channel yet", std::nullopt});
    to = ConversationRef::decode(*place);
    if (!to) return done({core::Delivery::Status::rejected, "not a Teams conversation address", std::nullopt});
  }
  if (to->conversation_id.empty()) return open_chat(row, *to, std::move(done));
  post(row, *to, std::move(done));
}

void TeamsSender::open_chat(const storage::OutboxRow& row, ConversationRef to, std::function<void(core::Delivery)> done) {
  if (to.user_id.empty()) return done({core::Delivery::Status::rejected, "no Teams user to open a chat with", std::nullopt});
  const nlohmann::json body = {{"bot", {{"id", to.bot_id}, {"name", to.bot_name}}},
                               {"members", nlohmann::json::array({{{"id", to.user_id}}})},
                               {"isGroup", false},
                               {"tenantId", to.tenant_id},
                               {"channelData", {{"tenant", {{"id", to.tenant_id}}}}}};
  send({.url = conversations_url(to), .body = body.dump()},
       [this, row, to, done = std::move(done)](net::ClientResponse response) mutable {
         const auto answer = nlohmann::json::parse(response.body, nullptr, false);
         if (!response.ok() || !answer.is_object() || !answer.contains("id") || !answer["id"].is_string()) {
           auto failed = transports::delivery_of(response);
           if (response.ok()) failed = {core::Delivery::Status::retry, "the connector created no conversation", std::nullopt};
           if (response.status == 403)  // the tenant does not allow it, or the app is not installed for them
             failed.error = "Teams refused a 1:1 chat (HTTP 403): is the app installed for this person?";
           return done(failed);
         }
         to.conversation_id = answer["id"].get<std::string>();
         people_.remember_conversation(row.recipient_id, {"teams", to.encode()}, clock_.now());
         post(row, to, std::move(done));
       });
}

void TeamsSender::post(const storage::OutboxRow& row, const ConversationRef& to, std::function<void(core::Delivery)> done) {
  using Status = core::Delivery::Status;
  core::OutboundMessage message;
  try {
    message = row.payload.get<core::OutboundMessage>();
  } catch (const std::exception& e) {
    return done({Status::rejected, std::string("unreadable payload: ") + e.what(), std::nullopt});
  }
  auto activity = render_activity(message);
  activity["from"] = {{"id", to.bot_id}, {"name", to.bot_name}};
  activity["conversation"] = {{"id", to.conversation_id}};
  if (!to.conversation_type.empty()) activity["conversation"]["conversationType"] = to.conversation_type;
  if (!to.tenant_id.empty()) activity["conversation"]["tenantId"] = to.tenant_id;
  if (!to.user_id.empty()) activity["recipient"] = {{"id", to.user_id}};

  const std::string card_key = message.card ? message.card->key : "";
  const auto existing = card_key.empty() ? std::nullopt : store_.card_activity(row.recipient_id, card_key, to.conversation_id);
  std::string url = conversations_url(to) + "/" + net::percent_encode(to.conversation_id) + "/activities";
  net::ClientRequest request;
  if (existing) {
    request.method = "PUT";
    url += "/" + net::percent_encode(*existing);
    activity["id"] = *existing;
  }
  request.url = url;
  request.body = activity.dump();

  send(std::move(request), [this, recipient = row.recipient_id, card_key, conversation = to.conversation_id,
                            updating = existing.has_value(), done = std::move(done)](net::ClientResponse response) {
    if (updating && response.status == 404) {  // the old card is gone: post a new one next time
      store_.forget_card_activity(recipient, card_key, conversation);
      return done({core::Delivery::Status::retry, "card to update is gone", std::chrono::milliseconds(0)});
    }
    auto delivery = transports::delivery_of(response);
    if (response.status == 401) delivery.status = core::Delivery::Status::retry;  // a new token next time
    if (response.ok() && !card_key.empty() && !updating) {
      const auto body = nlohmann::json::parse(response.body, nullptr, false);
      if (body.is_object() && body.contains("id") && body["id"].is_string())
        store_.save_card_activity(recipient, card_key, conversation, body["id"].get<std::string>(), clock_.now());
    }
    done(delivery);
  });
}

}  // namespace relais::teams
