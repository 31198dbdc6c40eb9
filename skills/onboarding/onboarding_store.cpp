#include "skills/onboarding/onboarding_store.hpp"

namespace relais::onboarding {
namespace {
constexpr storage::Migration migrations[] = {
    {"onboarding", 1, R"sql(
CREATE TABLE onboarding_starters (
  person_id    TEXT PRIMARY KEY,
  start_date   TEXT NOT NULL,
  enrolled_at  INTEGER NOT NULL,
  welcomed_at  INTEGER,
  completed_at INTEGER
) WITHOUT ROWID;
CREATE TABLE onboarding_modules (
  person_id TEXT NOT NULL,
  module_id TEXT NOT NULL,
  due_at    INTEGER NOT NULL,
  sent_at   INTEGER,
  done_at   INTEGER,
  done_via  TEXT NOT NULL DEFAULT '',
  reminders INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (person_id, module_id)
) WITHOUT ROWID;
)sql"},
};

std::optional<core::TimePoint> optional_time(const storage::Statement& st, int col) {
  const auto ms = st.optional_int64(col);
  return ms ? std::optional<core::TimePoint>(core::from_millis(*ms)) : std::nullopt;
}

constexpr const char* module_columns =
    "SELECT person_id, module_id, due_at, sent_at, done_at, reminders, done_via FROM onboarding_modules ";

ModuleProgress read_module(const storage::Statement& st) {
  return {st.text(0), st.text(1), core::from_millis(st.int64(2)), optional_time(st, 3), optional_time(st, 4),
          static_cast<int>(st.int64(5)), st.text(6)};
}

constexpr const char* starter_columns = "SELECT person_id, start_date, welcomed_at, completed_at FROM onboarding_starters ";

StarterProgress read_starter(const storage::Statement& st) {
  return {st.text(0), st.text(1), optional_time(st, 2), optional_time(st, 3)};
}
}  // namespace

std::span<const storage::Migration> onboarding_migrations() { return migrations; }

bool OnboardingStore::is_enrolled(const std::string& person_id) {
  return db_.query_int("SELECT 1 FROM onboarding_starters WHERE person_id = ?1", person_id).has_value();
}

void OnboardingStore::enrol(const std::string& person_id, const std::string& start_date, core::TimePoint now) {
  db_.run("INSERT OR IGNORE INTO onboarding_starters(person_id, start_date, enrolled_at) VALUES (?1, ?2, ?3)",
          person_id, start_date, core::to_millis(now));
}

std::optional<StarterProgress> OnboardingStore::starter(const std::string& person_id) {
  auto& st = db_.prepare(std::string(starter_columns) + "WHERE person_id = ?1");
  st.bind(person_id);
  if (!st.step()) return std::nullopt;
  auto s = read_starter(st);
  st.reset();
  return s;
}

std::vector<StarterProgress> OnboardingStore::starters() {
  std::vector<StarterProgress> out;
  auto& st = db_.prepare(std::string(starter_columns) + "ORDER BY start_date, person_id");
  while (st.step()) out.push_back(read_starter(st));
  return out;
}

bool OnboardingStore::mark_welcomed(const std::string& person_id, core::TimePoint now) {
  db_.run("UPDATE onboarding_starters SET welcomed_at = ?2 WHERE person_id = ?1 AND welcomed_at IS NULL", person_id,
          core::to_millis(now));
  return db_.changes() > 0;
}

void OnboardingStore::mark_completed(const std::string& person_id, core::TimePoint now) {
  db_.run("UPDATE onboarding_starters SET completed_at = ?2 WHERE person_id = ?1 AND completed_at IS NULL", person_id,
          core::to_millis(now));
}

bool OnboardingStore::plan(const std::string& person_id, const std::string& module_id, core::TimePoint due) {
  db_.run("INSERT OR IGNORE INTO onboarding_modules(person_id, module_id, due_at) VALUES (?1, ?2, ?3)", person_id,
          module_id, core::to_millis(due));
  return db_.changes() > 0;
}

std::optional<ModuleProgress> OnboardingStore::module(const std::string& person_id, const std::string& module_id) {
  auto& st = db_.prepare(std::string(module_columns) + "WHERE person_id = ?1 AND module_id = ?2");
  st.bind(person_id, module_id);
  if (!st.step()) return std::nullopt;
  auto m = read_module(st);
  st.reset();
  return m;
}

std::vector<ModuleProgress> OnboardingStore::modules_of(const std::string& person_id) {
  std::vector<ModuleProgress> out;
  auto& st = db_.prepare(std::string(module_columns) + "WHERE person_id = ?1 ORDER BY due_at, module_id");
  st.bind(person_id);
  while (st.step()) out.push_back(read_module(st));
  return out;
}

bool OnboardingStore::mark_sent(const std::string& person_id, const std::string& module_id, core::TimePoint now) {
  db_.run("UPDATE onboarding_modules SET sent_at = ?3 WHERE person_id = ?1 AND module_id = ?2 AND sent_at IS NULL",
          person_id, module_id, core::to_millis(now));
  return db_.changes() > 0;
}

bool OnboardingStore::mark_done(const std::string& person_id, const std::string& module_id, const std::string& via,
                                core::TimePoint now) {
  db_.run("UPDATE onboarding_modules SET done_at = ?3, done_via = ?4, sent_at = COALESCE(sent_at, ?3) "
          "WHERE person_id = ?1 AND module_id = ?2 AND done_at IS NULL",
          person_id, module_id, core::to_millis(now), via);
  return db_.changes() > 0;
}

void OnboardingStore::count_reminder(const std::string& person_id, const std::string& module_id) {
  db_.run("UPDATE onboarding_modules SET reminders = reminders + 1 WHERE person_id = ?1 AND module_id = ?2", person_id,
          module_id);
}

}  // namespace relais::onboarding
