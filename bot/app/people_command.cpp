#include "bot/app/people_command.hpp"

#include <filesystem>
#include <iostream>

#include "bot/core/clock.hpp"
#include "bot/identity/directory_csv.hpp"
#include "bot/identity/directory_sync.hpp"
#include "bot/storage/migrations.hpp"

namespace relais::app {

const char* const people_help =
    "Usage: relais people import FILE.csv [--config FILE]\n"
    "Applies a staff directory export (the columns of config/directory.example.csv) to the\n"
    "database: new people are added, changed ones updated, people missing from the file leave.\n"
    "Nothing is written unless the whole file is valid; importing the same file again changes\n"
    "nothing. A running relais onboards new starters within onboarding.sweep_minutes.\n";

int run_people(const std::vector<std::string>& args, const config::Config& config) {
  if (args.size() != 2 || args[0] != "import") {
    std::cerr << people_help;
    return 64;
  }
  Problems problems;
  const auto directory = identity::load_directory(args[1], problems);
  if (!problems.empty()) {
    for (const auto& p : problems) std::cerr << p << '\n';
    std::cerr << problems.size() << " problem(s) found; nothing was imported.\n";
    return 2;
  }
  storage::Database db(config.storage.path, storage::durability_from(config.storage.durability));
  storage::migrate(db, storage::core_migrations());
  storage::PeopleStore people(db);
  const auto now = core::SystemClock{}.now();
  storage::Transaction tx(db);
  const auto summary = identity::sync_directory(people, directory, true, now);
  identity::record_import(db, std::filesystem::absolute(args[1]).string(), identity::digest_of(directory), summary, now);
  tx.commit();
  std::cout << summary.text() << '\n';
  for (const auto& [label, ids] : {std::pair{"added", &summary.added}, std::pair{"changed", &summary.changed},
                                   std::pair{"left", &summary.left}})
    for (const auto& id : *ids) std::cout << "  " << label << ": " << id << '\n';
  return 0;
}

}  // namespace relais::app
