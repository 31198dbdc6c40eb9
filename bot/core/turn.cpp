#include "bot/core/turn.hpp"

#include "bot/core/error.hpp"

namespace relais::core {

Turn::Turn(Stores& stores, const MessageCatalog& messages, TimePoint now, std::string cause_key,
           const InboundEvent* event, const Person* sender)
    : stores_(stores),
      messages_(messages),
      now_(now),
      cause_key_(std::move(cause_key)),
      event_(event),
      sender_(sender) {}

std::string Turn::say(const Person& to, std::string_view key, const Params& params) const {
  return messages_.text(to.language, key, params);
}

std::string Turn::say(std::string_view key, const Params& params) const {
  return messages_.text(sender_ ? std::string_view(sender_->language) : reference_language, key,
                        params);
}

void Turn::reply(const OutboundMessage& message) {
  if (!event_ || !sender_) throw Error("Turn::reply needs an inbound event");
  enqueue(sender_->id, event_->transport, event_->conversation, message);
}

void Turn::send(const Person& to, const OutboundMessage& message) {
  // To the sender: where they spoke — unless they spoke through no conversation (the API).
  if (sender_ && event_ && to.id == sender_->id && !event_->conversation.empty()) return reply(message);
  const auto ref = stores_.people.latest_conversation(to.id);
  // The web chat address is the person's id: a message waits there until they connect.
  enqueue(to.id, ref ? ref->transport : "webchat", ref ? ref->address : to.id, message);
}

void Turn::post(const Room& room, const OutboundMessage& message) {
  enqueue(room.recipient(), room.transport, room.address, message);
}

void Turn::schedule(const std::string& kind, const std::string& subject, TimePoint due,
                    const nlohmann::json& payload) {
  stores_.timers.schedule(kind, subject, due, payload, now_);
}

void Turn::enqueue(const std::string& recipient, const std::string& transport,
                   const std::string& address, const OutboundMessage& message) {
  const std::string key = cause_key_ + "#" + std::to_string(sequence_++);
  stores_.outbox.enqueue(key, recipient, transport, address, nlohmann::json(message), now_);
}

}  // namespace relais::core
