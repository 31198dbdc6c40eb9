#include "bot/transports/teams/teams_endpoint.hpp"

#include "bot/core/log.hpp"
#include "bot/transports/teams/teams_renderer.hpp"

namespace relais::teams {

namespace http = net::http;

TeamsEndpoint::TeamsEndpoint(Authenticator authenticate, core::Router& router, storage::PeopleStore& people,
                             storage::OutboxStore& outbox, core::OutboxDispatcher& dispatcher, TeamsStore& store,
                             const core::MessageCatalog& messages, const core::Clock& clock, core::Metrics& metrics)
    : authenticate_(std::move(authenticate)),
      router_(router),
      people_(people),
      outbox_(outbox),
      dispatcher_(dispatcher),
      store_(store),
      messages_(messages),
      clock_(clock),
      metrics_(metrics) {}

void TeamsEndpoint::add_routes(net::Routes& routes) {
  auto probe = [](const net::Request& req) { return net::make_response(req, http::status::ok, "", "text/plain"); };
  routes.add(http::verb::get, "/api/messages", probe);  // HEAD too
  routes.add_async(http::verb::post, "/api/messages",
                   [this](const net::Request& req, net::Routes::Respond respond) { on_activity(req, respond); });
}

namespace {
net::Response json_response(const net::Request& req, const nlohmann::json& body) {
  return net::make_response(req, http::status::ok, body.dump(), "application/json");
}

/// "fr-BE" -> "fr"; a language Relais does not speak -> "en".
std::string language_of(std::string_view locale) {
  const auto lang = std::string(locale.substr(0, 2));
  return core::is_supported_language(lang) ? lang : "en";
}
}  // namespace

void TeamsEndpoint::on_activity(const net::Request& req, const net::Routes::Respond& respond) {
  // The request outlives this call: the server keeps it until `respond` has run.
  authenticate_(req, [this, &req, respond](Result<std::string> claim) { respond(handle(req, claim)); });
}

net::Response TeamsEndpoint::handle(const net::Request& req, const Result<std::string>& claim) {
  if (!claim) {
    metrics_.rejected_input("teams_auth");
    log::warn_throttled(unauthorized_log_, "teams_unauthorized", claim.error());
    return net::error_response(req, http::status::unauthorized, "unauthorized", claim.error());
  }
  auto parsed = parse_activity(req.body());
  if (!parsed) {
    metrics_.rejected_input("teams_bad_activity");
    return net::error_response(req, http::status::bad_request, "bad_activity", parsed.error());
  }
  const auto& activity = parsed.value();
  if (!claim.value().empty() && claim.value() != activity.where.service_url) {
    metrics_.rejected_input("teams_auth");
    log::warn_throttled(unauthorized_log_, "teams_unauthorized", "serviceUrl differs from the token's");
    return net::error_response(req, http::status::unauthorized, "unauthorized", "the serviceUrl differs from the token's");
  }
  if (!activity.where.conversation_type.empty() && activity.where.conversation_type != "personal") {
    // A channel or group chat the bot is in: a place escalations can be posted to (teams:<id>).
    auto place = activity.where;
    place.conversation_id = place.conversation_id.substr(0, place.conversation_id.find(";messageid="));
    place.user_id.clear();
    const auto address = place.encode();
    if (store_.installation_address(place.conversation_id) != address)  // a write only when it is news
      store_.remember_installation(place.conversation_id, address, clock_.now());
  }
  switch (activity.kind) {
    case Activity::Kind::message:
    case Activity::Kind::card_action:
      return on_person_event(req, activity);
    case Activity::Kind::members_added:
      if (activity.bot_added) {
        store_.remember_installation(activity.where.conversation_id, activity.where.encode(), clock_.now());
        log::info("teams_installed").kv("conversation_type", activity.where.conversation_type);
      }
      welcome(activity);
      break;
    case Activity::Kind::installation:
      if (activity.installation_action == "add")
        store_.remember_installation(activity.where.conversation_id, activity.where.encode(), clock_.now());
      log::info("teams_installation").kv("action", activity.installation_action);
      break;
    case Activity::Kind::other:
      log::debug("teams_ignored").kv("type", activity.type);
      break;
  }
  return json_response(req, nlohmann::json::object());
}

net::Response TeamsEndpoint::on_person_event(const net::Request& req, const Activity& activity) {
  const bool invoke = activity.type == "invoke";
  const auto person = people_.find_by_aad_object_id(activity.from_aad_object_id);
  if (!person) {
    tell_unknown(activity);
    return json_response(req, invoke ? invoke_response(nullptr) : nlohmann::json::object());
  }
  const auto event = to_event(activity, activity.from_aad_object_id, clock_.now());
  if (!event.personal) remember_contact(person->id, activity.where, activity.from_id);
  const auto outcome = router_.handle(event);
  if (!invoke) return json_response(req, nlohmann::json::object());
  if (outcome != core::Outcome::accepted) return json_response(req, invoke_response(nullptr));

  // The card the button was on is replaced by the answer: the newest card written for the
  // presser in this conversation goes in the response instead of through the outbox. With no
  // card for them here (a button in a channel), their first reply is shown as the answer.
  std::optional<core::OutboundMessage> refreshed, reply;
  std::optional<std::int64_t> card_row, reply_row;
  for (const auto& row : outbox_.pending_from(event.dedupe_key(), person->id)) {
    if (row.transport != "teams" || row.address != event.conversation) continue;
    auto message = row.payload.get<core::OutboundMessage>();
    if (message.card) {
      if (card_row) outbox_.mark_delivered(*card_row, person->id, clock_.now());  // superseded
      refreshed = std::move(message);
      card_row = row.id;
    } else if (!reply && message.buttons.empty()) {
      reply = std::move(message);
      reply_row = row.id;
    }
  }
  if (card_row) {
    outbox_.mark_delivered(*card_row, person->id, clock_.now());
    return json_response(req, invoke_response(&*refreshed));
  }
  if (reply_row) outbox_.mark_delivered(*reply_row, person->id, clock_.now());
  return json_response(req, invoke_response(reply ? &*reply : nullptr));
}

void TeamsEndpoint::welcome(const Activity& activity) {
  const bool personal = activity.where.conversation_type.empty() || activity.where.conversation_type == "personal";
  for (const auto& member : activity.members_added) {
    const auto person = people_.find_by_aad_object_id(member.aad_object_id);
    if (!person) {
      log::info("teams_member_unknown").kv("conversation_type", activity.where.conversation_type);
      continue;
    }
    Activity greeting = activity;
    greeting.id = activity.id + "/" + member.id;
    greeting.where.user_id = member.id;
    if (!personal) {  // added to a team or group: welcomed in a 1:1 chat of their own, not in front of everyone
      remember_contact(person->id, activity.where, member.id);
      const auto known = people_.conversation_on(person->id, "teams");
      const auto chat = known ? ConversationRef::decode(known->address) : std::nullopt;
      greeting.where = chat ? *chat : personal_chat(activity.where, member.id);
    }
    greeting.action = "welcome";
    greeting.text.clear();
    router_.handle(to_event(greeting, member.aad_object_id, clock_.now()));
  }
}

ConversationRef personal_chat(const ConversationRef& seen_in, const std::string& user_id) {
  ConversationRef chat = seen_in;
  chat.conversation_id.clear();  // created on first use (see teams_sender.hpp)
  chat.conversation_type = "personal";
  chat.user_id = user_id;
  return chat;
}

void TeamsEndpoint::remember_contact(const std::string& person_id, const ConversationRef& seen_in,
                                     const std::string& user_id) {
  if (people_.conversation_on(person_id, "teams")) return;  // a 1:1 chat is known already
  people_.remember_conversation(person_id, {"teams", personal_chat(seen_in, user_id).encode()}, clock_.now());
}

void TeamsEndpoint::tell_unknown(const Activity& activity) {
  metrics_.rejected_input("unknown_sender");
  log::warn("unknown_sender").kv("transport", "teams");
  const auto text = messages_.text(language_of(activity.locale), "identity.unknown_teams", {{"aad", activity.from_aad_object_id}});
  outbox_.enqueue("teams:unknown:" + activity.id, "teams:" + activity.from_id, "teams", activity.where.encode(),
                  nlohmann::json(core::OutboundMessage{text}), clock_.now());
  dispatcher_.wake();
}

}  // namespace relais::teams
