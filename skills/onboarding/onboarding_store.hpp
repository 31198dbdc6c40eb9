#pragma once
// Who is being onboarded and where each starter is on their path: one row per starter, one
// per starter and module (sent, done, reminded). A module row is written when the module is
// planned, so it is never planned — or sent — twice, across restarts and re-imports.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/storage/database.hpp"
#include "bot/storage/migrations.hpp"

namespace relais::onboarding {

std::span<const storage::Migration> onboarding_migrations();

struct ModuleProgress {
  std::string person_id;
  std::string module_id;
  core::TimePoint due_at{};
  std::optional<core::TimePoint> sent_at;
  std::optional<core::TimePoint> done_at;
  int reminders = 0;
  std::string done_via;  ///< "chat" or "lms"
};

struct StarterProgress {
  std::string person_id;
  std::string start_date;
  std::optional<core::TimePoint> welcomed_at;
  std::optional<core::TimePoint> completed_at;
};

class OnboardingStore {
 public:
  explicit OnboardingStore(storage::Database& db) : db_(db) {}

  bool is_enrolled(const std::string& person_id);
  void enrol(const std::string& person_id, const std::string& start_date, core::TimePoint now);
  std::optional<StarterProgress> starter(const std::string& person_id);
  std::vector<StarterProgress> starters();
  /// Marks the welcome sent; false if it already was.
  bool mark_welcomed(const std::string& person_id, core::TimePoint now);
  void mark_completed(const std::string& person_id, core::TimePoint now);

  /// Plans a module; false if it was planned before.
  bool plan(const std::string& person_id, const std::string& module_id, core::TimePoint due);
  std::optional<ModuleProgress> module(const std::string& person_id, const std::string& module_id);
  std::vector<ModuleProgress> modules_of(const std::string& person_id);
  /// Marks the module sent; false if it already was.
  bool mark_sent(const std::string& person_id, const std::string& module_id, core::TimePoint now);
  /// Marks it done; false if it already was.
  bool mark_done(const std::string& person_id, const std::string& module_id, const std::string& via, core::TimePoint now);
  void count_reminder(const std::string& person_id, const std::string& module_id);

 private:
  storage::Database& db_;
};

}  // namespace relais::onboarding
