#include "skills/community/poll_store.hpp"

namespace relais::community {

namespace {
const storage::Migration migrations[] = {
    {"polls", 1, R"sql(
CREATE TABLE polls (
  id         INTEGER PRIMARY KEY,
  question   TEXT NOT NULL,
  closes_at  INTEGER NOT NULL,
  opened_by  TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  closed_at  INTEGER
);
CREATE TABLE poll_options (
  id          INTEGER PRIMARY KEY,
  poll_id     INTEGER NOT NULL REFERENCES polls(id),
  label       TEXT NOT NULL,
  proposed_by TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  UNIQUE (poll_id, label COLLATE NOCASE)
);
CREATE TABLE poll_votes (
  poll_id   INTEGER NOT NULL REFERENCES polls(id),
  person_id TEXT NOT NULL,
  option_id INTEGER NOT NULL REFERENCES poll_options(id),
  at        INTEGER NOT NULL,
  PRIMARY KEY (poll_id, person_id)
) WITHOUT ROWID;
)sql"},
};
}  // namespace

std::span<const storage::Migration> poll_migrations() { return migrations; }

std::int64_t PollStore::open(const std::string& question, core::TimePoint closes_at, const std::string& opened_by,
                             core::TimePoint now) {
  db_.run("INSERT INTO polls(question, closes_at, opened_by, created_at) VALUES (?1, ?2, ?3, ?4)", question,
          core::to_millis(closes_at), opened_by, core::to_millis(now));
  return db_.last_insert_id();
}

std::optional<Poll> PollStore::get(std::int64_t id) {
  auto& st = db_.prepare("SELECT id, question, closes_at, opened_by, closed_at IS NOT NULL FROM polls WHERE id = ?1");
  st.bind(id);
  if (!st.step()) return std::nullopt;
  Poll p{st.int64(0), st.text(1), core::from_millis(st.int64(2)), st.text(3), st.int64(4) != 0, {}};
  st.reset();
  auto& options = db_.prepare(
      "SELECT o.id, o.label, o.proposed_by, (SELECT COUNT(*) FROM poll_votes v WHERE v.option_id = o.id) "
      "FROM poll_options o WHERE o.poll_id = ?1 ORDER BY o.id");
  options.bind(id);
  while (options.step())
    p.options.push_back({options.int64(0), options.text(1), options.text(2), static_cast<int>(options.int64(3))});
  return p;
}

std::vector<std::int64_t> PollStore::open_polls() {
  auto& st = db_.prepare("SELECT id FROM polls WHERE closed_at IS NULL ORDER BY id");
  st.bind();
  std::vector<std::int64_t> out;
  while (st.step()) out.push_back(st.int64(0));
  return out;
}

std::int64_t PollStore::propose(std::int64_t poll_id, const std::string& label, const std::string& person_id,
                                core::TimePoint now) {
  db_.run("INSERT OR IGNORE INTO poll_options(poll_id, label, proposed_by, created_at) VALUES (?1, ?2, ?3, ?4)",
          poll_id, label, person_id, core::to_millis(now));
  return db_.query_int("SELECT id FROM poll_options WHERE poll_id = ?1 AND label = ?2 COLLATE NOCASE", poll_id, label)
      .value_or(0);
}

void PollStore::vote(std::int64_t poll_id, std::int64_t option_id, const std::string& person_id, core::TimePoint now) {
  db_.run("INSERT INTO poll_votes(poll_id, person_id, option_id, at) VALUES (?1, ?2, ?3, ?4) "
          "ON CONFLICT(poll_id, person_id) DO UPDATE SET option_id = ?3, at = ?4",
          poll_id, person_id, option_id, core::to_millis(now));
}

std::optional<std::int64_t> PollStore::vote_of(std::int64_t poll_id, const std::string& person_id) {
  return db_.query_int("SELECT option_id FROM poll_votes WHERE poll_id = ?1 AND person_id = ?2", poll_id, person_id);
}

bool PollStore::close(std::int64_t id, core::TimePoint now) {
  db_.run("UPDATE polls SET closed_at = ?2 WHERE id = ?1 AND closed_at IS NULL", id, core::to_millis(now));
  return db_.changes() > 0;
}

}  // namespace relais::community
