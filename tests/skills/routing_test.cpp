// Who gets a question, and why: every rule of the ambassador picker, through the real router.
#include <doctest/doctest.h>

#include "skills/routing/circles.hpp"
#include "skills/routing/routing_store.hpp"
#include "support/temp_dir.hpp"
#include "support/test_bot.hpp"
#include "support/text.hpp"

using namespace relais;
using relais::testing::contains;
using relais::testing::TestBot;

namespace {
constexpr const char* unanswerable = "Le badge du parking ne s'ouvre plus depuis ce matin";

/// A second Finance ambassador who knows Outlook (Amélie knows Excel, Teams, OneDrive).
void add_second_finance_ambassador(TestBot& bot) {
  core::Person p;
  p.id = "gilles.lambert";
  p.name = "Gilles Lambert";
  p.language = "fr";
  p.circle = "Finance";
  p.roles = {core::Role::employee, core::Role::ambassador};
  p.topics = {"outlook"};
  bot.people->upsert(p, bot.clock.now());
}

/// Asks; if the FAQ offers choices or answers, the asker says none of them helps.
std::vector<std::string> offered_for(TestBot& bot, const std::string& asker, const std::string& text) {
  bot.say(asker, text);
  const auto id = bot.last_question_id();
  if (bot.question(id).state != core::QuestionState::routed) bot.press(asker, "not_helpful", {{"question", id}});
  bot.received(asker);
  return bot.questions->offered_to(id);
}
}  // namespace

TEST_CASE("an ambassador of the asker's circle comes before a better topic match elsewhere") {
  TestBot bot;
  // Bart (Operations) declares Teams; Amélie (Finance) is in the asker's circle.
  CHECK(offered_for(bot, "fatima.elamrani", "un souci avec Teams") == std::vector<std::string>{"amelie.dubois"});
}

TEST_CASE("within the circle, the ambassador who knows the topic is chosen, and told why") {
  TestBot bot;
  add_second_finance_ambassador(bot);
  bot.say("hanne.devos", "probleem met Outlook");
  const auto id = bot.last_question_id();
  bot.received("hanne.devos");
  bot.press("hanne.devos", "not_helpful", {{"question", id}});
  CHECK(bot.questions->offered_to(id) == std::vector<std::string>{"gilles.lambert"});
  const auto card = bot.received("gilles.lambert").at(0);
  CHECK(contains(card.text, "connaît outlook"));
  CHECK(contains(bot.received("hanne.devos").at(0).text, "kent outlook"));  // the asker sees why too
}

TEST_CASE("expertise is learned from resolved questions and fades with time") {
  auto config = TestBot::default_config();
  config.routing.daily_cap = 0;
  TestBot bot(config);
  add_second_finance_ambassador(bot);
  // Amélie resolves two Forms questions, which makes her the Forms expert of Finance.
  for (int i = 0; i < 2; ++i) {
    const auto offered = offered_for(bot, "fatima.elamrani", "un souci avec Forms " + std::to_string(i));
    const auto id = bot.last_question_id();
    bot.press(offered.at(0) == "amelie.dubois" ? "amelie.dubois" : "gilles.lambert", "claim", {{"question", id}});
    bot.db->run("UPDATE questions SET claimant_id = 'amelie.dubois' WHERE id = ?1", id);
    bot.press("amelie.dubois", "resolve", {{"question", id}});
  }
  routing::RoutingStore store(*bot.db);
  auto forms_of = [&](const std::string& who, double half_life = 90) {
    return store.expertise({"forms"}, bot.clock.now(), half_life)[who]["forms"];
  };
  CHECK(forms_of("amelie.dubois") == doctest::Approx(2.0));
  CHECK(forms_of("gilles.lambert") == 0.0);
  CHECK(offered_for(bot, "fatima.elamrani", "Forms ne marche plus") == std::vector<std::string>{"amelie.dubois"});
  bot.clock.advance(std::chrono::days(180));  // two half-lives later it counts a quarter
  CHECK(forms_of("amelie.dubois") == doctest::Approx(0.5).epsilon(0.01));
  CHECK(forms_of("amelie.dubois", 180) == doctest::Approx(1.0).epsilon(0.01));  // another half-life: rebuilt
  CHECK(forms_of("amelie.dubois") == doctest::Approx(0.5).epsilon(0.01));
}

