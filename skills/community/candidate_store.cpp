#include "skills/community/candidate_store.hpp"

#include "bot/core/knowledge_file.hpp"

namespace relais::community {

namespace {
const storage::Migration migrations[] = {
    {"recruitment", 1, R"sql(
CREATE TABLE candidates (
  id         INTEGER PRIMARY KEY,
  person_id  TEXT NOT NULL REFERENCES people(id),
  source     TEXT NOT NULL,
  motivation TEXT NOT NULL DEFAULT '',
  topics     TEXT NOT NULL DEFAULT '',
  status     TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
  decided_by TEXT NOT NULL DEFAULT '',
  decided_at INTEGER,
  created_at INTEGER NOT NULL
);
-- One open offer per person: offering twice changes nothing.
CREATE UNIQUE INDEX candidates_one_pending ON candidates(person_id) WHERE status = 'pending';
)sql"},
};

}  // namespace

std::span<const storage::Migration> candidate_migrations() { return migrations; }

std::int64_t CandidateStore::add(const std::string& person_id, const std::string& source, const std::string& motivation,
                                 core::TimePoint now) {
  db_.run("INSERT INTO candidates(person_id, source, motivation, created_at) VALUES (?1, ?2, ?3, ?4)", person_id,
          source, motivation, core::to_millis(now));
  return db_.last_insert_id();
}

template <class Arg>
std::vector<Candidate> CandidateStore::query(const std::string& where, const Arg& arg) {
  auto& st = db_.prepare(
      "SELECT id, person_id, source, motivation, topics, status, decided_by, created_at FROM candidates WHERE " + where +
      " ORDER BY id");
  st.bind(arg);
  std::vector<Candidate> out;
  while (st.step())
    out.push_back({st.int64(0), st.text(1), st.text(2), st.text(3), core::split_list(st.text(4)), st.text(5), st.text(6),
                   core::from_millis(st.int64(7))});
  return out;
}

std::optional<Candidate> CandidateStore::get(std::int64_t id) {
  auto found = query("id = ?1", id);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::optional<Candidate> CandidateStore::pending_of(const std::string& person_id) {
  auto found = query("person_id = ?1 AND status = 'pending'", person_id);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<Candidate> CandidateStore::pending() { return query("status = ?1", std::string("pending")); }

void CandidateStore::set_topics(std::int64_t id, const std::vector<std::string>& topics) {
  db_.run("UPDATE candidates SET topics = ?2 WHERE id = ?1", id, core::join_list(topics));
}

bool CandidateStore::decide(std::int64_t id, const std::string& status, const std::string& lead_id, core::TimePoint now) {
  db_.run("UPDATE candidates SET status = ?2, decided_by = ?3, decided_at = ?4 WHERE id = ?1 AND status = 'pending'", id,
          status, lead_id, core::to_millis(now));
  return db_.changes() > 0;
}

}  // namespace relais::community
