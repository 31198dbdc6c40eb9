#include "skills/feedback/feedback_store.hpp"

#include "bot/core/knowledge_file.hpp"

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
    // Field feedback an ambassador forwards for a colleague, and their later corrections.
    {"feedback", 2, R"sql(
ALTER TABLE feedback ADD COLUMN forwarded_by TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN edited_at INTEGER;
)sql"},
};
}  // namespace

std::span<const storage::Migration> feedback_migrations() { return migrations; }

std::int64_t FeedbackStore::add(const Feedback& f) {
  db_.run("INSERT INTO feedback(person_id, circle, language, text, topics, transport, created_at, forwarded_by) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
          f.person_id, f.circle, f.language, f.text, core::join_list(f.topics), f.transport, core::to_millis(f.at), f.forwarded_by);
  return db_.last_insert_id();
}

std::optional<Feedback> FeedbackStore::get(std::int64_t id) {
  for (auto& f : query("WHERE id = ?1", id)) return f;
  return std::nullopt;
}

void FeedbackStore::edit(std::int64_t id, const std::string& text, const std::vector<std::string>& topics, core::TimePoint now) {
  db_.run("UPDATE feedback SET text = ?2, topics = ?3, edited_at = ?4 WHERE id = ?1", id, text, core::join_list(topics),
          core::to_millis(now));
}

int FeedbackStore::forget_text_before(core::TimePoint before) {
  db_.run("UPDATE feedback SET text = '' WHERE created_at < ?1 AND text <> ''", core::to_millis(before));
  return db_.changes();
}

std::vector<Feedback> FeedbackStore::since(core::TimePoint from) { return query("WHERE created_at >= ?1", core::to_millis(from)); }

std::vector<Feedback> FeedbackStore::query(const std::string& where, std::int64_t arg) {
  std::vector<Feedback> out;
  auto& st = db_.prepare(
      "SELECT id, person_id, circle, language, text, topics, transport, created_at, forwarded_by FROM feedback " + where +
      " ORDER BY id");
  st.bind(arg);
  while (st.step())
    out.push_back({st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4), core::split_list(st.text(5)), st.text(6),
                   core::from_millis(st.int64(7)), st.text(8)});
  return out;
}

}  // namespace relais::feedback
