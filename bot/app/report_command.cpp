#include "bot/app/report_command.hpp"

#include <filesystem>
#include <iostream>

#include "bot/core/time_zone.hpp"
#include "bot/storage/people_store.hpp"
#include "skills/onboarding/onboarding_report.hpp"
#include "skills/surveys/survey_report.hpp"

namespace relais::app {

const char* const report_help =
    "Usage: relais report <onboarding | surveys [--texts]> [--format table|csv|json] [--config FILE]\n"
    "  onboarding   each starter's progress on the e-learning path (planned, sent, done,\n"
    "               completed) and each module's completion\n"
    "  surveys      each survey run: invited, responded, completed; per question the mean (scales)\n"
    "               or the share of yes, overall and per circle. Groups with fewer respondents than\n"
    "               surveys.min_group_size show no figures; free text only with --texts\n"
    "Reads the database of a running or stopped relais (storage.path).\n";

int run_report(const std::vector<std::string>& args, const std::string& format, bool texts, const config::Config& config) {
  if (args.size() != 1 || (args[0] != "onboarding" && args[0] != "surveys") ||
      (format != "table" && format != "csv" && format != "json")) {
    std::cerr << report_help;
    return 64;
  }
  if (!std::filesystem::exists(config.storage.path)) {
    std::cerr << "relais report: no database at " << config.storage.path << " (storage.path): has relais run yet?\n";
    return 1;
  }
  Problems problems;
  if (args[0] == "surveys") {
    const auto list = surveys::load_surveys(std::filesystem::path(config.knowledge.path) / "surveys", {}, problems);
    for (const auto& p : problems) std::cerr << "warning: " << p << '\n';
    storage::Database db(config.storage.path, storage::durability_from(config.storage.durability));
    const auto report = surveys::survey_report(db, list, config.surveys.min_group_size, texts);
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
