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
    // Expertise kept up to date from the audit trail instead of summed over all of an
    // ambassador's history on every routing decision (seconds at a million questions). The
    // tables fill from the existing history on first use.
    {"routing", 3, R"sql(
CREATE TABLE routing_credits (
  question_id INTEGER PRIMARY KEY,
  person_id   TEXT NOT NULL,
  resolved_at INTEGER NOT NULL
);
CREATE TABLE routing_expertise (
  person_id TEXT NOT NULL,
  topic     TEXT NOT NULL,
  score     REAL NOT NULL,
  as_of     INTEGER NOT NULL,
  PRIMARY KEY (person_id, topic)
) WITHOUT ROWID;
CREATE INDEX routing_expertise_by_topic ON routing_expertise(topic);
CREATE TABLE routing_expertise_state (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  last_event     INTEGER NOT NULL,
  half_life_days REAL NOT NULL
);
)sql"},
};

constexpr double day_ms = 86'400'000.0;

/// How much a score kept as of `from` is worth at `to`.
double decay(std::int64_t from, std::int64_t to, double half_life_days) {
  return std::pow(0.5, static_cast<double>(to - from) / day_ms / half_life_days);
}

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

void RoutingStore::add_expertise(const std::string& person_id, std::int64_t question_id, double weight, std::int64_t at,
                                 double half_life_days) {
  for (const auto& topic : topics(question_id)) {
    auto& st = db_.prepare("SELECT score, as_of FROM routing_expertise WHERE person_id = ?1 AND topic = ?2");
    st.bind(person_id, topic);
    const double before = st.step() ? st.real(0) * decay(st.int64(1), at, half_life_days) : 0.0;
    st.reset();
    db_.run("INSERT INTO routing_expertise(person_id, topic, score, as_of) VALUES (?1, ?2, ?3, ?4) "
            "ON CONFLICT(person_id, topic) DO UPDATE SET score = ?3, as_of = ?4",
            person_id, topic, std::max(0.0, before + weight), at);
  }
}

void RoutingStore::catch_up_expertise(double half_life_days) {
  auto last = db_.query_int("SELECT last_event FROM routing_expertise_state WHERE half_life_days = ?1", half_life_days);
  if (!last) {  // first use, or the half-life changed: scores are rebuilt from the whole history
    db_.run("DELETE FROM routing_credits");
    db_.run("DELETE FROM routing_expertise");
    db_.run("INSERT OR REPLACE INTO routing_expertise_state(id, last_event, half_life_days) VALUES (1, 0, ?1)",
            half_life_days);
    last = 0;
  }
  struct Change {
    std::int64_t event_id, question_id, at;
    bool resolved;
    std::optional<std::string> claimant;
  };
  std::vector<Change> changes;
  {
    // Only resolve leads into "resolved" and only reopen out of it, so the claimant now is the
    // one who resolved, unless the question was reopened since, which the reopen will undo.
    // "+e.event": read the events after the last one seen (a range of ids), not every resolve
    // event ever through the index on event names.
    auto& st = db_.prepare(
        "SELECT e.id, e.question_id, e.at, e.event = 'resolve', q.claimant_id FROM question_events e "
        "JOIN questions q ON q.id = e.question_id WHERE e.id > ?1 AND +e.event IN ('resolve', 'reopen') ORDER BY e.id");
    st.bind(*last);
    while (st.step())
      changes.push_back({st.int64(0), st.int64(1), st.int64(2), st.int64(3) != 0,
                         st.is_null(4) ? std::nullopt : std::optional<std::string>(st.text(4))});
  }
  for (const auto& c : changes) {
    auto& credit = db_.prepare("SELECT person_id, resolved_at FROM routing_credits WHERE question_id = ?1");
    credit.bind(c.question_id);
    if (credit.step()) {  // reopened (or resolved again): what it counted for is taken back
      const std::string person = credit.text(0);
      const auto resolved_at = credit.int64(1);
      credit.reset();
      add_expertise(person, c.question_id, -decay(resolved_at, c.at, half_life_days), c.at, half_life_days);
      db_.run("DELETE FROM routing_credits WHERE question_id = ?1", c.question_id);
    }
    credit.reset();
    if (c.resolved && c.claimant) {
      db_.run("INSERT INTO routing_credits(question_id, person_id, resolved_at) VALUES (?1, ?2, ?3)", c.question_id,
              *c.claimant, c.at);
      add_expertise(*c.claimant, c.question_id, 1.0, c.at, half_life_days);
    }
  }
  const auto newest = db_.query_int("SELECT MAX(id) FROM question_events").value_or(*last);
  db_.run("UPDATE routing_expertise_state SET last_event = ?1", std::max(newest, *last));
}

std::map<std::string, std::map<std::string, double>> RoutingStore::expertise(const std::vector<std::string>& topics,
                                                                            core::TimePoint now,
                                                                            double half_life_days) {
  catch_up_expertise(half_life_days);
  std::map<std::string, std::map<std::string, double>> out;
  const auto now_ms = core::to_millis(now);
  for (const auto& topic : topics) {
    auto& st = db_.prepare("SELECT person_id, score, as_of FROM routing_expertise WHERE topic = ?1");
    st.bind(topic);
    while (st.step()) out[st.text(0)][topic] = st.real(1) * decay(st.int64(2), now_ms, half_life_days);
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
