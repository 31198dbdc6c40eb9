#include "bot/app/report_command.hpp"

#include <filesystem>
#include <iostream>

#include "bot/core/time_zone.hpp"
#include "bot/storage/people_store.hpp"
#include "skills/onboarding/onboarding_report.hpp"

namespace relais::app {

const char* const report_help =
    "Usage: relais report onboarding [--format table|csv|json] [--config FILE]\n"
    "  onboarding   each starter's progress on the e-learning path (planned, sent, done,\n"
    "               completed) and each module's completion\n"
    "Reads the database of a running or stopped relais (storage.path).\n";

int run_report(const std::vector<std::string>& args, const std::string& format, const config::Config& config) {
  if (args.size() != 1 || args[0] != "onboarding" || (format != "table" && format != "csv" && format != "json")) {
    std::cerr << report_help;
    return 64;
  }
  if (!std::filesystem::exists(config.storage.path)) {
    std::cerr << "relais report: no database at " << config.storage.path << " (storage.path): has relais run yet?\n";
    return 1;
  }
  Problems problems;
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