TEST_CASE("a reopened question stops counting as expertise until it is resolved again") {
  auto config = TestBot::default_config();
  config.routing.daily_cap = 0;
  TestBot bot(config);
  const auto offered = offered_for(bot, "fatima.elamrani", "un souci avec Forms");
  const auto id = bot.last_question_id();
  const auto claimant = offered.at(0);
  bot.press(claimant, "claim", {{"question", id}});
  bot.press(claimant, "resolve", {{"question", id}});
  routing::RoutingStore store(*bot.db);
  auto forms_of = [&] { return store.expertise({"forms"}, bot.clock.now(), 90)[claimant]["forms"]; };
  CHECK(forms_of() == doctest::Approx(1.0));
  bot.clock.advance(std::chrono::days(90));
  bot.press("fatima.elamrani", "reopen", {{"question", id}});
  CHECK(bot.question(id).state == core::QuestionState::claimed);
  CHECK(forms_of() == doctest::Approx(0.0));
  bot.press(claimant, "resolve", {{"question", id}});
  CHECK(forms_of() == doctest::Approx(1.0));  // counted from the new resolution
  // What is read stays the same however often it is read (each call catches up only once).
  CHECK(forms_of() == doctest::Approx(1.0));
}

TEST_CASE("fewer open claims wins between equals, then whoever was asked least recently") {
  auto config = TestBot::default_config();
  config.routing.daily_cap = 0;
  TestBot bot(config);
  add_second_finance_ambassador(bot);
  // Both are Finance, French, neither knows the topic: they take turns.
  const auto first = offered_for(bot, "fatima.elamrani", unanswerable).at(0);
  const auto second = offered_for(bot, "fatima.elamrani", "La machine à café du 2e étage fuit").at(0);
  CHECK(first != second);
  // The one holding an open claim is passed over while the other is free.
  bot.press(first, "claim", {{"question", 1}});
  CHECK(offered_for(bot, "fatima.elamrani", "Le néon du couloir clignote").at(0) == second);
}

TEST_CASE("nobody is asked more than the daily cap while someone else is under it") {
  auto config = TestBot::default_config();
  config.routing.daily_cap = 1;
  TestBot bot(config);
  add_second_finance_ambassador(bot);
  const auto a = offered_for(bot, "fatima.elamrani", unanswerable).at(0);
  const auto b = offered_for(bot, "fatima.elamrani", "La machine à café du 2e étage fuit").at(0);
  CHECK(a != b);
  // Both Finance ambassadors are at their cap: the question goes to someone under it.
  const auto c = offered_for(bot, "fatima.elamrani", "Le store de mon bureau est bloqué").at(0);
  CHECK(c != a);
  CHECK(c != b);
  bot.clock.advance(std::chrono::hours(25));  // a new day
  const auto d = offered_for(bot, "fatima.elamrani", "Le néon du couloir clignote").at(0);
  CHECK((d == a || d == b));
}

TEST_CASE("an ambassador who is away is skipped until they are back") {
  TestBot bot;
  bot.say("amelie.dubois", "away until 2026-11-30");
  CHECK(contains(bot.received("amelie.dubois").at(0).text, "absent jusqu'au 2026-11-30"));
  const auto offered = offered_for(bot, "fatima.elamrani", unanswerable);
  REQUIRE(offered.size() == 1);
  CHECK(offered[0] != "amelie.dubois");

  bot.clock.advance(std::chrono::days(7));  // 2026-11-30 has come
  CHECK(offered_for(bot, "fatima.elamrani", "La machine à café du 2e étage fuit") ==
        std::vector<std::string>{"amelie.dubois"});

  SUBCASE("away without a date lasts until 'available'") {
    bot.say("amelie.dubois", "away");
    CHECK(offered_for(bot, "fatima.elamrani", "Le store de mon bureau est bloqué").at(0) != "amelie.dubois");
    bot.say("amelie.dubois", "available");
    bot.clock.advance(std::chrono::hours(25));
    CHECK(offered_for(bot, "fatima.elamrani", "Le néon du couloir clignote").at(0) == "amelie.dubois");
  }
  SUBCASE("a bad or past date is refused with an example") {
    bot.say("amelie.dubois", "away until next week");
    CHECK(contains(bot.received("amelie.dubois").back().text, "AAAA-MM-JJ"));
    bot.say("amelie.dubois", "away until 2020-01-01");
    CHECK(contains(bot.received("amelie.dubois").back().text, "déjà passé"));
  }
}

