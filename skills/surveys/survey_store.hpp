#pragma once
// Who was invited to which sending (run) of a survey, where they are in it, and their answers.
// The circle is kept with the invitation, so grouped results stay right when people move.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/storage/database.hpp"
#include "bot/storage/migrations.hpp"

namespace relais::surveys {

std::span<const storage::Migration> survey_migrations();

struct Invitation {
  std::string run;
  std::string person_id;
  std::string circle;
  std::optional<core::TimePoint> invited_at, reminded_at, completed_at;
};

struct Answer {
  std::string run, person_id, circle, question_id;
  std::optional<double> value;  ///< scale and yes/no (1 yes, 0 no)
  std::string text;             ///< free text
};

class SurveyStore {
 public:
  explicit SurveyStore(storage::Database& db) : db_(db) {}

  /// Adds an invitation; false if this person was invited to this run before.
  bool add_invitation(const std::string& run, const std::string& person_id, const std::string& circle);
  std::optional<Invitation> invitation(const std::string& run, const std::string& person_id);
  std::vector<Invitation> invitations(const std::string& run);
  std::vector<std::string> runs();
  bool mark_invited(const std::string& run, const std::string& person_id, core::TimePoint now);
  void mark_reminded(const std::string& run, const std::string& person_id, core::TimePoint now);
  void mark_completed(const std::string& run, const std::string& person_id, core::TimePoint now);

  void save_answer(const Answer& answer, core::TimePoint now);
  std::vector<Answer> answers(const std::string& run);
  std::vector<std::string> answered_questions(const std::string& run, const std::string& person_id);

 private:
  storage::Database& db_;
};

}  // namespace relais::surveys
