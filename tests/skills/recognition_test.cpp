// Recognition: each ambassador's own figures, the monthly thank-you, the opt-in leaderboard,
// and the figures per circle for community leads.
#include <doctest/doctest.h>

#include "support/test_bot.hpp"
#include "support/text.hpp"

using namespace relais;
using relais::testing::contains;
using relais::testing::TestBot;
using std::chrono::hours;
using std::chrono::minutes;

namespace {
constexpr const char* unanswerable = "Le badge du parking ne s'ouvre plus depuis ce matin";

/// `asker` asks, `ambassador` claims after 12 minutes and resolves; the asker rates the help.
void helped(TestBot& bot, const std::string& asker, const std::string& ambassador, bool useful) {
  bot.say(asker, unanswerable);
  const auto id = bot.last_question_id();
  bot.clock.advance(minutes(12));
  bot.press(ambassador, "claim", {{"question", id}});
  bot.press(ambassador, "resolve", {{"question", id}});
  bot.press(asker, "rate_help", {{"question", id}, {"helpful", useful}});
}

config::Config with_community_room() {
  auto c = TestBot::default_config();
  c.questions.community_room = "webhook:http://127.0.0.1:9/community";
  return c;
}
}  // namespace

TEST_CASE("an ambassador's own figures: claimed, resolved, ratings and FAQ entries, this month and in all") {
  TestBot bot;
  helped(bot, "fatima.elamrani", "amelie.dubois", true);
  helped(bot, "gilles.lambert", "amelie.dubois", false);
  bot.db->run("INSERT INTO faq_drafts(kind, language, question, answer, author_id, status, reviewer_id, created_at, "
              "reviewed_at) VALUES ('entry', 'fr', 'Badge ?', 'Accueil.', 'amelie.dubois', 'approved', 'david.janssens', ?1, ?1)",
              core::to_millis(bot.clock.now()));
  bot.received("amelie.dubois");
  bot.say("amelie.dubois", "my figures");
  const auto text = bot.received("amelie.dubois").at(0).text;
  CHECK(contains(text, "2 questions proposées, 2 prises en charge, 2 résolues ; 0 en cours"));  // the last 30 days
  CHECK(contains(text, "ce mois-ci : 2 questions prises, 2 résolues, 1 fiches FAQ apportées. 50% des 2 avis"));
  CHECK(contains(text, "au total : 2 questions prises"));
  CHECK(contains(text, "leaderboard on"));
  bot.say("tom.baker", "my stats");
  CHECK(contains(bot.received("tom.baker").at(0).text, "are for ambassadors"));
}

TEST_CASE("the leaderboard shows only those who opted in") {
  TestBot bot;
  helped(bot, "fatima.elamrani", "amelie.dubois", true);
  helped(bot, "jan.wouters", "bart.peeters", true);
  bot.say("amelie.dubois", "leaderboard on");
  CHECK(contains(bot.received("amelie.dubois").back().text, "Vous figurez maintenant dans le classement"));
  bot.say("bart.peeters", "leaderboard");
  const auto board = bot.received("bart.peeters").back().text;
  CHECK(contains(board, "1. **Amélie Dubois**: 1 vragen genomen, 1 opgelost"));
  CHECK_FALSE(contains(board, "Bart Peeters"));
  CHECK(contains(board, "leaderboard on"));
  bot.say("amelie.dubois", "leaderboard off");
  bot.say("bart.peeters", "leaderboard");
  CHECK(contains(bot.received("bart.peeters").back().text, "Niemand in het klassement"));
  bot.say("tom.baker", "leaderboard");
  CHECK(contains(bot.received("tom.baker").back().text, "for the ambassador community"));
}

TEST_CASE("figures per circle are for leads, and small circles get none") {
  auto config = TestBot::default_config();
  config.surveys.min_group_size = 7;  // Finance has 6 people
  TestBot bot(config);
  helped(bot, "karin.schmidt", "bart.peeters", true);
  bot.say("amelie.dubois", "circle figures");
  CHECK(contains(bot.received("amelie.dubois").back().text, "réservés aux responsables"));
  bot.say("david.janssens", "circle figures");
  const auto text = bot.received("david.janssens").back().text;
  CHECK(contains(text, "**Finance**\n- minder dan 7 mensen"));
  CHECK(contains(text, "**Operations**\n- 1 vragen: 0 beantwoord door de FAQ, 1 doorgegeven aan een ambassadeur"));
  CHECK(contains(text, "genomen binnen 12 min"));
  CHECK(contains(text, "1 ambassadeur(s): 1 vragen genomen, 1 opgelost"));
}

TEST_CASE("the monthly thank-you: last month's figures for each ambassador, the leaderboard in the room") {
  TestBot bot(with_community_room());
  helped(bot, "fatima.elamrani", "amelie.dubois", true);
  bot.say("amelie.dubois", "leaderboard on");
  for (const auto* a : {"amelie.dubois", "bart.peeters", "chloe.martin"}) bot.received(a);
  bot.router->refresh();
  bot.router->refresh();  // planned once
  CHECK(bot.db->query_int("SELECT COUNT(*) FROM timers WHERE kind = 'recognition.thank_you' AND fired_at IS NULL") == 1);
  // Tuesday 1 December, 09:30 in Brussels.
  bot.advance(hours(24 * 7 + 23));
  CHECK(bot.received("amelie.dubois").empty());
  bot.advance(minutes(30));
  const auto amelie = bot.received("amelie.dubois");
  REQUIRE(amelie.size() == 2);  // the thank-you, and the news of a starter in her circle
  CHECK(contains(amelie[1].text, "Merci, Amélie Dubois ! Voici ce que vous avez fait pour vos collègues en 2026-11"));
  CHECK(contains(amelie[1].text, "1 questions prises, 1 résolues"));
  CHECK(contains(bot.received("chloe.martin").at(0).text, "2026-11 a été calme pour vous"));
  CHECK(contains(bot.received("room:community").at(0).text, "1. **Amélie Dubois**"));
  CHECK(*bot.db->query_int("SELECT MIN(due_at) FROM timers WHERE kind = 'recognition.thank_you' AND fired_at IS NULL") ==
        1799051400000);  // Monday 4 January 2027 (1 January is a holiday, then the weekend), 09:30
}
