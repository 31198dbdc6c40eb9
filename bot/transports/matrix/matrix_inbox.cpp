#include "bot/transports/matrix/matrix_inbox.hpp"

#include <algorithm>
#include <boost/asio/steady_timer.hpp>

#include "bot/core/log.hpp"
#include "bot/transports/matrix/matrix_renderer.hpp"

namespace relais::matrix {

using json = nlohmann::json;

std::string server_of(std::string_view user_id) {
  const auto colon = user_id.find(':');
  return colon == std::string_view::npos ? std::string() : std::string(user_id.substr(colon + 1));
}

namespace {
/// Emoji keys compared without their variation selector (U+FE0F): clients differ in sending it.
std::string bare_key(std::string key) {
  for (std::size_t at; (at = key.find("\xEF\xB8\x8F")) != std::string::npos;) key.erase(at, 3);
  return key;
}
}  // namespace

MatrixInbox::MatrixInbox(boost::asio::io_context& io, InboxSettings settings, core::Router& router,
                         storage::PeopleStore& people, storage::OutboxStore& outbox, core::OutboxDispatcher& dispatcher,
                         MatrixStore& store, MatrixApi& api, const core::MessageCatalog& messages,
                         const core::Clock& clock, core::Metrics& metrics)
    : io_(io),
      settings_(std::move(settings)),
      router_(router),
      people_(people),
      outbox_(outbox),
      dispatcher_(dispatcher),
      store_(store),
      api_(api),
      messages_(messages),
      clock_(clock),
      metrics_(metrics) {}

void MatrixInbox::handle(const Batch& batch) {
  for (const auto& problem : batch.problems) {
    metrics_.rejected_input("matrix_bad_event");
    log::warn("matrix_event_skipped").kv("reason", problem);
  }
  for (const auto& e : batch.events) {
    if (store_.seen(e.event_id)) {
      metrics_.duplicate();
      continue;
    }
    if (e.sender != settings_.bot_user_id) handle_one(e);  // the bot hears its own events: never answer them
    store_.mark_seen(e.event_id, clock_.now());
  }
}

void MatrixInbox::handle_one(const Event& e) {
  switch (e.kind) {
    case Event::Kind::membership:
      if (e.state_key == settings_.bot_user_id && e.membership == "invite") return on_invite(e);
      if (e.state_key == settings_.bot_user_id && (e.membership == "leave" || e.membership == "ban")) {
        if (auto room = store_.room(e.room_id)) {
          room->membership = "left";
          store_.save_room(*room, clock_.now());
        }
        log::info("matrix_removed_from_room").kv("membership", e.membership);
        return;
      }
      if (e.membership == "join" && e.previous_membership != "join") return on_member_joined(e);
      return;
    case Event::Kind::message: return on_message(e);
    case Event::Kind::reaction: return on_reaction(e);
    case Event::Kind::encrypted:
    case Event::Kind::encryption_enabled: return on_encrypted(e);
    case Event::Kind::edit:
      log::debug("matrix_edit_ignored").kv("detail", "an edited question is not asked again");
      return;
    case Event::Kind::other:
      log::debug("matrix_ignored").kv("type", e.type);
      return;
  }
}

std::string MatrixInbox::language_for(const std::string& user_id) {
  const auto person = people_.find_by_matrix_id(user_id);
  return person ? person->language : std::string(core::reference_language);
}

void MatrixInbox::notify(const std::string& key, const std::string& recipient, const Address& to, const std::string& text) {
  outbox_.enqueue(key, recipient, "matrix", to.encode(), json(core::OutboundMessage{text}), clock_.now());
  dispatcher_.wake();
}

void MatrixInbox::on_invite(const Event& e) {
  const auto server = server_of(e.sender);
  if (std::find(settings_.allowed_servers.begin(), settings_.allowed_servers.end(), server) ==
      settings_.allowed_servers.end()) {
    log::warn("matrix_invite_refused").kv("server", server);
    api_.leave(e.room_id, [](net::ClientResponse r) {
      if (!r.ok()) log::warn("matrix_invite_not_declined").kv("status", r.status);
    });
    return;
  }
  RoomInfo room{e.room_id, "invited", e.is_direct ? e.sender : "", e.room_encrypted, false};
  if (const auto known = store_.room(e.room_id); known && known->membership == "joined") room.membership = "joined";
  if (room.encrypted) {
    // An application service cannot decrypt: say so once, in plain words, instead of going quiet.
    room.told_encrypted = true;
    notify("matrix:encrypted:" + e.room_id, "matrix:" + e.sender, {e.room_id, "", ""},
           messages_.text(language_for(e.sender), "matrix.encrypted_room"));
  }
  store_.save_room(room, clock_.now());
  log::info("matrix_invited").kv("direct", e.is_direct ? "true" : "false").kv("encrypted", room.encrypted ? "true" : "false");
  if (room.membership == "invited") join(e.room_id, 0);
  if (!e.is_direct || room.encrypted) return;

  const auto person = people_.find_by_matrix_id(e.sender);
  if (!person) {
    metrics_.rejected_input("unknown_sender");
    return notify("matrix:unknown:" + e.event_id, "matrix:" + e.sender, {e.room_id, "", ""},
                  messages_.text(core::reference_language, "identity.unknown_matrix", {{"user", e.sender}}));
  }
  core::InboundEvent welcome;
  welcome.transport = "matrix";
  welcome.message_id = e.event_id;
  welcome.sender_address = e.sender;
  welcome.conversation = Address{e.room_id, "", ""}.encode();
  welcome.action = "welcome";
  welcome.received_at = clock_.now();
  route(welcome);
}

void MatrixInbox::on_member_joined(const Event& e) {
  if (settings_.onboarding_room.empty() || e.room_id != settings_.onboarding_room) return;
  const auto person = people_.find_by_matrix_id(e.state_key);
  if (!person) {
    log::info("matrix_member_unknown").kv("detail", "joined the onboarding room, not in the directory");
    return;
  }
  // Welcomed in a direct chat of their own, not in front of the whole room.
  core::InboundEvent welcome;
  welcome.transport = "matrix";
  welcome.message_id = e.event_id;
  welcome.sender_address = e.state_key;
  const auto room = store_.direct_room_with(e.state_key);
  welcome.conversation = room ? Address{*room, "", ""}.encode() : Address{"", "", e.state_key}.encode();
  welcome.action = "welcome";
  welcome.received_at = clock_.now();
  route(welcome);
}

void MatrixInbox::on_message(const Event& e) {
  const auto room = store_.room(e.room_id);
  const Context context{settings_.bot_user_id, settings_.bot_name, room && room->direct_with == e.sender};

  // A reply to one of the bot's messages that asks for text ("reply to this message to answer").
  if (!e.reply_to.empty()) {
    if (const auto sent = store_.sent(e.reply_to)) {
      for (const auto& c : sent->choices) {
        if (c.value("key", "") != reply_key) continue;
        const auto button = c.at("button").get<core::Button>();
        Event plain = e;
        plain.mentioned.push_back(settings_.bot_user_id);  // a reply to the bot is addressed to it
        auto event = to_event(e, text_for_bot(plain, context).value_or(""), context, clock_.now());
        if (!context.direct) event.conversation = Address{e.room_id, e.thread_root.empty() ? e.reply_to : e.thread_root, ""}.encode();
        event.action = button.action;
        event.args = button.args;
        return route(event);
      }
    }
  }
  const auto text = text_for_bot(e, context);
  if (!text) return;
  route(to_event(e, *text, context, clock_.now()));
}

void MatrixInbox::on_reaction(const Event& e) {
  const auto sent = store_.sent(e.reacts_to);
  if (!sent) return;  // a reaction to someone else's message
  const auto key = bare_key(e.reaction_key);
  for (const auto& c : sent->choices) {
    if (bare_key(c.value("key", "")) != key) continue;
    const auto button = c.at("button").get<core::Button>();
    const auto room = store_.room(e.room_id);
    const bool direct = room && room->direct_with == e.sender;
    core::InboundEvent event;
    event.transport = "matrix";
    event.message_id = e.event_id;
    event.sender_address = e.sender;
    // In a shared room, what follows goes in the thread of the message that was reacted to.
    event.conversation =
        Address{e.room_id, direct ? sent->thread_root : (sent->thread_root.empty() ? e.reacts_to : sent->thread_root), ""}
            .encode();
    event.personal = direct && sent->thread_root.empty();
    event.action = button.action;
    event.args = button.args;
    event.received_at = clock_.now();
    return route(event);
  }
}

void MatrixInbox::on_encrypted(const Event& e) {
  auto room = store_.room(e.room_id).value_or(RoomInfo{e.room_id, "joined", "", false, false});
  room.encrypted = true;
  if (!room.told_encrypted) {
    room.told_encrypted = true;
    notify("matrix:encrypted:" + e.room_id, "matrix:" + e.sender, {e.room_id, "", ""},
           messages_.text(language_for(e.sender), "matrix.encrypted_room"));
  }
  store_.save_room(room, clock_.now());
}

void MatrixInbox::route(const core::InboundEvent& event) {
  if (router_.handle(event) != core::Outcome::unknown_sender) return;
  // Someone not in the directory spoke to the bot: tell them why nothing happens.
  notify("matrix:unknown:" + event.message_id, "matrix:" + event.sender_address,
         Address::decode(event.conversation).value_or(Address{}),
         messages_.text(core::reference_language, "identity.unknown_matrix", {{"user", event.sender_address}}));
}

void MatrixInbox::resume_joins() {
  for (const auto& room : store_.rooms_to_join()) join(room, 0);
}

void MatrixInbox::join(const std::string& room_id, int attempt) {
  api_.join(room_id, [this, room_id, attempt](net::ClientResponse response) {
    if (response.ok()) return joined(room_id);
    const auto code = errcode_of(response);
    if (response.status == 403 || response.status == 404) {  // the invite was withdrawn, or the room is gone
      log::warn("matrix_join_refused").kv("status", response.status).kv("errcode", code);
      if (auto room = store_.room(room_id)) {
        room->membership = "left";
        store_.save_room(*room, clock_.now());
      }
      return;
    }
    const auto wait = std::chrono::seconds(std::min(300, 1 << std::min(attempt, 8)));
    log::warn("matrix_join_failed").kv("status", response.status).kv("retry_in_s", wait.count());
    auto timer = std::make_shared<boost::asio::steady_timer>(io_, wait);
    timer->async_wait([this, room_id, attempt, timer](const boost::system::error_code& ec) {
      if (!ec) join(room_id, attempt + 1);
    });
  });
}

void MatrixInbox::joined(const std::string& room_id) {
  auto room = store_.room(room_id).value_or(RoomInfo{room_id, "joined", "", false, false});
  room.membership = "joined";
  store_.save_room(room, clock_.now());
  log::info("matrix_joined").kv("direct", room.direct_with.empty() ? "false" : "true");
  if (!room.direct_with.empty() && !room.encrypted)
    if (const auto person = people_.find_by_matrix_id(room.direct_with))
      people_.remember_conversation(person->id, {"matrix", Address{room_id, "", ""}.encode()}, clock_.now());
  dispatcher_.wake();  // replies waiting for the join can go now
}

}  // namespace relais::matrix
