// relais-bench trends: a year of history for a 2,100-person organisation (about 100,000
// questions with their events) written to a fresh SQLite file, then each trend report built over
// the last 30 days and over the whole year, timed.
#include <chrono>
#include <filesystem>
#include <iostream>
#include <random>
#include <unistd.h>

#include "bench.hpp"
#include "bot/storage/migrations.hpp"
#include "bot/storage/people_store.hpp"
#include "skills/faq/faq_index.hpp"
#include "skills/feedback/feedback_store.hpp"
#include "skills/routing/routing_store.hpp"
#include "skills/trends/trends.hpp"

namespace relais::bench {

namespace {
using namespace std::chrono;

const std::vector<std::string> tools = {"teams", "outlook", "onedrive", "sharepoint", "excel", "word",
                                        "forms", "planner", "security", "printing", "phone", "vpn"};
const std::vector<std::string> verbs = {"share", "open", "sync", "print", "find", "restore", "install", "connect"};
const std::vector<std::string> things = {"file", "meeting", "calendar", "folder", "badge", "screen", "password",
                                         "signature", "channel", "laptop", "printer", "headset"};

template <class F>
double millis(F&& f) {
  const auto start = steady_clock::now();
  f();
  return duration<double, std::milli>(steady_clock::now() - start).count();
}
}  // namespace

int trends_bench(const Args& args) {
  const int staff = std::stoi(args.get("--staff", "2100"));
  const int questions = std::stoi(args.get("--questions", "100000"));
  const auto file = std::filesystem::temp_directory_path() / ("relais-trends-bench-" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(file);
  std::mt19937 rng(std::stoi(args.get("--seed", "1")));
  const auto now = core::from_millis(1795392000000);  // 2026-11-23

  double seeding = 0;
  {
    storage::Database db(file, storage::Durability::normal);
    storage::migrate(db, storage::core_migrations());
    storage::migrate(db, routing::routing_migrations());
    storage::migrate(db, feedback::feedback_migrations());
    seeding = millis([&] {
      storage::Transaction tx(db);
      storage::PeopleStore people(db);
      for (int i = 0; i < staff; ++i)
        people.upsert({.id = "p" + std::to_string(i), .name = "P", .language = "en", .circle = "circle-" + std::to_string(i % 20)}, now);
      std::uniform_int_distribution<int> person(0, staff - 1), tool(0, static_cast<int>(tools.size()) - 1),
          verb(0, static_cast<int>(verbs.size()) - 1), thing(0, static_cast<int>(things.size()) - 1),
          minute(0, 365 * 24 * 60 - 1), delay(1, 600), chance(0, 99);
      for (int q = 1; q <= questions; ++q) {
        const auto at = now - minutes(minute(rng));
        const auto t = tools[static_cast<std::size_t>(tool(rng))];
        const bool faq = chance(rng) < 65;
        const std::string text = "How do I " + verbs[static_cast<std::size_t>(verb(rng))] + " my " +
                                 things[static_cast<std::size_t>(thing(rng))] + " in " + t + "?";
        db.run("INSERT INTO questions(id, asker_id, text, language, state, faq_entry, created_at, updated_at) "
               "VALUES (?1, ?2, ?3, 'en', ?4, ?5, ?6, ?6)",
               q, "p" + std::to_string(person(rng)), text, faq ? "answered" : "resolved",
               faq ? std::optional<std::string>(t + "-entry") : std::nullopt, core::to_millis(at));
        db.run("INSERT INTO question_topics(question_id, topic) VALUES (?1, ?2)", q, t);
        auto event = [&](const char* name, int after, const char* detail = "{}") {
          db.run("INSERT INTO question_events(question_id, at, event, detail) VALUES (?1, ?2, ?3, ?4)", q,
                 core::to_millis(at + minutes(after)), std::string(name), std::string(detail));
        };
        if (faq) {
          event("answer", 0);
          if (chance(rng) < 30) event("rated", 1, chance(rng) < 80 ? R"({"helpful": true})" : R"({"helpful": false})");
        } else {
          event("route", 0);
          const int claim = delay(rng);
          if (claim > 60) event("escalate", 60);
          event("claim", claim);
          event("resolve", claim + delay(rng));
        }
      }
      tx.commit();
    });
  }
  storage::Database db(file, storage::Durability::normal);
  Problems problems;
  const auto lexicon = faq::load_lexicon(args.get("--knowledge", "knowledge"), problems);
  std::cout << "relais-bench trends: " << staff << " staff, " << questions << " questions over a year (seeded in "
            << static_cast<long>(seeding) << " ms)\n";
  for (const auto& [label, span] : {std::pair{"last 30 days", days(30)}, std::pair{"whole year", days(365)}}) {
    const trends::Filter f{now - span, now, ""};
    std::size_t n = 0;
    const double t_topics = millis([&] { n += trends::topics(db, f).size(); });
    const double t_rising = millis([&] { n += trends::rising(db, f, days(7), 4, 5, 2.0).size(); });
    const double t_gaps = millis([&] { n += trends::gaps(db, f, lexicon, 3).size(); });
    const double t_kpis = millis([&] { n += static_cast<std::size_t>(trends::kpis(db, f).questions); });
    std::cout << "  " << label << ": topics " << t_topics << " ms, rising " << t_rising << " ms, gaps " << t_gaps
              << " ms, kpis " << t_kpis << " ms (" << n << ")\n";
  }
  std::filesystem::remove(file);
  std::filesystem::remove(file.string() + "-wal");
  std::filesystem::remove(file.string() + "-shm");
  return 0;
}

}  // namespace relais::bench
