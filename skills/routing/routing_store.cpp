#include "skills/routing/routing_store.hpp"

#include <cmath>

namespace relais::routing {
namespace {

constexpr storage::Migration migrations[] = {
    {"routing", 1, R"sql(
CREATE TABLE ambassador_status (
  person_id  TEXT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
  away       INTEGER NOT NULL DEFAULT 0,
  away_until INTEGER,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE question_topics (
  question_id INTEGER NOT NULL REFERENCES questions(id),
  topic       TEXT NOT NULL,
  PRIMARY KEY (question_id, topic)
) WITHOUT ROWID;
CREATE INDEX question_events_offers ON question_events(event, actor_id, at);
)sql"},
    // Offers routing made, indexed by person and time: the daily cap and fairness look them up
    // for every ambassador on every question.
    {"routing", 2, R"sql(
CREATE TABLE routing_offers (
  person_id   TEXT NOT NULL,
  at          INTEGER NOT NULL,
  question_id INTEGER NOT NULL
);
CREATE INDEX routing_offers_by_person ON routing_offers(person_id, at);
INSERT INTO routing_offers(person_id, at, question_id)
  SELECT json_extract(detail, '$.to'), at, question_id FROM question_events WHERE event = 'offered';
DROP INDEX question_events_offers;
)sql"},
};

}  // namespace

std::span<const storage::Migration> routing_migrations() { return migrations; }

void RoutingStore::set_away(const std::string& person_id, std::optional<core::TimePoint> until, core::TimePoint now) {
  db_.run(
      "INSERT INTO ambassador_status(person_id, away, away_until, updated_at) VALUES (?1, 1, ?2, ?3) "
      "ON CONFLICT(person_id) DO UPDATE SET away = 1, away_until = ?2, updated_at = ?3",
      person_id, until ? std::optional<std::int64_t>(core::to_millis(*until)) : std::nullopt, core::to_millis(now));
}

void RoutingStore::set_available(const std::string& person_id, core::TimePoint now) {
  db_.run(
      "INSERT INTO ambassador_status(person_id, away, away_until, updated_at) VALUES (?1, 0, NULL, ?2) "
      "ON CONFLICT(person_id) DO UPDATE SET away = 0, away_until = NULL, updated_at = ?2",
      person_id, core::to_millis(now));
}

bool RoutingStore::is_away(const std::string& person_id, core::TimePoint now, std::optional<core::TimePoint>* until) {
  auto& st = db_.prepare("SELECT away, away_until FROM ambassador_status WHERE person_id = ?1");
  st.bind(person_id);
  if (!st.step()) return false;
  const bool away = st.int64(0) != 0;
  const auto back = st.optional_int64(1);
  st.reset();
  if (!away) return false;
  if (back && core::from_millis(*back) <= now) return false;  // the return date has passed
  if (until) *until = back ? std::optional<core::TimePoint>(core::from_millis(*back)) : std::nullopt;
  return true;
}

void RoutingStore::save_topics(std::int64_t question_id, const std::vector<std::string>& topics) {
  for (const auto& t : topics)
    db_.run("INSERT OR IGNORE INTO question_topics(question_id, topic) VALUES (?1, ?2)", question_id, t);
}

std::vector<std::string> RoutingStore::topics(std::int64_t question_id) {
  std::vector<std::string> out;
  auto& st = db_.prepare("SELECT topic FROM question_topics WHERE question_id = ?1 ORDER BY topic");
  st.bind(question_id);
  while (st.step()) out.push_back(st.text(0));
  return out;
}

std::map<std::string, double> RoutingStore::expertise(const std::string& person_id, core::TimePoint now,
                                                      double half_life_days) {
  std::map<std::string, double> out;
  auto& st = db_.prepare(
      "SELECT t.topic, q.updated_at FROM questions q JOIN question_topics t ON t.question_id = q.id "
      "WHERE q.claimant_id = ?1 AND q.state = 'resolved'");
  st.bind(person_id);
  const double now_ms = static_cast<double>(core::to_millis(now));
  while (st.step()) {
    const double age_days = std::max(0.0, (now_ms - static_cast<double>(st.int64(1))) / 86'400'000.0);
    out[st.text(0)] += std::pow(0.5, age_days / half_life_days);
  }
  return out;
}

void RoutingStore::record_offer(const std::string& person_id, std::int64_t question_id, core::TimePoint at) {
  db_.run("INSERT INTO routing_offers(person_id, at, question_id) VALUES (?1, ?2, ?3)", person_id, core::to_millis(at),
          question_id);
}

std::int64_t RoutingStore::offers_since(const std::string& person_id, core::TimePoint since) {
  return db_.query_int("SELECT COUNT(*) FROM routing_offers WHERE person_id = ?1 AND at >= ?2", person_id,
                       core::to_millis(since))
      .value_or(0);
}

std::int64_t RoutingStore::last_offered(const std::string& person_id) {
  return db_.query_int("SELECT MAX(at) FROM routing_offers WHERE person_id = ?1", person_id).value_or(0);
}

}  // namespace relais::routing
