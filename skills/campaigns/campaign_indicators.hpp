#pragma once
// How a campaign is going: its questions (those whose topics are the campaign's, asked since
// it started) and feedback week by week, how many the FAQ answered, how fast people got an
// answer, how helpful it was, and the adoption score, each against IT's target.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/storage/database.hpp"
#include "skills/campaigns/campaign.hpp"

namespace relais::campaigns {

struct CampaignWeek {
  std::chrono::sys_days start;
  int questions = 0;
  int feedback = 0;
};

struct Indicators {
  std::vector<CampaignWeek> weeks;  ///< from the prepare date, oldest first
  int questions = 0, answered_by_faq = 0, routed = 0, resolved = 0;
  std::optional<double> answer_hours_p50;  ///< question to resolution, for those a person answered
  int ratings = 0, helpful = 0;
  int feedback = 0;
  int scores = 0;
  std::optional<double> adoption;  ///< mean of the adoption question (only with enough answers)

  std::optional<double> deflection() const;
  std::optional<double> satisfaction() const;
};

/// The indicators over [prepare, min(end, now)); the adoption mean needs `min_group` answers.
Indicators indicators(storage::Database& db, const Campaign& campaign, core::TimePoint now, int min_group);

/// Whether a figure meets its target: nothing when either is missing.
std::optional<bool> meets(std::optional<double> value, std::optional<double> target, bool higher_is_better = true);

}  // namespace relais::campaigns
