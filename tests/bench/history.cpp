#include "history.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <random>

#include "skills/trends/trends.hpp"

namespace relais::bench {
namespace {
using namespace std::chrono;

const std::vector<std::string> verbs = {"share", "open", "sync", "print", "find", "restore", "install", "connect"};
const std::vector<std::string> things = {"file", "meeting", "calendar", "folder", "badge", "screen", "password",
                                         "signature", "channel", "laptop", "printer", "headset"};

template <class F>
double millis(F&& f) {
  const auto start = steady_clock::now();
  f();
  return duration<double, std::milli>(steady_clock::now() - start).count();
}

template <class T>
const T& any_of(const std::vector<T>& v, std::mt19937& rng) {
  return v[rng() % v.size()];
}
}  // namespace

const std::vector<std::string>& bench_tools() {
  static const std::vector<std::string> tools = {"teams", "outlook", "onedrive", "sharepoint", "excel", "word",
                                                 "forms", "planner", "security", "printing", "phone", "vpn"};
  return tools;
}

double seed_history(storage::Database& db, const HistoryShape& shape) {
  std::mt19937 rng(shape.seed);
  std::uniform_int_distribution<int> minute(0, 365 * 24 * 60 - 1), delay(1, 600), chance(0, 99);
  // Questions are numbered in the order they were asked, as in a real database, so a date range
  // is a run of neighbouring rows rather than rows scattered over the whole file.
  std::vector<int> minutes_ago(static_cast<std::size_t>(shape.questions));
  for (auto& m : minutes_ago) m = minute(rng);
  std::sort(minutes_ago.begin(), minutes_ago.end(), std::greater<>());
  constexpr int batch = 50000;  // bounded transactions keep the WAL small
  return millis([&] {
    for (int first = 1; first <= shape.questions; first += batch) {
      storage::Transaction tx(db);
      for (int q = first; q < first + batch && q <= shape.questions; ++q) {
        const auto at = shape.now - minutes(minutes_ago[static_cast<std::size_t>(q - 1)]);
        const auto& tool = any_of(bench_tools(), rng);
        const bool faq = chance(rng) < 65;
        const std::string text = "How do I " + any_of(verbs, rng) + " my " + any_of(things, rng) + " in " + tool + "?";
        const auto claimant = faq ? std::nullopt : std::optional<std::string>(any_of(shape.ambassadors, rng));
        db.run("INSERT INTO questions(id, asker_id, text, language, state, faq_entry, claimant_id, created_at, updated_at) "
               "VALUES (?1, ?2, ?3, 'en', ?4, ?5, ?6, ?7, ?7)",
               q, any_of(shape.askers, rng), text, faq ? "answered" : "resolved",
               faq ? std::optional<std::string>(tool + "-entry") : std::nullopt, claimant, core::to_millis(at));
        db.run("INSERT INTO question_topics(question_id, topic) VALUES (?1, ?2)", q, tool);
        auto event = [&](const char* name, int after, const std::optional<std::string>& actor, const char* detail = "{}") {
          db.run("INSERT INTO question_events(question_id, at, actor_id, event, detail) VALUES (?1, ?2, ?3, ?4, ?5)", q,
                 core::to_millis(at + minutes(after)), actor, std::string(name), std::string(detail));
        };
        if (faq) {
          event("answer", 0, std::nullopt);
          if (chance(rng) < 30) event("rated", 1, std::nullopt, chance(rng) < 80 ? R"({"helpful": true})" : R"({"helpful": false})");
        } else {
          event("route", 0, std::nullopt);
          const int claim = delay(rng);
          if (claim > 60) event("escalate", 60, std::nullopt);
          event("claim", claim, claimant);
          event("resolve", claim + delay(rng), claimant);
        }
      }
      tx.commit();
    }
  });
}

std::vector<ReportTimes> time_reports(storage::Database& db, const faq::text::Lexicon& lexicon, core::TimePoint now) {
  std::vector<ReportTimes> out;
  for (const auto& [label, span] : {std::pair{"last 30 days", days(30)}, std::pair{"whole year", days(365)}}) {
    const trends::Filter f{now - span, now, ""};
    const int weeks = static_cast<int>(span.count() / 7);  // a copy: clang 14 cannot capture a structured binding
    ReportTimes t{label};
    std::size_t n = 0;  // used, so that nothing is optimised away
    t.topics = millis([&] { n += trends::topics(db, f).size(); });
    t.rising = millis([&] { n += trends::rising(db, f, days(7), 4, 5, 2.0).size(); });
    t.gaps = millis([&] { n += trends::gaps(db, f, lexicon, 3).size(); });
    t.kpis = millis([&] { n += static_cast<std::size_t>(trends::kpis(db, f).questions); });
    t.weekly = millis([&] { n += trends::weekly(db, now, weeks, "").size(); });
    if (n == 0) t.span += " (no rows)";
    out.push_back(t);
  }
  return out;
}

}  // namespace relais::bench
