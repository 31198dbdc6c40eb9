#pragma once
// What staff ask and struggle with, for IT and L&D: questions by topic, rising topics, FAQ
// gaps, and the programme's KPIs, from the questions' history, ratings, surveys and onboarding.
// Read-only over the database; every figure is computed, never stored.
//
// Privacy: a circle with fewer than `min_group` people gets no figures of its own, and the
// wording of questions (in FAQ gaps) is for the IT / L&D readers of these reports only.
#include <optional>
#include <string>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/storage/database.hpp"
#include "skills/faq/text/analyzer.hpp"

namespace relais::trends {

struct Filter {
  core::TimePoint from{};
  core::TimePoint to{};
  std::string circle;  ///< empty: everyone
};

/// Why a report cannot be shown for this filter (too small a group), if it cannot.
std::optional<std::string> refused(storage::Database& db, const Filter& filter, int min_group);

struct TopicCount {
  std::string topic;
  int questions = 0;
  int answered_by_faq = 0;
};
std::vector<TopicCount> topics(storage::Database& db, const Filter& filter);

struct Rising {
  std::string topic;
  int this_period = 0;
  double before_average = 0;  ///< per period, over the previous `baseline_periods`
  double growth = 0;          ///< this_period / before_average (before 0: counted as 1)
};
/// Topics asked about at least `min_count` times in [to - period, to) and at least `min_growth`
/// times as often as on average in the `baseline_periods` periods before.
std::vector<Rising> rising(storage::Database& db, const Filter& filter, std::chrono::days period, int baseline_periods,
                           int min_count, double min_growth);

struct Gap {
  int questions = 0;
  std::vector<std::string> terms;     ///< what they share
  std::vector<std::string> examples;  ///< up to three wordings
};
/// Questions the FAQ did not answer, grouped by shared words (most asked first).
std::vector<Gap> gaps(storage::Database& db, const Filter& filter, const faq::text::Lexicon& lexicon, int min_cluster);

struct Kpis {
  int questions = 0;
  int answered_by_faq = 0;
  int routed = 0;
  int escalated_to_community = 0;
  int escalated_to_it = 0;
  int resolved = 0;
  std::optional<double> minutes_to_claim_p50, minutes_to_claim_p90;
  std::optional<double> minutes_to_resolve_p50, minutes_to_resolve_p90;
  int ratings = 0, helpful = 0;
  int feedback = 0;
  std::optional<double> knows_ambassadors, asked_ambassador;  ///< yes shares from the skills survey
  std::optional<double> ambassador_value, adoption_easier;    ///< means from the team survey
  int starters = 0, starters_completed = 0;
};
Kpis kpis(storage::Database& db, const Filter& filter);

struct Week {
  std::chrono::sys_days start;  ///< the first day of the week (UTC)
  int questions = 0;
  int answered_by_faq = 0;
};
/// Questions per week, for the `weeks` weeks before `to` (oldest first).
std::vector<Week> weekly(storage::Database& db, core::TimePoint to, int weeks, const std::string& circle);

struct WeekTopic {
  std::chrono::sys_days week;  ///< the first day of the week, counted back from the period's end
  std::string topic;
  int questions = 0;
};
/// Questions by topic in each week of the period (weeks counted back from its end), newest first.
std::vector<WeekTopic> topics_by_week(storage::Database& db, const Filter& filter);

/// The value at `p` (0..1) of `values`, by nearest rank; nothing when empty.
std::optional<double> percentile(std::vector<double> values, double p);

}  // namespace relais::trends
