// Recruiting ambassadors: offering in chat or in the skills survey, the leads' decision, and a
// granted role that outlives directory imports and brings routed questions.
#include <doctest/doctest.h>

#include "bot/identity/directory_csv.hpp"
#include "bot/identity/directory_sync.hpp"
#include "skills/community/candidate_store.hpp"
#include "skills/community/recruitment_skill.hpp"
#include "support/test_bot.hpp"
#include "support/text.hpp"

using namespace relais;
using relais::testing::all_text;
using relais::testing::contains;
using relais::testing::TestBot;

namespace {
config::Config with_community_room() {
  auto c = TestBot::default_config();
  c.questions.community_room = "webhook:http://127.0.0.1:9/community";
  c.community.room_link = "https://chat.example/community";
  return c;
}

std::int64_t pending_candidate(TestBot& bot, const std::string& person) {
  const auto c = community::CandidateStore(*bot.db).pending_of(person);
  REQUIRE(c);
  return c->id;
}
}  // namespace

TEST_CASE("an offer to volunteer is recognised in every language, and not in questions") {
  for (const auto* t : {"I'd like to become an ambassador", "Je voudrais devenir ambassadrice", "je veux être ambassadeur",
                        "Ik wil graag ambassadeur worden", "Ich möchte Botschafterin werden", "volunteer", "!volunteer"})
    CHECK_MESSAGE(community::offers_to_volunteer(t), t);
  for (const auto* t : {"Who is my ambassador?", "How do I share my screen in Teams?", "ambassadors",
                        "volunteer hours are not showing in the HR portal", "The ambassador slide deck will become available soon"})
    CHECK_FALSE_MESSAGE(community::offers_to_volunteer(t), t);
}

TEST_CASE("volunteer, then a lead accepts: role, topics and languages granted, welcomed, and routed questions") {
  TestBot bot(with_community_room());
  REQUIRE(bot.say("tom.baker", "I'd like to become an ambassador, I love helping with Excel") == core::Outcome::accepted);
  auto reply = bot.received("tom.baker");
  REQUIRE(reply.size() == 1);
  CHECK(contains(reply[0].text, "Thank you for offering to become a digital ambassador, Tom Baker!"));
  REQUIRE(reply[0].buttons.size() == 1);
  CHECK(reply[0].buttons[0].action == "volunteer_topics");
  const auto id = pending_candidate(bot, "tom.baker");

  // The lead's card (in Dutch, his language) names the candidate; it is updated when the topics come in.
  auto lead = bot.received("david.janssens");
  REQUIRE(lead.size() == 1);
  CHECK(contains(all_text(lead[0]), "Tom Baker wil graag digitale ambassadeur worden."));
  CHECK(contains(all_text(lead[0]), "I love helping with Excel"));
  bot.press("tom.baker", "volunteer_topics", {{"candidate", id}}, "Excel, Power BI; de");
  CHECK(contains(bot.received("tom.baker").at(0).text, "Noted: excel, power bi, de."));
  lead = bot.received("david.janssens");
  REQUIRE(lead.size() == 1);
  CHECK(lead[0].card->key == "candidate:" + std::to_string(id));
  CHECK(contains(all_text(lead[0]), "Onderwerpen: excel, power bi, de"));

  SUBCASE("only a lead may decide") {
    bot.press("chloe.martin", "candidate_accept", {{"candidate", id}});
    CHECK(contains(bot.received("chloe.martin").at(0).text, "Seuls les responsables de la communauté"));
    bot.say("chloe.martin", "candidates");
    CHECK(contains(bot.received("chloe.martin").at(0).text, "Seuls les responsables de la communauté"));
    CHECK_FALSE(bot.people->find("tom.baker")->has(core::Role::ambassador));
  }

  SUBCASE("accepted: a Customer Care question in German now goes to him") {
    bot.say("david.janssens", "candidates");
    CHECK(contains(bot.received("david.janssens").at(0).text, "#" + std::to_string(id) + " **Tom Baker** (Customer Care, en)"));
    REQUIRE(bot.press("david.janssens", "candidate_accept", {{"candidate", id}}) == core::Outcome::accepted);
    const auto tom = bot.people->find("tom.baker");
    REQUIRE(tom);
    CHECK(tom->has(core::Role::ambassador));
    CHECK(tom->topics == std::vector<std::string>{"excel", "power bi"});
    CHECK(tom->languages == std::vector<std::string>{"de"});
    const auto welcome = bot.received("tom.baker");
    REQUIRE(welcome.size() == 1);
    CHECK(contains(welcome[0].text, "Welcome to the digital ambassadors, Tom Baker! David Janssens accepted you."));
    CHECK(contains(welcome[0].text, "https://chat.example/community"));
    const auto room = bot.received("room:community");
    REQUIRE(room.size() == 1);
    CHECK(contains(room[0].text, "Please welcome Tom Baker (Customer Care)"));
    lead = bot.received("david.janssens");
    CHECK(contains(all_text(lead.at(0)), "Tom Baker is nu ambassadeur"));
    CHECK(contains(all_text(lead.at(1)), "Aanvaard door David Janssens"));
    CHECK(lead.at(1).buttons.empty());

    // A second decision is refused, whoever makes it.
    bot.say("david.janssens", "decline " + std::to_string(id));
    CHECK(contains(bot.received("david.janssens").at(0).text, "is al behandeld: Aanvaard door David Janssens"));

    // The directory does not list him as an ambassador: an import keeps the lead's grant.
    Problems problems;
    const auto directory = identity::load_directory(relais::testing::source_dir() / "config/directory.example.csv", problems);
    const auto summary = identity::sync_directory(*bot.people, directory, true, bot.clock.now());
    CHECK(summary.changed.empty());
    CHECK(bot.people->find("tom.baker")->has(core::Role::ambassador));

    // He speaks German now: Ursula's question goes to him rather than to Chloé, same circle.
    bot.say("ursula.weber", "Mein Parkausweis öffnet die Schranke seit heute Morgen nicht mehr");
    const auto q = bot.question(bot.last_question_id());
    CHECK(q.state == core::QuestionState::routed);
    const auto offered = bot.received("tom.baker");
    REQUIRE(offered.size() == 1);
    CHECK(offered[0].card->key == "question-" + std::to_string(q.id));
  }

  SUBCASE("declined, with a word from the lead") {
    bot.say("david.janssens", "decline " + std::to_string(id) + " We have two in Customer Care already; let's talk in spring.");
    CHECK(contains(bot.received("david.janssens").at(0).text, "Ik heb Tom Baker op de hoogte gebracht."));
    const auto told = bot.received("tom.baker");
    REQUIRE(told.size() == 1);
    CHECK(contains(told[0].text, "will not take it further for now"));
    CHECK(contains(told[0].text, "David Janssens wrote: We have two in Customer Care already"));
    CHECK_FALSE(bot.people->find("tom.baker")->has(core::Role::ambassador));
    bot.say("tom.baker", "volunteer");  // may offer again later
    CHECK(contains(bot.received("tom.baker").at(0).text, "Thank you for offering"));
  }
}

