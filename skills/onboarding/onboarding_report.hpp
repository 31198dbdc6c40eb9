#pragma once
// Where every starter is on the onboarding path, and how each module fares: for L&D
// (`relais report onboarding`, and the dashboard when it exists).
#include <string>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/core/time_zone.hpp"
#include "bot/storage/database.hpp"
#include "bot/storage/people_store.hpp"
#include "skills/onboarding/onboarding_path.hpp"

namespace relais::onboarding {

struct StarterLine {
  std::string person_id, name, circle, start_date;
  int done = 0, sent = 0, planned = 0;
  std::string completed;  ///< the local date, or empty
};

struct ModuleLine {
  std::string module_id, title;
  int planned = 0, sent = 0, done = 0;
};

struct Report {
  std::vector<StarterLine> starters;
  std::vector<ModuleLine> modules;
};

/// Reads the report from the database (an empty report when onboarding never ran there).
Report onboarding_report(storage::Database& db, storage::PeopleStore& people, const std::vector<Module>& path,
                         const core::TimeZone& zone);

std::string report_table(const Report& report);
std::string report_csv(const Report& report);
std::string report_json(const Report& report);

}  // namespace relais::onboarding
