#include "bot/app/report_command.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "bot/core/time_zone.hpp"
#include "bot/storage/people_store.hpp"
#include "skills/onboarding/onboarding_report.hpp"
#include "skills/faq/faq_index.hpp"
#include "skills/surveys/survey_report.hpp"
#include "skills/trends/trends_format.hpp"

namespace relais::app {

const char* const report_help =
    "Usage: relais report <name> [--since 30d] [--circle NAME] [--format table|csv|json] [--config FILE]\n"
    "  topics       questions by topic, and how many the FAQ answered\n"
    "  weekly       questions by topic, week by week\n"
    "  rising       topics asked about much more this week than in the four weeks before\n"
    "  gaps         questions the FAQ could not answer, grouped by what they share, with examples\n"
    "  kpis         deflection, routing, escalations, time to claim and resolve (p50/p90),\n"
    "               satisfaction, feedback, awareness and value from the surveys, onboarding\n"
    "  surveys      each survey run: invited, responded, completed; per question the mean (scales)\n"
    "               or the share of yes, overall and per circle; free text only with --texts\n"
    "  onboarding   each starter's progress on the e-learning path, each module's completion\n"
    "--since: how far back, in days (30d) or weeks (12w). --circle: one circle only; circles with\n"
    "fewer than surveys.min_group_size people get no figures. Reads the database of a running or\n"
    "stopped relais (storage.path).\n";

namespace {
/// "30d" or "12w" as days; nothing if it is neither.
std::optional<std::chrono::days> parse_since(const std::string& s) {
  if (s.size() < 2 || s.size() > 5) return std::nullopt;
  const auto number = s.substr(0, s.size() - 1);
  if (!std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  const int n = std::stoi(number);
  if (s.back() == 'd') return std::chrono::days(n);
  if (s.back() == 'w') return std::chrono::days(7 * n);
  return std::nullopt;
}

const std::vector<std::string> trend_reports = {"topics", "weekly", "rising", "gaps", "kpis"};
}  // namespace

int run_report(const ReportOptions& o, const config::Config& config) {
  const auto& args = o.args;
  const auto& format = o.format;
  const auto since = parse_since(o.since);
  const bool trend = args.size() == 1 && std::find(trend_reports.begin(), trend_reports.end(), args[0]) != trend_reports.end();
  if (args.size() != 1 || (!trend && args[0] != "onboarding" && args[0] != "surveys") || !since ||
      (format != "table" && format != "csv" && format != "json")) {
    std::cerr << report_help;
    return 64;
  }
  if (!std::filesystem::exists(config.storage.path)) {
    std::cerr << "relais report: no database at " << config.storage.path << " (storage.path): has relais run yet?\n";
    return 1;
  }
  Problems problems;
  if (trend) {
    storage::Database db(config.storage.path, storage::durability_from(config.storage.durability));
    const auto now = core::SystemClock{}.now();
    const trends::Filter filter{now - *since, now, o.circle};
    if (const auto why = trends::refused(db, filter, config.surveys.min_group_size)) {
      std::cerr << "relais report: " << *why << '\n';
      return 2;
    }
    if (args[0] == "topics") std::cout << trends::format_topics(trends::topics(db, filter), format);
    if (args[0] == "weekly") std::cout << trends::format_weekly(trends::topics_by_week(db, filter), format);
    if (args[0] == "rising")
      std::cout << trends::format_rising(trends::rising(db, filter, std::chrono::days(7), 4, 5, 2.0), format);
    if (args[0] == "kpis") std::cout << trends::format_kpis(trends::kpis(db, filter), format);
    if (args[0] == "gaps") {
      const auto lexicon = faq::load_lexicon(config.knowledge.path, problems);
      std::cout << trends::format_gaps(trends::gaps(db, filter, lexicon, 3), format);
    }
    return 0;
  }
  if (args[0] == "surveys") {
    const auto list = surveys::load_surveys(std::filesystem::path(config.knowledge.path) / "surveys", {}, problems);
    for (const auto& p : problems) std::cerr << "warning: " << p << '\n';
    storage::Database db(config.storage.path, storage::durability_from(config.storage.durability));
    const auto report = surveys::survey_report(db, list, config.surveys.min_group_size, o.texts);
    std::cout << (format == "csv" ? surveys::survey_csv(report)
                                  : format == "json" ? surveys::survey_json(report) : surveys::survey_table(report));
    return 0;
  }
  const auto path = onboarding::load_path(std::filesystem::path(config.knowledge.path) / "onboarding", {}, problems);
  for (const auto& p : problems) std::cerr << "warning: " << p << '\n';
  storage::Database db(config.storage.path, storage::durability_from(config.storage.durability));
  storage::PeopleStore people(db);
  const auto zone = core::TimeZone::named(config.routing.time_zone).value_or(core::TimeZone());
  const auto report = onboarding::onboarding_report(db, people, path, zone);
  std::cout << (format == "csv" ? onboarding::report_csv(report)
                                : format == "json" ? onboarding::report_json(report) : onboarding::report_table(report));
  return 0;
}

}  // namespace relais::app