TEST_CASE("offering twice, or as an ambassador, changes nothing") {
  TestBot bot;
  bot.say("tom.baker", "volunteer");
  bot.say("tom.baker", "I want to become an ambassador");
  CHECK(contains(bot.received("tom.baker").at(1).text, "already with the community leads"));
  CHECK(bot.db->query_int("SELECT COUNT(*) FROM candidates") == 1);
  CHECK(bot.received("david.janssens").size() == 1);
  bot.say("amelie.dubois", "Je voudrais devenir ambassadrice");
  CHECK(contains(bot.received("amelie.dubois").at(0).text, "Vous êtes déjà ambassadeur"));
}

TEST_CASE("saying yes to the skills survey's question is an offer the leads see") {
  relais::testing::TempDir dir;
  std::filesystem::copy(relais::testing::source_dir() / "knowledge", dir / "knowledge", std::filesystem::copy_options::recursive);
  std::filesystem::remove_all(dir / "knowledge/surveys");
  dir.write("knowledge/surveys/join.md",
            "---\nid: join\naudience: all\nsend_on: 2026-11-23\n---\n\n# en: Joining\nOne question.\n\n"
            "? join | yes/no | on yes: volunteer\nen: Would you like to become an ambassador?\n");
  auto config = TestBot::default_config();
  config.knowledge.path = (dir / "knowledge").string();
  TestBot bot(config);
  bot.router->refresh();
  bot.advance(std::chrono::minutes(0));
  bot.advance(std::chrono::minutes(0));
  bot.received("tom.baker");
  bot.received("noah.smith");
  REQUIRE(bot.press("tom.baker", "survey_answer", {{"run", "join@2026-11-23"}, {"question", "join"}, {"value", 1}}) ==
          core::Outcome::accepted);
  CHECK(contains(all_text(bot.received("tom.baker").at(1)), "I've passed your offer to become an ambassador on"));
  const auto c = community::CandidateStore(*bot.db).pending_of("tom.baker");
  REQUIRE(c);
  CHECK(c->source == "survey");
  CHECK(contains(all_text(bot.received("david.janssens").back()), "zei ja in de vaardighedenenquête"));
  bot.press("noah.smith", "survey_answer", {{"run", "join@2026-11-23"}, {"question", "join"}, {"value", 0}});
  CHECK_FALSE(community::CandidateStore(*bot.db).pending_of("noah.smith"));
}
