#pragma once
// One unit of work inside one SQLite transaction: an inbound event handled by a skill, or a
// timer fired. Everything a skill changes and every reply it writes commit together.
#include <cstdint>
#include <string>
#include <string_view>

#include "bot/core/clock.hpp"
#include "bot/core/inbound_event.hpp"
#include "bot/core/messages.hpp"
#include "bot/core/outbound_message.hpp"
#include "bot/core/person.hpp"
#include "bot/core/room.hpp"
#include "bot/storage/outbox_store.hpp"
#include "bot/storage/people_store.hpp"
#include "bot/storage/question_store.hpp"
#include "bot/storage/timer_store.hpp"

namespace relais::core {

/// The stores a skill may use; all share the one connection and its open transaction.
struct Stores {
  storage::Database& db;
  storage::PeopleStore& people;
  storage::QuestionStore& questions;
  storage::OutboxStore& outbox;
  storage::TimerStore& timers;
};

class Turn {
 public:
  /// `cause_key` makes outbox idempotency keys: the same cause never writes a reply twice.
  Turn(Stores& stores, const MessageCatalog& messages, TimePoint now, std::string cause_key,
       const InboundEvent* event = nullptr, const Person* sender = nullptr);

  const InboundEvent* event() const { return event_; }
  const Person* sender() const { return sender_; }
  TimePoint now() const { return now_; }
  Stores& stores() { return stores_; }
  const MessageCatalog& messages() const { return messages_; }

  /// A sentence in the language of `to`.
  std::string say(const Person& to, std::string_view key, const Params& params = {}) const;
  /// A sentence in the sender's language.
  std::string say(std::string_view key, const Params& params = {}) const;

  /// Replies to the sender in the conversation the event came from.
  void reply(const OutboundMessage& message);
  /// Sends to a person wherever they were last reachable (web chat if nowhere else).
  void send(const Person& to, const OutboundMessage& message);
  /// Posts to a shared room (a channel, a webhook).
  void post(const Room& room, const OutboundMessage& message);
  void schedule(const std::string& kind, const std::string& subject, TimePoint due,
                const nlohmann::json& payload = nlohmann::json::object());

  int messages_written() const { return sequence_; }

 private:
  void enqueue(const std::string& recipient, const std::string& transport,
               const std::string& address, const OutboundMessage& message);

  Stores& stores_;
  const MessageCatalog& messages_;
  TimePoint now_;
  std::string cause_key_;
  const InboundEvent* event_;
  const Person* sender_;
  int sequence_ = 0;
};

}  // namespace relais::core
