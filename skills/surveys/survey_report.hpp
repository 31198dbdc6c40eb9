#pragma once
// Survey results for IT and L&D: response rates and, per question, the scale's mean and spread
// or the share of "yes" — overall and per circle. Privacy: a group with fewer than
// `min_group` respondents shows no figures, and free text is listed only when asked for.
#include <map>
#include <string>
#include <vector>

#include "bot/storage/database.hpp"
#include "skills/surveys/survey.hpp"

namespace relais::surveys {

struct QuestionFigures {
  std::string question_id;
  std::string text;  ///< in English
  Question::Kind kind = Question::Kind::scale;
  int answers = 0;
  std::optional<double> mean;       ///< scale; yes/no: the share of yes (0..1)
  std::map<int, int> distribution;  ///< scale value or 1/0 -> count
  std::vector<std::string> texts;   ///< free text, only when asked for
};

struct GroupFigures {
  std::string group;  ///< "all" or a circle
  int invited = 0, responded = 0, completed = 0;
  bool suppressed = false;  ///< too few respondents to show figures
  std::vector<QuestionFigures> questions;
};

struct RunReport {
  std::string run;
  std::string title;
  std::vector<GroupFigures> groups;  ///< "all" first, then each circle
};

std::vector<RunReport> survey_report(storage::Database& db, const std::vector<Survey>& surveys, int min_group,
                                     bool with_texts);

std::string survey_table(const std::vector<RunReport>& report);
std::string survey_csv(const std::vector<RunReport>& report);
std::string survey_json(const std::vector<RunReport>& report);

}  // namespace relais::surveys
