#pragma once
// Surveys as content: one Markdown file per survey in knowledge/surveys/, which L&D edit
// without touching code:
//
//   ---
//   id: team-survey
//   audience: ambassador-teams     <- all | starters | ambassador-teams | circle:<name>
//   send_on: 2026-12-07            <- the first run; later runs every repeat_months
//   repeat_months: 6               <- optional
//   window_days: 14                <- optional: invitations go out this long after a run date
//   ---
//
//   # en: Your digital ambassador
//   An introduction, shown before the first question.
//
//   ? value | scale 0-10           <- question id and kind: scale A-B, yes/no or text
//   en: How valuable is your team's digital ambassador to you?
//   fr: ...
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "bot/core/person.hpp"
#include "bot/core/problem.hpp"

namespace relais::surveys {

struct Question {
  enum class Kind { scale, yes_no, text };
  std::string id;
  Kind kind = Kind::scale;
  int min = 0, max = 0;  ///< a scale's ends
  std::string on_yes;    ///< yes/no: what a yes signs the person up for ("volunteer"), if anything
  std::map<std::string, std::string, std::less<>> text;  ///< by language

  const std::string& text_for(std::string_view language) const;
};

struct Audience {
  enum class Kind { all, starters, ambassador_teams, circle };
  Kind kind = Kind::all;
  std::string circle;

  /// `circles_with_ambassador`: the circles that have at least one ambassador.
  bool includes(const core::Person& person, const std::set<std::string>& circles_with_ambassador) const;
};

struct Intro {
  std::string title;
  std::string text;
};

struct Survey {
  std::string id;
  Audience audience;
  std::chrono::sys_days send_on{};
  int repeat_months = 0;
  int window_days = 14;
  std::map<std::string, Intro, std::less<>> intro;  ///< by language
  std::vector<Question> questions;
  std::string source;

  const Intro& intro_for(std::string_view language) const;
  /// The run open on `today` (its date), if any: the latest run date not after today, while
  /// within the window.
  std::optional<std::chrono::sys_days> open_run(std::chrono::sys_days today) const;
  const Question* question(std::string_view id) const;
};

/// "team-survey@2026-12-07": one sending of a survey.
std::string run_id(const Survey& survey, std::chrono::sys_days run_date);

std::optional<Survey> parse_survey(std::string_view text, const std::string& source, Problems& problems);
/// Every *.md under `dir` (none: no surveys); circles must be among `known_circles` if given.
std::vector<Survey> load_surveys(const std::filesystem::path& dir, const std::set<std::string>& known_circles,
                                 Problems& problems);

}  // namespace relais::surveys