TEST_CASE("an ambassador outside their own working hours gives way to one at work") {
  TestBot bot;
  auto amelie = bot.people->find("amelie.dubois").value();
  SUBCASE("their own hours") {
    amelie.working_hours = "mon,tue,wed,thu 08:00-12:00";  // part-time mornings, Brussels time
    bot.people->upsert(amelie, bot.clock.now());
    // Monday 10:00 in Brussels: she is at work, and her circle comes first.
    CHECK(offered_for(bot, "fatima.elamrani", unanswerable) == std::vector<std::string>{"amelie.dubois"});
    bot.clock.advance(std::chrono::hours(3));  // 13:00: her afternoon off
    CHECK(offered_for(bot, "fatima.elamrani", "La machine à café du 2e étage fuit").at(0) != "amelie.dubois");
  }
  SUBCASE("their own time zone") {
    amelie.time_zone = "America/New_York";  // 04:00 there: the organisation's hours have not begun
    bot.people->upsert(amelie, bot.clock.now());
    CHECK(offered_for(bot, "fatima.elamrani", unanswerable).at(0) != "amelie.dubois");
    bot.clock.advance(std::chrono::hours(6));  // 10:00 in New York, 16:00 in Brussels
    CHECK(offered_for(bot, "fatima.elamrani", "La machine à café du 2e étage fuit") ==
          std::vector<std::string>{"amelie.dubois"});
  }
  SUBCASE("when nobody is at work, the best match is still asked") {
    amelie.working_hours = "08:00-12:00";
    bot.people->upsert(amelie, bot.clock.now());
    bot.clock.advance(std::chrono::days(5));  // Saturday: nobody works
    CHECK(offered_for(bot, "fatima.elamrani", unanswerable) == std::vector<std::string>{"amelie.dubois"});
  }
}

TEST_CASE("with a fan-out of 2 two ambassadors are offered the question and the first claim wins") {
  auto config = TestBot::default_config();
  config.routing.fan_out = 2;
  TestBot bot(config);
  bot.say("fatima.elamrani", unanswerable);
  const auto id = bot.last_question_id();
  const auto offered = bot.questions->offered_to(id);
  REQUIRE(offered.size() == 2);
  CHECK(contains(bot.received("fatima.elamrani").at(0).text, "Le premier qui la prend"));
  bot.press(offered[1], "claim", {{"question", id}});
  bot.press(offered[0], "claim", {{"question", id}});
  CHECK(bot.question(id).claimant_id == offered[1]);
}

TEST_CASE("the asker is never routed their own question, even as an ambassador") {
  TestBot bot;
  for (int i = 0; i < 5; ++i) {
    const auto offered = offered_for(bot, "amelie.dubois", "Le store de mon bureau est bloqué " + std::to_string(i));
    CHECK(std::find(offered.begin(), offered.end(), "amelie.dubois") == offered.end());
  }
}

TEST_CASE("an ambassador's stats count what was offered, claimed and resolved") {
  TestBot bot;
  bot.say("fatima.elamrani", unanswerable);
  const auto id = bot.last_question_id();
  bot.clock.advance(std::chrono::minutes(12));
  bot.press("amelie.dubois", "claim", {{"question", id}});
  bot.press("amelie.dubois", "resolve", {{"question", id}});
  bot.received("amelie.dubois");
  bot.say("amelie.dubois", "my stats");
  const auto text = bot.received("amelie.dubois").at(0).text;
  CHECK(contains(text, "1 questions proposées, 1 prises en charge, 1 résolues ; 0 en cours"));
  CHECK(contains(text, "12 min"));
  bot.say("tom.baker", "my stats");
  CHECK(contains(bot.received("tom.baker").at(0).text, "are for ambassadors"));
}

TEST_CASE("a circle with its own times escalates on its own ladder") {
  TestBot bot;  // config/circles.example.csv: Customer Care reroutes after 10, community after 30
  bot.say("tom.baker", unanswerable);  // Customer Care, Monday 10:00
  const auto id = bot.last_question_id();
  CHECK(bot.advance(std::chrono::minutes(9)) == 0);
  CHECK(bot.advance(std::chrono::minutes(1)) == 1);
  CHECK(bot.advance(std::chrono::minutes(19)) == 0);
  CHECK(bot.advance(std::chrono::minutes(1)) == 1);
  CHECK(bot.question(id).state == core::QuestionState::escalated);
}

TEST_CASE("the circles file names its problems with file and line") {
  relais::testing::TempDir dir;
  const auto file = dir.write("circles.csv",
                              "circle,neighbours,reroute_after_minutes,escalate_to_community_after_minutes,"
                              "escalate_to_it_after_minutes\nFinance,Mars,,,\nNowhere,,,,\nOps,,soon,,\n");
  Problems problems;
  const auto circles = routing::load_circles(file, {"Finance", "Ops"}, problems);
  const auto text = relais::testing::problems_text(problems);
  CHECK(contains(text, "circles.csv:2: unknown neighbour circle \"Mars\""));
  CHECK(contains(text, "circles.csv:3: unknown circle \"Nowhere\""));
  CHECK(contains(text, "circles.csv:4: reroute_after_minutes must be a whole number of minutes"));
  CHECK(circles.count("Finance") == 1);
}
