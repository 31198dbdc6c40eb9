// Trends over a small seeded history whose figures are checked by hand.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "bot/core/dates.hpp"
#include "bot/storage/migrations.hpp"
#include "bot/storage/people_store.hpp"
#include "skills/faq/faq_index.hpp"
#include "skills/feedback/feedback_store.hpp"
#include "skills/routing/routing_store.hpp"
#include "skills/trends/trends.hpp"
#include "skills/trends/trends_format.hpp"
#include "support/temp_dir.hpp"
#include "support/test_bot.hpp"
#include "support/text.hpp"

using namespace relais;
using relais::testing::contains;
using std::chrono::days;
using std::chrono::minutes;

namespace {
// Monday 2026-11-23 00:00 UTC; the history is the four weeks before.
const core::TimePoint t0 = core::from_millis(1795392000000);

struct History {
  relais::testing::TempDir dir;
  storage::Database db{dir / "t.db", storage::Durability::normal};

  History() {
    storage::migrate(db, storage::core_migrations());
    storage::migrate(db, routing::routing_migrations());
    storage::migrate(db, feedback::feedback_migrations());
    storage::PeopleStore people(db);
    for (int i = 1; i <= 6; ++i) people.upsert({.id = "f" + std::to_string(i), .name = "F", .language = "en", .circle = "Finance"}, t0);
    for (int i = 1; i <= 3; ++i) people.upsert({.id = "t" + std::to_string(i), .name = "T", .language = "en", .circle = "Tiny"}, t0);
  }

  int next = 0;
  /// A question asked `ago` before t0, with events at minutes after it was asked.
  int ask(const std::string& asker, const std::string& text, const std::string& state, const char* faq_entry,
          const char* topic, core::TimePoint::duration ago, std::vector<std::pair<std::string, int>> events) {
    const int id = ++next;
    const auto at = t0 - ago;
    db.run("INSERT INTO questions(id, asker_id, text, language, state, faq_entry, created_at, updated_at) "
           "VALUES (?1, ?2, ?3, 'en', ?4, ?5, ?6, ?6)",
           id, asker, text, state, faq_entry ? std::optional<std::string>(faq_entry) : std::nullopt, core::to_millis(at));
    if (topic) db.run("INSERT INTO question_topics(question_id, topic) VALUES (?1, ?2)", id, std::string(topic));
    for (const auto& [event, after] : events) {
      const std::string detail = event == "rated+" ? R"({"helpful": true})" : event == "rated-" ? R"({"helpful": false})" : "{}";
      db.run("INSERT INTO question_events(question_id, at, event, detail) VALUES (?1, ?2, ?3, ?4)", id,
             core::to_millis(at + minutes(after)), event.starts_with("rated") ? std::string("rated") : event, detail);
    }
    return id;
  }

  void seed() {
    ask("f1", "How do I share a file in Teams?", "answered", "teams-share", "teams", days(3), {{"answer", 0}});
    ask("f2", "Teams share my screen", "answered", "teams-screen", "teams", days(4), {{"answer", 0}, {"rated+", 1}});
    ask("f3", "Badge parking broken", "resolved", nullptr, nullptr, days(5), {{"route", 0}, {"claim", 10}, {"resolve", 60}});
    ask("f4", "Parking badge does not open", "resolved", nullptr, nullptr, days(6),
        {{"route", 0}, {"escalate", 15}, {"claim", 30}, {"resolve", 120}});
    ask("f5", "My parking badge is blocked", "escalated_it", nullptr, nullptr, days(7),
        {{"route", 0}, {"escalate", 15}, {"escalate_it", 500}});
    ask("f1", "excel pivot table refresh", "claimed", "excel-pivot", "excel", days(8),
        {{"answer", 0}, {"rated-", 1}, {"route", 2}, {"claim", 20}});
    ask("t1", "outlook rules", "answered", "outlook-rules", "outlook", days(9), {{"answer", 0}});
  }
};

trends::Filter last_four_weeks(std::string circle = "") { return {t0 - days(28), t0, std::move(circle)}; }
}  // namespace

TEST_CASE("KPIs: deflection, routing, escalations, time to claim and resolve, satisfaction") {
  History h;
  h.seed();
  feedback::FeedbackStore(h.db).add({0, "f2", "Finance", "en", "VPN is slow", {}, "webchat", t0 - days(2)});
  const auto k = trends::kpis(h.db, last_four_weeks());
  CHECK(k.questions == 7);
  CHECK(k.answered_by_faq == 3);  // the excel one was answered, rated not helpful, then routed
  CHECK(k.routed == 4);
  CHECK(k.escalated_to_community == 2);
  CHECK(k.escalated_to_it == 1);
  CHECK(k.resolved == 2);
  CHECK(k.minutes_to_claim_p50 == 20.0);  // 10, 20, 30
  CHECK(k.minutes_to_claim_p90 == 30.0);
  CHECK(k.minutes_to_resolve_p50 == 60.0);  // 60, 120
  CHECK(k.minutes_to_resolve_p90 == 120.0);
  CHECK(k.ratings == 2);
  CHECK(k.helpful == 1);
  CHECK(k.feedback == 1);
  CHECK_FALSE(k.knows_ambassadors);  // no survey ran
  const auto table = trends::format_kpis(k, "table");
  CHECK(contains(table, "answered by the FAQ (deflection)     42.9%"));
  CHECK(contains(table, "minutes to claim, p50 / p90          20.0 / 30.0"));
  CHECK(contains(trends::format_kpis(k, "csv"), "escalated to IT,25.0%"));
  CHECK(nlohmann::json::parse(trends::format_kpis(k, "json"))["routed"] == 4);

  // A period with nothing in it, and a circle.
  CHECK(trends::kpis(h.db, {t0 - days(100), t0 - days(50), ""}).questions == 0);
  CHECK(trends::kpis(h.db, last_four_weeks("Finance")).questions == 6);
}

