#include "bot/storage/timer_store.hpp"

namespace relais::storage {

std::int64_t TimerStore::schedule(const std::string& kind, const std::string& subject,
                                  core::TimePoint due, const nlohmann::json& payload,
                                  core::TimePoint now) {
  db_.run(
      "INSERT INTO timers(kind, subject, due_at, payload, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
      kind, subject, core::to_millis(due), payload.dump(), core::to_millis(now));
  return db_.last_insert_id();
}

int TimerStore::cancel(const std::string& kind, const std::string& subject, core::TimePoint now) {
  db_.run(
      "UPDATE timers SET fired_at = ?3, outcome = 'cancelled' "
      "WHERE kind = ?1 AND subject = ?2 AND fired_at IS NULL",
      kind, subject, core::to_millis(now));
  return db_.changes();
}

std::optional<core::TimePoint> TimerStore::earliest_due() {
  const auto t = db_.query_int("SELECT MIN(due_at) FROM timers WHERE fired_at IS NULL");
  return t ? std::optional<core::TimePoint>(core::from_millis(*t)) : std::nullopt;
}

namespace {
TimerRow read_timer(const Statement& st) {
  return {st.int64(0), st.text(1), st.text(2), core::from_millis(st.int64(3)),
          nlohmann::json::parse(st.text(4), nullptr, false)};
}
}  // namespace

std::vector<TimerRow> TimerStore::due(core::TimePoint now, std::size_t limit) {
  std::vector<TimerRow> out;
  auto& st = db_.prepare(
      "SELECT id, kind, subject, due_at, payload FROM timers WHERE fired_at IS NULL AND "
      "due_at <= ?1 ORDER BY due_at, id LIMIT ?2");
  st.bind(core::to_millis(now), static_cast<std::int64_t>(limit));
  while (st.step()) out.push_back(read_timer(st));
  return out;
}

std::vector<TimerRow> TimerStore::pending_for(const std::string& subject) {
  std::vector<TimerRow> out;
  auto& st = db_.prepare(
      "SELECT id, kind, subject, due_at, payload FROM timers WHERE fired_at IS NULL AND "
      "subject = ?1 ORDER BY due_at, id");
  st.bind(subject);
  while (st.step()) out.push_back(read_timer(st));
  return out;
}

bool TimerStore::mark_fired(std::int64_t id, const std::string& outcome, core::TimePoint now) {
  db_.run("UPDATE timers SET fired_at = ?2, outcome = ?3 WHERE id = ?1 AND fired_at IS NULL", id,
          core::to_millis(now), outcome);
  return db_.changes() == 1;
}

bool InboundKeyStore::accept(const std::string& key, core::TimePoint now) {
  db_.run("INSERT OR IGNORE INTO inbound_keys(key, received_at) VALUES (?1, ?2)", key,
          core::to_millis(now));
  return db_.changes() == 1;
}

bool InboundKeyStore::seen(const std::string& key) {
  return db_.query_int("SELECT 1 FROM inbound_keys WHERE key = ?1", key).has_value();
}

}  // namespace relais::storage
