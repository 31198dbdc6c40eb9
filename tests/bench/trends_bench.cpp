// relais-bench trends: a year of history for a 2,100-person organisation (about 100,000
// questions with their events) written to a fresh SQLite file, then each trend report built over
// the last 30 days and over the whole year, timed.
#include <filesystem>
#include <iostream>
#include <unistd.h>

#include "bench.hpp"
#include "history.hpp"
#include "bot/storage/migrations.hpp"
#include "bot/storage/people_store.hpp"
#include "skills/faq/faq_index.hpp"
#include "skills/feedback/feedback_store.hpp"
#include "skills/routing/routing_store.hpp"

namespace relais::bench {

int trends_bench(const Args& args) {
  const int staff = std::stoi(args.get("--staff", "2100"));
  const auto file = std::filesystem::temp_directory_path() / ("relais-trends-bench-" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(file);
  HistoryShape shape;
  shape.questions = std::stoi(args.get("--questions", "100000"));
  shape.seed = static_cast<unsigned>(std::stoul(args.get("--seed", "1")));
  shape.now = core::from_millis(1795392000000);  // 2026-11-23

  double seeding = 0;
  {
    storage::Database db(file, storage::Durability::normal);
    storage::migrate(db, storage::core_migrations());
    storage::migrate(db, routing::routing_migrations());
    storage::migrate(db, feedback::feedback_migrations());
    {
      storage::Transaction tx(db);
      storage::PeopleStore people(db);
      for (int i = 0; i < staff; ++i) {
        const auto id = "p" + std::to_string(i);
        people.upsert({.id = id, .name = "P", .language = "en", .circle = "circle-" + std::to_string(i % 20)}, shape.now);
        (i % 18 == 0 ? shape.ambassadors : shape.askers).push_back(id);
      }
      tx.commit();
    }
    seeding = seed_history(db, shape);
  }
  storage::Database db(file, storage::Durability::normal);
  Problems problems;
  const auto lexicon = faq::load_lexicon(args.get("--knowledge", "knowledge"), problems);
  std::cout << "relais-bench trends: " << staff << " staff, " << shape.questions << " questions over a year (seeded in "
            << static_cast<long>(seeding) << " ms)\n";
  for (const auto& t : time_reports(db, lexicon, shape.now))
    std::cout << "  " << t.span << ": topics " << t.topics << " ms, rising " << t.rising << " ms, gaps " << t.gaps
              << " ms, kpis " << t.kpis << " ms, weekly " << t.weekly << " ms\n";
  std::filesystem::remove(file);
  std::filesystem::remove(file.string() + "-wal");
  std::filesystem::remove(file.string() + "-shm");
  return 0;
}

}  // namespace relais::bench
