#pragma once
// A year of generated question history written straight into the production schema, and the
// trend reports timed over it. Shared by `relais-bench trends` and `relais-bench scale`.
#include <string>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/storage/database.hpp"
#include "skills/faq/text/analyzer.hpp"

namespace relais::bench {

/// The twelve tools that generated questions, FAQ entries and ambassadors' topics are about.
const std::vector<std::string>& bench_tools();

struct HistoryShape {
  std::vector<std::string> askers;       ///< people ids (already in the people table)
  std::vector<std::string> ambassadors;  ///< who claims routed questions
  int questions = 100000;
  unsigned seed = 1;
  core::TimePoint now{};
};

/// Writes `shape.questions` questions spread over the year before `now`: 65% answered by the
/// FAQ (30% of those rated), the rest routed, claimed by an ambassador (after an escalation if
/// slow) and resolved; each with its topic and audit events. Returns the time taken in ms.
double seed_history(storage::Database& db, const HistoryShape& shape);

struct ReportTimes {
  std::string span;
  double topics = 0, rising = 0, gaps = 0, kpis = 0, weekly = 0;
};

/// Each trend report over the last 30 days and over the whole year before `now`, in ms.
std::vector<ReportTimes> time_reports(storage::Database& db, const faq::text::Lexicon& lexicon, core::TimePoint now);

}  // namespace relais::bench
