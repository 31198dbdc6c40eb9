#include "skills/surveys/survey_store.hpp"

namespace relais::surveys {
namespace {
constexpr storage::Migration migrations[] = {
    {"surveys", 1, R"sql(
CREATE TABLE survey_invitations (
  run          TEXT NOT NULL,
  person_id    TEXT NOT NULL,
  circle       TEXT NOT NULL DEFAULT '',
  invited_at   INTEGER,
  reminded_at  INTEGER,
  completed_at INTEGER,
  PRIMARY KEY (run, person_id)
) WITHOUT ROWID;
CREATE TABLE survey_answers (
  run         TEXT NOT NULL,
  person_id   TEXT NOT NULL,
  circle      TEXT NOT NULL DEFAULT '',
  question_id TEXT NOT NULL,
  value       REAL,
  text        TEXT NOT NULL DEFAULT '',
  answered_at INTEGER NOT NULL,
  PRIMARY KEY (run, person_id, question_id)
) WITHOUT ROWID;
)sql"},
};

std::optional<core::TimePoint> optional_time(const storage::Statement& st, int col) {
  const auto ms = st.optional_int64(col);
  return ms ? std::optional<core::TimePoint>(core::from_millis(*ms)) : std::nullopt;
}

constexpr const char* invitation_columns =
    "SELECT run, person_id, circle, invited_at, reminded_at, completed_at FROM survey_invitations ";

Invitation read_invitation(const storage::Statement& st) {
  return {st.text(0), st.text(1), st.text(2), optional_time(st, 3), optional_time(st, 4), optional_time(st, 5)};
}
}  // namespace

std::span<const storage::Migration> survey_migrations() { return migrations; }

bool SurveyStore::add_invitation(const std::string& run, const std::string& person_id, const std::string& circle) {
  db_.run("INSERT OR IGNORE INTO survey_invitations(run, person_id, circle) VALUES (?1, ?2, ?3)", run, person_id, circle);
  return db_.changes() > 0;
}

std::optional<Invitation> SurveyStore::invitation(const std::string& run, const std::string& person_id) {
  auto& st = db_.prepare(std::string(invitation_columns) + "WHERE run = ?1 AND person_id = ?2");
  st.bind(run, person_id);
  if (!st.step()) return std::nullopt;
  auto i = read_invitation(st);
  st.reset();
  return i;
}

std::vector<Invitation> SurveyStore::invitations(const std::string& run) {
  std::vector<Invitation> out;
  auto& st = db_.prepare(std::string(invitation_columns) + "WHERE run = ?1 ORDER BY person_id");
  st.bind(run);
  while (st.step()) out.push_back(read_invitation(st));
  return out;
}

std::vector<std::string> SurveyStore::runs() {
  std::vector<std::string> out;
  auto& st = db_.prepare("SELECT DISTINCT run FROM survey_invitations ORDER BY run");
  while (st.step()) out.push_back(st.text(0));
  return out;
}

bool SurveyStore::mark_invited(const std::string& run, const std::string& person_id, core::TimePoint now) {
  db_.run("UPDATE survey_invitations SET invited_at = ?3 WHERE run = ?1 AND person_id = ?2 AND invited_at IS NULL", run,
          person_id, core::to_millis(now));
  return db_.changes() > 0;
}

void SurveyStore::mark_reminded(const std::string& run, const std::string& person_id, core::TimePoint now) {
  db_.run("UPDATE survey_invitations SET reminded_at = ?3 WHERE run = ?1 AND person_id = ?2", run, person_id,
          core::to_millis(now));
}

void SurveyStore::mark_completed(const std::string& run, const std::string& person_id, core::TimePoint now) {
  db_.run("UPDATE survey_invitations SET completed_at = ?3 WHERE run = ?1 AND person_id = ?2 AND completed_at IS NULL",
          run, person_id, core::to_millis(now));
}

void SurveyStore::save_answer(const Answer& a, core::TimePoint now) {
  db_.run("INSERT INTO survey_answers(run, person_id, circle, question_id, value, text, answered_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO UPDATE SET value = ?5, text = ?6, answered_at = ?7",
          a.run, a.person_id, a.circle, a.question_id, a.value, a.text, core::to_millis(now));
}

std::vector<Answer> SurveyStore::answers(const std::string& run) {
  std::vector<Answer> out;
  auto& st = db_.prepare("SELECT run, person_id, circle, question_id, value, text FROM survey_answers WHERE run = ?1 "
                         "ORDER BY question_id, person_id");
  st.bind(run);
  while (st.step()) {
    Answer a{st.text(0), st.text(1), st.text(2), st.text(3), std::nullopt, st.text(5)};
    if (!st.is_null(4)) a.value = st.real(4);
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<std::string> SurveyStore::answered_questions(const std::string& run, const std::string& person_id) {
  std::vector<std::string> out;
  auto& st = db_.prepare("SELECT question_id FROM survey_answers WHERE run = ?1 AND person_id = ?2");
  st.bind(run, person_id);
  while (st.step()) out.push_back(st.text(0));
  return out;
}

}  // namespace relais::surveys
