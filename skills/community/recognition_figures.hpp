#pragma once
// What ambassadors did in a period: questions claimed and resolved, how their help was rated,
// and the FAQ entries they contributed. Read-only over the questions' history and FAQ drafts.
#include <map>
#include <optional>
#include <string>

#include "bot/core/clock.hpp"
#include "bot/storage/database.hpp"

namespace relais::community {

struct AmbassadorFigures {
  int claimed = 0;
  int resolved = 0;
  int ratings = 0;
  int helpful = 0;
  int faq_entries = 0;

  std::optional<double> helpful_share() const {
    return ratings == 0 ? std::nullopt : std::optional<double>(static_cast<double>(helpful) / ratings);
  }
  bool any() const { return claimed + resolved + faq_entries > 0; }
};

/// Figures per ambassador id over [from, to).
std::map<std::string, AmbassadorFigures> ambassador_figures(storage::Database& db, core::TimePoint from,
                                                            core::TimePoint to);

}  // namespace relais::community
