#include "skills/feedback/feedback_store.hpp"

namespace relais::feedback {
namespace {
constexpr storage::Migration migrations[] = {
    {"feedback", 1, R"sql(
CREATE TABLE feedback (
  id         INTEGER PRIMARY KEY,
  person_id  TEXT NOT NULL,
  circle     TEXT NOT NULL DEFAULT '',
  language   TEXT NOT NULL,
  text       TEXT NOT NULL,
  topics     TEXT NOT NULL DEFAULT '',
  transport  TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX feedback_by_time ON feedback(created_at);
)sql"},
};

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
  return out;
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    const auto comma = s.find(',', start);
    out.push_back(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}
}  // namespace

std::span<const storage::Migration> feedback_migrations() { return migrations; }

std::int64_t FeedbackStore::add(const Feedback& f) {
  db_.run("INSERT INTO feedback(person_id, circle, language, text, topics, transport, created_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
          f.person_id, f.circle, f.language, f.text, joined(f.topics), f.transport, core::to_millis(f.at));
  return db_.last_insert_id();
}

std::vector<Feedback> FeedbackStore::since(core::TimePoint from) {
  std::vector<Feedback> out;
  auto& st = db_.prepare(
      "SELECT id, person_id, circle, language, text, topics, transport, created_at FROM feedback "
      "WHERE created_at >= ?1 ORDER BY id");
  st.bind(core::to_millis(from));
  while (st.step())
    out.push_back({st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4), split(st.text(5)), st.text(6),
                   core::from_millis(st.int64(7))});
  return out;
}

}  // namespace relais::feedback