TEST_CASE("topics count questions and what the FAQ answered of them") {
  History h;
  h.seed();
  const auto t = trends::topics(h.db, last_four_weeks());
  REQUIRE(t.size() == 4);
  CHECK(t[0].topic == "(no topic)");
  CHECK(t[0].questions == 3);
  CHECK(t[1].topic == "teams");
  CHECK(t[1].questions == 2);
  CHECK(t[1].answered_by_faq == 2);
  CHECK(t[2].topic == "excel");
  CHECK(t[2].answered_by_faq == 0);
  CHECK(contains(trends::format_topics(t, "csv"), "teams,2,2"));
}

TEST_CASE("FAQ gaps group the unanswered questions by what they share") {
  History h;
  h.seed();
  Problems problems;
  const auto lexicon = faq::load_lexicon(relais::testing::source_dir() / "knowledge", problems);
  const auto g = trends::gaps(h.db, last_four_weeks(), lexicon, 3);
  REQUIRE(g.size() == 1);
  CHECK(g[0].questions == 3);
  CHECK(g[0].examples[0] == "Badge parking broken");
  CHECK(std::find(g[0].terms.begin(), g[0].terms.end(), "park") != g[0].terms.end());
  CHECK(trends::gaps(h.db, last_four_weeks(), lexicon, 4).empty());
}

TEST_CASE("a topic rises when it grows well beyond its recent average, with enough questions") {
  History h;
  for (int week = 1; week <= 4; ++week)  // one Teams question a week before...
    h.ask("f1", "teams", "answered", "x", "teams", days(7 * week + 1), {{"answer", 0}});
  for (int i = 0; i < 6; ++i) h.ask("f2", "teams", "answered", "x", "teams", days(1), {{"answer", 0}});  // ...six this week
  for (int i = 0; i < 3; ++i) h.ask("f3", "excel", "answered", "x", "excel", days(1), {{"answer", 0}});  // too few to count
  const auto r = trends::rising(h.db, {t0 - days(35), t0, ""}, days(7), 4, 5, 2.0);
  REQUIRE(r.size() == 1);
  CHECK(r[0].topic == "teams");
  CHECK(r[0].this_period == 6);
  CHECK(r[0].before_average == doctest::Approx(1.0));
  CHECK(r[0].growth == doctest::Approx(6.0));
}

TEST_CASE("no figures for a circle smaller than the minimum group") {
  History h;
  h.seed();
  CHECK(trends::refused(h.db, last_four_weeks("Tiny"), 5) ==
        "the circle \"Tiny\" has fewer than 5 people: no figures are shown for so small a group");
  CHECK_FALSE(trends::refused(h.db, last_four_weeks("Finance"), 5));
  CHECK_FALSE(trends::refused(h.db, last_four_weeks(), 5));
}

TEST_CASE("the weekly digest reaches the IT room every Monday with last week's figures") {
  auto config = relais::testing::TestBot::default_config();
  config.questions.it_room = "webhook:https://hooks.example/it";
  relais::testing::TestBot bot(config);
  bot.router->refresh();
  REQUIRE(bot.say("fatima.elamrani", "Comment partager mon écran dans Teams ?") == core::Outcome::accepted);
  REQUIRE(bot.say("tom.baker", "How do I share my screen in Teams?") == core::Outcome::accepted);
  REQUIRE(bot.say("gilles.lambert", "Le badge du parking ne s'ouvre plus depuis ce matin") == core::Outcome::accepted);
  auto digest_in = [&](const std::vector<core::OutboundMessage>& inbox) -> std::optional<std::string> {
    for (const auto& m : inbox)
      if (contains(m.text, "Relais weekly digest")) return m.text;
    return std::nullopt;
  };
  bot.advance(days(6) + std::chrono::hours(23));  // Monday 08:00 UTC: not yet
  CHECK_FALSE(digest_in(bot.received("room:it")));
  bot.advance(minutes(30));  // 09:30 in Brussels
  const auto text = digest_in(bot.received("room:it"));
  REQUIRE(text);
  CHECK(contains(*text, "(2026-11-23 to 2026-11-30)"));
  CHECK(contains(*text, "3 questions, 67% answered by the FAQ; 1 passed to ambassadors"));
  CHECK(contains(*text, "1 escalated to IT."));
  CHECK_FALSE(contains(*text, "Time to claim"));  // nobody claimed: no figure rather than a dash
  CHECK(contains(*text, "teams (2)"));
  bot.advance(days(7));
  const auto next = digest_in(bot.received("room:it"));
  REQUIRE(next);
  CHECK(contains(*next, "0 questions"));  // a quiet week is reported too
}

TEST_CASE("topics week by week, newest week first") {
  History h;
  h.seed();
  const auto weeks = trends::topics_by_week(h.db, last_four_weeks());
  // Questions 3 to 7 days old are in the last week; 8 and 9 days old, the week before.
  REQUIRE(weeks.size() == 4);
  CHECK(core::format_iso_date(weeks[0].week) == "2026-11-16");
  CHECK(weeks[0].topic == "(no topic)");
  CHECK(weeks[0].questions == 3);  // the three parking questions
  CHECK(weeks[1].topic == "teams");
  CHECK(weeks[1].questions == 2);
  CHECK(core::format_iso_date(weeks[2].week) == "2026-11-09");
  CHECK(contains(trends::format_weekly(weeks, "table"), "week of 2026-11-16\n  (no topic): 3\n  teams: 2\n"));
}
