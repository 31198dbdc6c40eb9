#include "bot/transports/matrix/matrix_sender.hpp"

#include "bot/core/log.hpp"
#include "bot/transports/matrix/matrix_renderer.hpp"

namespace relais::matrix {

using json = nlohmann::json;
using Status = core::Delivery::Status;

void MatrixSender::deliver(const storage::OutboxRow& row, std::function<void(core::Delivery)> done) {
  auto to = Address::decode(row.address);
  if (!to) return done({Status::rejected, "not a Matrix address", std::nullopt});
  if (to->room_id.empty()) {
    if (const auto known = store_.direct_room_with(to->user_id)) to->room_id = *known;
    else return open_direct_chat(row, to->user_id, std::move(done));
  }
  post(row, *to, std::move(done));
}

void MatrixSender::open_direct_chat(const storage::OutboxRow& row, const std::string& user_id,
                                    std::function<void(core::Delivery)> done) {
  api_.create_direct_room(user_id, [this, row, user_id, done = std::move(done)](net::ClientResponse response) {
    const auto answer = json::parse(response.body, nullptr, false);
    if (!response.ok() || !answer.is_object() || !answer.contains("room_id") || !answer["room_id"].is_string()) {
      auto failed = delivery_of(response);
      if (response.ok()) failed = {Status::retry, "the homeserver created no room", std::nullopt};
      return done(failed);
    }
    const auto room_id = answer["room_id"].get<std::string>();
    store_.save_room({room_id, "joined", user_id, false, false}, clock_.now());
    if (!row.recipient_id.starts_with("room:"))
      people_.remember_conversation(row.recipient_id, {"matrix", Address{room_id, "", ""}.encode()}, clock_.now());
    log::info("matrix_direct_chat_created").kv("recipient", row.recipient_id);
    record_direct(user_id, room_id);
    post(row, {room_id, "", ""}, std::move(done));
  });
}

void MatrixSender::record_direct(const std::string& user_id, const std::string& room_id) {
  // m.direct lists the bot's direct chats per person, so clients show this one as a DM. Best
  // effort: the chat works without it.
  api_.account_data("m.direct", [this, user_id, room_id](net::ClientResponse response) {
    auto direct = json::parse(response.body, nullptr, false);
    if (response.status == 404 || !direct.is_object()) direct = json::object();
    else if (!response.ok()) {
      log::warn("matrix_m_direct_unreadable").kv("status", response.status);
      return;
    }
    auto& rooms = direct[user_id];
    if (!rooms.is_array()) rooms = json::array();
    if (std::find(rooms.begin(), rooms.end(), json(room_id)) == rooms.end()) rooms.push_back(room_id);
    api_.set_account_data("m.direct", direct, [](net::ClientResponse r) {
      if (!r.ok()) log::warn("matrix_m_direct_not_saved").kv("status", r.status);
    });
  });
}

std::string MatrixSender::language_of(const std::string& recipient_id) {
  if (recipient_id.starts_with("room:")) return rooms_language_;
  const auto person = people_.find(recipient_id);
  return person ? person->language : std::string(core::reference_language);
}

void MatrixSender::post(const storage::OutboxRow& row, const Address& to, std::function<void(core::Delivery)> done) {
  core::OutboundMessage message;
  try {
    message = row.payload.get<core::OutboundMessage>();
  } catch (const std::exception& e) {
    return done({Status::rejected, std::string("unreadable payload: ") + e.what(), std::nullopt});
  }
  const auto room = store_.room(to.room_id);
  if (room && room->membership == "invited")
    return done({Status::retry, "the bot is still joining the room", std::chrono::seconds(2)});

  const auto lang = language_of(row.recipient_id);
  std::vector<Pill> pills;
  for (const auto& id : message.mentions)
    if (const auto p = people_.find(id); p && !p->matrix_id.empty()) pills.push_back({p->matrix_id, p->name});
  auto rendered = render_message(message, {messages_.text(lang, "matrix.react"), messages_.text(lang, "matrix.reply")}, pills);

  const std::string card_key = message.card ? message.card->key : "";
  const auto shown = card_key.empty() ? std::nullopt : store_.card_event(row.recipient_id, card_key, to.room_id);
  json content = shown ? edit_of(rendered.content, *shown)
                       : to.thread_root.empty() ? rendered.content : in_thread(rendered.content, to.thread_root);
  json choices = json::array();
  for (const auto& c : rendered.choices) choices.push_back({{"key", c.key}, {"button", c.button}});

  api_.send(to.room_id, "m.room.message", "relais-" + std::to_string(row.id), content,
            [this, recipient = row.recipient_id, to, card_key, shown, choices,
             done = std::move(done)](net::ClientResponse response) {
              if (response.ok()) {
                const auto body = json::parse(response.body, nullptr, false);
                const auto event_id = body.is_object() ? body.value("event_id", "") : "";
                if (shown) store_.update_choices(*shown, choices);  // reactions still target the original
                else if (!event_id.empty())
                  store_.save_sent({event_id, to.room_id, recipient, to.thread_root, choices}, card_key,
                                   clock_.now());
                return done({Status::delivered, "", std::nullopt});
              }
              auto delivery = delivery_of(response);
              if (response.status == 401) delivery.status = Status::retry;  // a token being renewed
              done(delivery);
            });
}

}  // namespace relais::matrix
