#pragma once
// The pipeline after a transport: identity -> de-duplication -> the best skill -> one commit.
#include <functional>
#include <string>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/core/messages.hpp"
#include "bot/core/metrics.hpp"
#include "bot/core/skill.hpp"
#include "bot/core/turn.hpp"
#include "bot/identity/identity.hpp"
#include "bot/storage/timer_store.hpp"

namespace relais::core {

enum class Outcome { accepted, duplicate, unknown_sender };

class Router {
 public:
  Router(Stores& stores, identity::Identity& identity, const MessageCatalog& messages,
         const Clock& clock, Metrics& metrics, std::vector<Skill*> skills);

  /// Handles one event in one transaction. When this returns `accepted` or `duplicate`, the
  /// event is durably recorded and the transport may acknowledge it.
  Outcome handle(const InboundEvent& event);

  /// Fires a due timer through the skill that owns its kind (once, even across restarts).
  void fire(const storage::TimerRow& timer);

  /// Lets every skill act on a changed directory or knowledge, each in its own transaction.
  void refresh();

  /// Called after every commit that may have written replies or timers (once it is durable).
  void on_commit(std::function<void()> callback) { on_commit_ = std::move(callback); }
  /// Runs `then` once what was handled so far is durable (see Database::when_durable): a
  /// transport acknowledges an event only then.
  void when_durable(std::function<void(bool committed)> then);

 private:
  Skill* best_skill(const InboundEvent& event, const Person& sender) const;
  void committed();

  Stores& stores_;
  identity::Identity& identity_;
  const MessageCatalog& messages_;
  const Clock& clock_;
  Metrics& metrics_;
  std::vector<Skill*> skills_;
  storage::InboundKeyStore inbound_keys_;
  std::function<void()> on_commit_;
};

}  // namespace relais::core
