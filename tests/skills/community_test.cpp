// "Who is my ambassador?" in chat, and the public list of ambassadors.
#include <doctest/doctest.h>

#include "skills/community/ambassadors_page.hpp"
#include "skills/community/community_skill.hpp"
#include "support/test_bot.hpp"
#include "support/text.hpp"

using namespace relais;
using relais::testing::all_text;
using relais::testing::contains;
using relais::testing::TestBot;

TEST_CASE("the question is recognised in every language, and not in a real question") {
  for (const auto* q : {"Who is my ambassador?", "qui est mon ambassadeur ?", "Wie is mijn ambassadeur",
                        "Wer ist mein Botschafter?", "ambassadors", "!ambassador", "my ambassador"})
    CHECK_MESSAGE(community::asks_for_ambassador(q), q);
  for (const auto* q : {"How do I share my screen in Teams?", "Which ambassador program features exist in Teams Premium for webinars?",
                        "ambassadors of the OneDrive migration wave two need the new slide deck by Friday please"})
    CHECK_FALSE_MESSAGE(community::asks_for_ambassador(q), q);
}

TEST_CASE("who is my ambassador: the asker's circle first, with language and topics, then the others") {
  TestBot bot;
  REQUIRE(bot.say("fatima.elamrani", "qui est mon ambassadeur ?") == core::Outcome::accepted);
  const auto reply = bot.received("fatima.elamrani");
  REQUIRE(reply.size() == 1);
  const auto text = all_text(reply[0]);
  CHECK(contains(text, "Votre ambassadeur à Finance : **Amélie Dubois** (fr · excel, onedrive, teams)."));
  CHECK(contains(text, "- **Bart Peeters** (nl · planner, sharepoint, teams) — Operations"));
  CHECK(reply[0].mentions == std::vector<std::string>{"amelie.dubois"});
  CHECK(bot.last_question_id() == 0);  // not a question for the FAQ
}

TEST_CASE("the ambassadors page groups by circle, filters, and embeds without its header") {
  const std::vector<core::Person> people = {
      {.id = "a", .name = "Ann <A&B>", .language = "en", .circle = "Finance", .topics = {"excel"}},
      {.id = "b", .name = "Bo", .language = "nl", .circle = "Operations", .topics = {"teams", "planner"}}};
  const auto page = community::ambassadors_page(people, {});
  CHECK(contains(page, "<h1>Our digital ambassadors</h1>"));
  CHECK(contains(page, "data-circle=\"Finance\""));
  CHECK(contains(page, "<b>Ann &lt;A&amp;B&gt;</b>"));  // escaped
  const auto teams = community::ambassadors_page(people, {.topic = "teams", .embed = true});
  CHECK_FALSE(contains(teams, "<h1>"));
  CHECK_FALSE(contains(teams, "Ann"));
  CHECK(contains(teams, "data-id=\"b\""));
  CHECK(contains(community::ambassadors_page(people, {.circle = "Legal"}), "No ambassador matches."));
}

TEST_CASE("the ambassadors page filters by site, and by any language an ambassador speaks") {
  const std::vector<core::Person> people = {
      {.id = "a", .name = "Ann", .language = "en", .circle = "Finance", .site = "Ghent", .languages = {"nl"}},
      {.id = "b", .name = "Bo", .language = "nl", .circle = "Finance", .site = "Liège"}};
  const auto ghent = community::ambassadors_page(people, {.site = "Ghent"});
  CHECK(contains(ghent, "data-id=\"a\""));
  CHECK_FALSE(contains(ghent, "data-id=\"b\""));
  CHECK(contains(ghent, "<span class=\"site\">Ghent</span>"));
  const auto dutch = community::ambassadors_page(people, {.language = "nl"});
  CHECK(contains(dutch, "data-id=\"a\""));
  CHECK(contains(dutch, "data-id=\"b\""));
}
