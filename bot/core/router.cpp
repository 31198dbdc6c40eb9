#include "bot/core/router.hpp"

#include <chrono>

#include "bot/core/log.hpp"

namespace relais::core {

Router::Router(Stores& stores, identity::Identity& identity, const MessageCatalog& messages,
               const Clock& clock, Metrics& metrics, std::vector<Skill*> skills)
    : stores_(stores),
      identity_(identity),
      messages_(messages),
      clock_(clock),
      metrics_(metrics),
      skills_(std::move(skills)),
      inbound_keys_(stores.db) {}

Skill* Router::best_skill(const InboundEvent& event, const Person& sender) const {
  Skill* best = nullptr;
  int best_fit = fit::none;
  for (Skill* s : skills_) {
    const int f = s->fit(event, sender);
    if (f > best_fit) {
      best = s;
      best_fit = f;
    }
  }
  return best;
}

Outcome Router::handle(const InboundEvent& event) {
  const auto started = std::chrono::steady_clock::now();
  const auto sender = identity_.resolve(event);
  if (!sender) {
    metrics_.rejected_input("unknown_sender");
    log::warn("unknown_sender").kv("transport", event.transport);
    return Outcome::unknown_sender;
  }
  const auto now = clock_.now();
  const std::string key = event.dedupe_key();
  Skill* skill = best_skill(event, *sender);

  // First attempt: the skill's work. If it throws, nothing of it is kept and the second
  // attempt records the event with an apology, so the sender is never left without a word.
  for (const bool apologise : {false, true}) {
    try {
      storage::Transaction tx(stores_.db);
      if (!inbound_keys_.accept(key, now)) {
        metrics_.duplicate();
        log::debug("duplicate").kv("transport", event.transport).kv("key", key);
        return Outcome::duplicate;
      }
      if (event.personal)
        stores_.people.remember_conversation(sender->id, {event.transport, event.conversation}, now);
      Turn turn(stores_, messages_, now, key, &event, &*sender);
      if (apologise) {
        turn.reply({turn.say("error.apology")});
      } else if (skill) {
        skill->handle(turn);
      }
      tx.commit();
      metrics_.message_in(event.transport);
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      metrics_.handled_in(seconds);
      log::info("handled")
          .kv("transport", event.transport)
          .kv("skill", skill ? skill->name() : "none")
          .kv("ms", static_cast<int>(seconds * 1000));
      committed();
      return Outcome::accepted;
    } catch (const std::exception& e) {
      if (apologise) throw;  // the store itself is failing: let the connection boundary report it
      metrics_.skill_failure();
      log::error("skill_failed").kv("skill", skill ? skill->name() : "none").kv("error", e.what());
    }
  }
  return Outcome::accepted;
}

void Router::fire(const storage::TimerRow& timer) {
  Skill* owner = nullptr;
  for (Skill* s : skills_)
    for (const auto& kind : s->timer_kinds())
      if (kind == timer.kind) owner = s;
  const auto now = clock_.now();
  try {
    storage::Transaction tx(stores_.db);
    if (!stores_.timers.mark_fired(timer.id, owner ? "fired" : "no_handler", now)) return;
    if (owner) {
      Turn turn(stores_, messages_, now, "timer:" + std::to_string(timer.id));
      owner->on_timer(turn, timer);
    } else {
      log::warn("timer_without_handler").kv("kind", timer.kind);
    }
    tx.commit();
  } catch (const std::exception& e) {
    // Recorded as failed rather than retried at once, so a broken handler cannot spin the loop.
    log::error("timer_failed").kv("kind", timer.kind).kv("id", timer.id).kv("error", e.what());
    storage::Transaction tx(stores_.db);
    stores_.timers.mark_fired(timer.id, std::string("failed: ") + e.what(), now);
    tx.commit();
  }
  committed();
}

void Router::refresh() {
  for (Skill* s : skills_) {
    try {
      storage::Transaction tx(stores_.db);
      Turn turn(stores_, messages_, clock_.now(), "refresh:" + std::string(s->name()));
      s->on_refresh(turn);
      tx.commit();
    } catch (const std::exception& e) {
      log::error("skill_failed").kv("skill", s->name()).kv("error", e.what());
    }
  }
  committed();
}

void Router::committed() {
  stores_.db.when_durable([this](bool) {
    if (on_commit_) on_commit_();
  });
}

void Router::when_durable(std::function<void(bool)> then) { stores_.db.when_durable(std::move(then)); }

}  // namespace relais::core
