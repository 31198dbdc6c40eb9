#include "skills/community/event_store.hpp"

namespace relais::community {

namespace {
const storage::Migration migrations[] = {
    {"events", 1, R"sql(
CREATE TABLE community_events (
  id           INTEGER PRIMARY KEY,
  title        TEXT NOT NULL,
  starts_at    INTEGER NOT NULL,
  place        TEXT NOT NULL,
  everyone     INTEGER NOT NULL DEFAULT 0,
  created_by   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  cancelled_at INTEGER
);
CREATE TABLE community_event_answers (
  event_id  INTEGER NOT NULL REFERENCES community_events(id),
  person_id TEXT NOT NULL,
  answer    TEXT NOT NULL CHECK (answer IN ('yes', 'maybe', 'no')),
  at        INTEGER NOT NULL,
  PRIMARY KEY (event_id, person_id)
) WITHOUT ROWID;
)sql"},
};

constexpr const char* columns = "SELECT id, title, starts_at, place, everyone, created_by, cancelled_at IS NOT NULL "
                                "FROM community_events ";

Event read(const storage::Statement& st) {
  return {st.int64(0), st.text(1), core::from_millis(st.int64(2)), st.text(3), st.int64(4) != 0, st.text(5),
          st.int64(6) != 0};
}
}  // namespace

std::span<const storage::Migration> event_migrations() { return migrations; }

std::int64_t EventStore::add(const Event& e, core::TimePoint now) {
  db_.run("INSERT INTO community_events(title, starts_at, place, everyone, created_by, created_at) VALUES (?1, ?2, ?3, "
          "?4, ?5, ?6)",
          e.title, core::to_millis(e.starts_at), e.place, e.everyone, e.created_by, core::to_millis(now));
  return db_.last_insert_id();
}

std::optional<Event> EventStore::get(std::int64_t id) {
  auto& st = db_.prepare(std::string(columns) + "WHERE id = ?1");
  st.bind(id);
  if (!st.step()) return std::nullopt;
  auto e = read(st);
  st.reset();
  return e;
}

std::vector<Event> EventStore::upcoming(core::TimePoint now) {
  auto& st = db_.prepare(std::string(columns) + "WHERE cancelled_at IS NULL AND starts_at > ?1 ORDER BY starts_at, id");
  st.bind(core::to_millis(now));
  std::vector<Event> out;
  while (st.step()) out.push_back(read(st));
  return out;
}

void EventStore::cancel(std::int64_t id, core::TimePoint now) {
  db_.run("UPDATE community_events SET cancelled_at = ?2 WHERE id = ?1 AND cancelled_at IS NULL", id,
          core::to_millis(now));
}

void EventStore::answer(std::int64_t event_id, const std::string& person_id, const std::string& answer,
                        core::TimePoint now) {
  db_.run("INSERT INTO community_event_answers(event_id, person_id, answer, at) VALUES (?1, ?2, ?3, ?4) "
          "ON CONFLICT(event_id, person_id) DO UPDATE SET answer = ?3, at = ?4",
          event_id, person_id, answer, core::to_millis(now));
}

std::map<std::string, std::string> EventStore::answers(std::int64_t event_id) {
  auto& st = db_.prepare("SELECT person_id, answer FROM community_event_answers WHERE event_id = ?1");
  st.bind(event_id);
  std::map<std::string, std::string> out;
  while (st.step()) out[st.text(0)] = st.text(1);
  return out;
}

}  // namespace relais::community
