// The question lifecycle end to end through the real router and skills, without sockets.
#include <doctest/doctest.h>

#include "support/text.hpp"
#include "support/test_bot.hpp"

using namespace relais;
using relais::testing::contains;
using relais::testing::all_text;
using relais::testing::has_button;
using relais::testing::TestBot;
using S = core::QuestionState;

namespace {
constexpr const char* asker = "fatima.elamrani";        // Finance, French
constexpr const char* ambassador = "amelie.dubois";     // Finance ambassador
constexpr const char* other_ambassador = "bart.peeters";  // Operations ambassador
constexpr const char* unanswerable = "Le badge du parking ne s'ouvre plus depuis ce matin";


/// Routes an unanswerable question and returns its id, with every inbox emptied.
std::int64_t routed_question(TestBot& bot) {
  REQUIRE(bot.say(asker, unanswerable) == core::Outcome::accepted);
  const auto id = bot.last_question_id();
  REQUIRE(bot.question(id).state == S::routed);
  bot.received(asker);
  bot.received(ambassador);
  return id;
}
}  // namespace

TEST_CASE("a question the FAQ knows is answered in the asker's language with rating buttons") {
  TestBot bot;
  CHECK(bot.say(asker, "Comment partager mon écran dans Teams ?") == core::Outcome::accepted);
  const auto q = bot.question(bot.last_question_id());
  CHECK(q.state == S::answered);
  CHECK(q.faq_entry == "teams-share-screen");
  CHECK(q.language == "fr");
  const auto inbox = bot.received(asker);
  REQUIRE(inbox.size() == 1);
  CHECK(contains(inbox[0].text, "Voici ce que j'ai trouvé"));
  CHECK(contains(inbox[0].text, "Arrêter le partage"));
  CHECK(has_button(inbox[0], "helpful"));
  CHECK(has_button(inbox[0], "not_helpful"));
  CHECK(has_button(inbox[0], "ask_ambassador"));
}

TEST_CASE("Ask an ambassador routes an answered question without rating the answer") {
  TestBot bot;
  bot.say(asker, "Comment partager mon écran dans Teams ?");
  const auto id = bot.last_question_id();
  bot.received(asker);
  bot.press(asker, "ask_ambassador", {{"question", id}});
  CHECK(bot.question(id).state == S::routed);
  CHECK(has_button(bot.received(ambassador).at(0), "claim"));
  bool rated = false, asked = false;
  for (const auto& e : bot.history(id)) {
    rated = rated || e.event == "rated";
    asked = asked || e.event == "asked_ambassador";
  }
  CHECK(asked);
  CHECK_FALSE(rated);
  bot.press(asker, "ask_ambassador", {{"question", id}});  // already with an ambassador
  CHECK(contains(bot.received(asker).back().text, "pas possible"));
}

TEST_CASE("an English question gets the English translation even for a French speaker's entry") {
  TestBot bot;
  bot.say("tom.baker", "how do I set an out of office reply in outlook");
  const auto inbox = bot.received("tom.baker");
  REQUIRE(inbox.size() == 1);
  CHECK(contains(inbox[0].text, "Automatic replies"));
}

TEST_CASE("a question the FAQ cannot answer goes to an ambassador of the asker's circle") {
  TestBot bot;
  bot.say(asker, unanswerable);
  const auto id = bot.last_question_id();
  CHECK(bot.question(id).state == S::routed);

  const auto to_asker = bot.received(asker);
  REQUIRE(to_asker.size() == 1);
  CHECK(contains(to_asker[0].text, "Amélie Dubois"));

  const auto to_ambassador = bot.received(ambassador);
  REQUIRE(to_ambassador.size() == 1);
  const auto& card = to_ambassador[0];
  REQUIRE(card.card);
  CHECK(card.card->key == "question-" + std::to_string(id));
  CHECK(card.card->body == unanswerable);
  CHECK(contains(card.text, "même cercle (Finance)"));
  CHECK(has_button(card, "claim"));
  CHECK(bot.received(other_ambassador).empty());
}

TEST_CASE("an ambassador of another circle is chosen when the asker's circle has none but the asker") {
  TestBot bot;
  bot.say(ambassador, unanswerable);  // Amélie is Finance's only ambassador
  const auto offered = bot.questions->offered_to(bot.last_question_id());
  REQUIRE(offered.size() == 1);
  CHECK(offered[0] != ambassador);
  const auto inbox = bot.received(offered[0]);
  REQUIRE(!inbox.empty());
  CHECK(contains(all_text(inbox[0]), "Finance"));  // the card says where the asker works
}

TEST_CASE("claim, answer, resolve: the asker hears each step and the cards follow") {
  TestBot bot;
  const auto id = routed_question(bot);

  REQUIRE(bot.press(ambassador, "claim", {{"question", id}}) == core::Outcome::accepted);
  CHECK(bot.question(id).state == S::claimed);
  CHECK(bot.question(id).claimant_id == ambassador);
  auto to_ambassador = bot.received(ambassador);
  REQUIRE(to_ambassador.size() == 2);  // the refreshed card and the confirmation
  const auto card = std::find_if(to_ambassador.begin(), to_ambassador.end(), [](auto& m) { return m.card.has_value(); });
  REQUIRE(card != to_ambassador.end());
  CHECK(contains(card->card->status, "Amélie Dubois"));
  CHECK_FALSE(has_button(*card, "claim"));
  CHECK(has_button(*card, "answer"));
  CHECK(has_button(*card, "resolve"));
  auto to_asker = bot.received(asker);
  REQUIRE(to_asker.size() == 1);
  CHECK(contains(to_asker[0].text, "s'occupe de votre question"));

  bot.press(ambassador, "answer", {{"question", id}}, "Passez à l'accueil : le badge est réactivé.");
  to_asker = bot.received(asker);
  REQUIRE(to_asker.size() == 1);
  CHECK(contains(to_asker[0].text, "Passez à l'accueil"));
  CHECK(has_button(to_asker[0], "resolve"));
  CHECK(bot.question(id).state == S::claimed);

  bot.press(ambassador, "resolve", {{"question", id}});
  CHECK(bot.question(id).state == S::resolved);
  to_asker = bot.received(asker);
  REQUIRE(to_asker.size() == 1);
  CHECK(has_button(to_asker[0], "reopen"));

  std::vector<std::string> events;
  for (const auto& e : bot.history(id)) events.push_back(e.event);
  CHECK(events == std::vector<std::string>{"ask", "route", "offered", "claim", "answer", "resolve"});
}

TEST_CASE("typed commands do what the buttons do") {
  TestBot bot;
  const auto id = routed_question(bot);
  const auto n = std::to_string(id);
  bot.say(ambassador, "claim " + n);
  CHECK(bot.question(id).state == S::claimed);
  bot.say(ambassador, "!answer #" + n + " Passez à l'accueil.");
  const auto to_asker = bot.received(asker);
  REQUIRE(to_asker.size() == 2);
  CHECK(contains(to_asker[1].text, "Passez à l'accueil."));
  bot.say(ambassador, "/resolve " + n);
  CHECK(bot.question(id).state == S::resolved);
}

TEST_CASE("the asker can reopen a resolved question and it returns to the same ambassador") {
  TestBot bot;
  const auto id = routed_question(bot);
  bot.press(ambassador, "claim", {{"question", id}});
  bot.press(ambassador, "resolve", {{"question", id}});
  bot.received(ambassador);
  bot.received(asker);

  SUBCASE("someone else cannot reopen it") {
    bot.press("tom.baker", "reopen", {{"question", id}});
    CHECK(bot.question(id).state == S::resolved);
    CHECK(contains(bot.received("tom.baker").at(0).text, "Only the person who asked"));
  }
  SUBCASE("the asker reopens it") {
    bot.press(asker, "reopen", {{"question", id}});
    CHECK(bot.question(id).state == S::claimed);
    CHECK(bot.question(id).claimant_id == ambassador);
    const auto to_ambassador = bot.received(ambassador);
    CHECK(std::any_of(to_ambassador.begin(), to_ambassador.end(),
                      [](auto& m) { return contains(m.text, "a rouvert la question"); }));
  }
}

TEST_CASE("a second claimer is told who already has the question") {
  TestBot bot;
  const auto id = routed_question(bot);
  bot.press(ambassador, "claim", {{"question", id}});
  bot.press(other_ambassador, "claim", {{"question", id}});
  CHECK(bot.question(id).claimant_id == ambassador);
  const auto inbox = bot.received(other_ambassador);
  REQUIRE(inbox.size() == 1);
  CHECK(contains(inbox[0].text, "wordt al opgepakt door Amélie Dubois"));
}

TEST_CASE("people without the right role are refused with a clear message") {
  TestBot bot;
  const auto id = routed_question(bot);
  SUBCASE("an employee cannot claim") {
    bot.press("tom.baker", "claim", {{"question", id}});
    CHECK(bot.question(id).state == S::routed);
    CHECK(contains(bot.received("tom.baker").at(0).text, "Only ambassadors"));
  }
  SUBCASE("the asker cannot claim their own question") {
    bot.press(asker, "claim", {{"question", id}});
    CHECK(bot.question(id).state == S::routed);
  }
  SUBCASE("another ambassador cannot resolve someone else's claim, but a community lead can") {
    bot.press(ambassador, "claim", {{"question", id}});
    bot.press(other_ambassador, "resolve", {{"question", id}});
    CHECK(bot.question(id).state == S::claimed);
    CHECK(contains(bot.received(other_ambassador).back().text, "Amélie Dubois"));
    bot.press("david.janssens", "resolve", {{"question", id}});
    CHECK(bot.question(id).state == S::resolved);
  }
  SUBCASE("an unknown question number") {
    bot.press(ambassador, "claim", {{"question", 999}});
    CHECK(contains(bot.received(ambassador).at(0).text, "n°999"));
  }
}

TEST_CASE("an invalid step is refused and names the question's state") {
  TestBot bot;
  const auto id = routed_question(bot);
  bot.press(ambassador, "resolve", {{"question", id}});
  CHECK(bot.question(id).state == S::routed);
  CHECK(contains(bot.received(ambassador).at(0).text, "en attente d'un ambassadeur"));
}

TEST_CASE("a released question is offered to another ambassador") {
  TestBot bot;
  const auto id = routed_question(bot);
  bot.press(ambassador, "claim", {{"question", id}});
  bot.press(ambassador, "release", {{"question", id}});
  CHECK(bot.question(id).state == S::routed);
  CHECK(bot.question(id).claimant_id.empty());
  const auto offered = bot.questions->offered_to(id);
  REQUIRE(offered.size() == 2);
  CHECK(std::find(offered.begin(), offered.end(), other_ambassador) != offered.end());  // Operations neighbours Finance
}

TEST_CASE("the asker can cancel an open question") {
  TestBot bot;
  const auto id = routed_question(bot);
  bot.press(asker, "cancel", {{"question", id}});
  CHECK(bot.question(id).state == S::cancelled);
  CHECK(bot.advance(std::chrono::minutes(600)) == 0);  // its escalation timers are gone
}

TEST_CASE("'Not helpful' on an FAQ answer hands the question to an ambassador") {
  TestBot bot;
  bot.say(asker, "Comment partager mon écran dans Teams ?");
  const auto id = bot.last_question_id();
  bot.press(asker, "not_helpful", {{"question", id}});
  CHECK(bot.question(id).state == S::routed);
  CHECK(bot.received(ambassador).size() == 1);
}

TEST_CASE("an unclaimed question goes to the next ambassador, then everyone, then IT, in working time") {
  TestBot bot;  // defaults: 15, 60 and 510 working minutes; asked Monday 10:00 (Brussels)
  const auto id = routed_question(bot);

  CHECK(bot.advance(std::chrono::minutes(14)) == 0);
  CHECK(bot.advance(std::chrono::minutes(1)) == 1);  // 10:15: the next best ambassador
  CHECK(bot.question(id).state == S::routed);
  const auto next = bot.received(other_ambassador);  // Operations neighbours Finance
  REQUIRE(next.size() == 1);
  CHECK(has_button(next[0], "claim"));
  CHECK(contains(next[0].text, "naburige kring (Operations)"));
  CHECK(bot.received("chloe.martin").empty());

  CHECK(bot.advance(std::chrono::minutes(44)) == 0);
  CHECK(bot.advance(std::chrono::minutes(1)) == 1);  // 11:00: everyone
  CHECK(bot.question(id).state == S::escalated);
  CHECK(has_button(bot.received("chloe.martin").at(0), "claim"));
  CHECK(contains(bot.received(asker).back().text, "tous les ambassadeurs"));

  // 510 working minutes after Monday 10:00 is Tuesday 10:00: 7.5 h on Monday, 1 h on Tuesday.
  CHECK(bot.advance(std::chrono::minutes(23 * 60 - 1)) == 0);
  CHECK(bot.advance(std::chrono::minutes(1)) == 1);
  CHECK(bot.question(id).state == S::escalated_it);
  const auto to_it = bot.received("elena.rossi");
  REQUIRE(to_it.size() == 1);
  CHECK(has_button(to_it[0], "claim"));  // IT may take what reached them
  bot.press("elena.rossi", "claim", {{"question", id}});
  CHECK(bot.question(id).state == S::claimed);
}

TEST_CASE("an offered ambassador can pass: the next best one is asked at once") {
  TestBot bot;
  REQUIRE(bot.say(asker, unanswerable) == core::Outcome::accepted);
  const auto id = bot.last_question_id();
  CHECK(has_button(bot.received(ambassador).at(0), "pass"));
  bot.press(ambassador, "pass", {{"question", id}});
  CHECK(contains(bot.received(ambassador).at(0).text, "un autre ambassadeur"));
  CHECK(bot.question(id).state == S::routed);
  const auto next = bot.received(other_ambassador);
  REQUIRE(next.size() == 1);
  CHECK(has_button(next[0], "claim"));
  bot.press("chloe.martin", "pass", {{"question", id}});  // not offered to her: refused
  CHECK(contains(bot.received("chloe.martin").at(0).text, "pas possible"));
  bot.press(ambassador, "claim", {{"question", id}});  // who passed may still take it
  CHECK(bot.question(id).state == S::claimed);
}

TEST_CASE("with rooms configured, escalations are posted to the community room and IT's webhook") {
  auto config = TestBot::default_config();
  config.questions.community_room = "webhook:http://127.0.0.1:9/community";
  config.questions.it_room = "webhook:https://hooks.example/it?token=secret";
  config.questions.rooms_language = "en";
  TestBot bot(config);
  const auto id = routed_question(bot);
  bot.advance(std::chrono::minutes(60));  // 11:00: the community room, not every ambassador
  CHECK(bot.question(id).state == S::escalated);
  CHECK(bot.received("chloe.martin").empty());
  auto posted = bot.received("room:community");
  REQUIRE(posted.size() == 1);
  CHECK(contains(posted[0].text, "without an ambassador"));
  CHECK(has_button(posted[0], "claim"));  // any ambassador reading the room may take it
  CHECK(bot.db->query_int("SELECT COUNT(*) FROM outbox WHERE recipient_id = 'room:community' AND transport = "
                          "'webhook' AND address = 'http://127.0.0.1:9/community'") == 1);

  bot.advance(std::chrono::minutes(23 * 60));  // Tuesday 10:00: IT's webhook, not each IT person
  CHECK(bot.question(id).state == S::escalated_it);
  CHECK(bot.received("elena.rossi").empty());
  posted = bot.received("room:it");
  REQUIRE(posted.size() == 1);
  CHECK(contains(all_text(posted[0]), unanswerable));
  bot.press("elena.rossi", "claim", {{"question", id}});  // IT claims from wherever they read it
  CHECK(bot.question(id).state == S::claimed);
}

TEST_CASE("claiming stops the ladder; the claimant is reminded and IT told if it stays unresolved") {
  TestBot bot;
  const auto id = routed_question(bot);
  bot.press(ambassador, "claim", {{"question", id}});  // Monday 10:00
  bot.received(ambassador);
  bot.received(asker);
  // The deadline is Tuesday 10:00 (510 working minutes); the reminder comes 60 working minutes
  // before it: 450 after Monday 10:00, which is Monday 17:30.
  CHECK(bot.advance(std::chrono::minutes(449)) == 0);
  CHECK(bot.advance(std::chrono::minutes(1)) == 1);
  const auto reminder = bot.received(ambassador);
  REQUIRE(reminder.size() == 1);
  CHECK(contains(reminder[0].text, "Rappel"));
  CHECK(has_button(reminder[0], "release"));
  CHECK(bot.advance(std::chrono::minutes(16 * 60 + 29)) == 0);
  CHECK(bot.advance(std::chrono::minutes(1)) == 1);  // Tuesday 10:00: IT is told
  CHECK(bot.question(id).state == S::claimed);       // the claimant keeps it
  CHECK(contains(bot.received("elena.rossi").at(0).text, "still unresolved after a working day"));

  SUBCASE("resolving first means neither happens") {
    TestBot other;
    const auto q = routed_question(other);
    other.press(ambassador, "claim", {{"question", q}});
    other.press(ambassador, "resolve", {{"question", q}});
    CHECK(other.advance(std::chrono::days(7)) == 0);
  }
}

TEST_CASE("a restart between every step of the ladder neither loses nor repeats a step") {
  TestBot bot;
  const auto id = routed_question(bot);
  bot.restart();
  CHECK(bot.advance(std::chrono::minutes(15)) == 1);
  bot.restart();
  CHECK(bot.advance(std::chrono::minutes(45)) == 1);
  bot.restart();
  CHECK(bot.advance(std::chrono::minutes(23 * 60)) == 1);
  bot.restart();
  CHECK(bot.advance(std::chrono::days(30)) == 0);
  CHECK(bot.question(id).state == S::escalated_it);
  CHECK(bot.db->query_int("SELECT COUNT(*) FROM timers WHERE fired_at IS NOT NULL AND outcome = 'fired'") == 3);
  std::vector<std::string> steps;
  for (const auto& e : bot.history(id))
    if (e.event == "escalate" || e.event == "escalate_it" || e.event == "offered") steps.push_back(e.event);
  CHECK(steps == std::vector<std::string>{"offered", "offered", "escalate", "escalate_it"});
}

TEST_CASE("timers wait over the weekend and public holidays") {
  TestBot bot;
  bot.clock.advance(std::chrono::days(4) + std::chrono::hours(7) + std::chrono::minutes(20));  // Friday 17:20
  const auto id = routed_question(bot);
  CHECK(bot.advance(std::chrono::hours(63) + std::chrono::minutes(44)) == 0);  // until Monday 09:04: nothing
  CHECK(bot.advance(std::chrono::minutes(1)) == 1);  // Monday 09:05: 10 min on Friday, 5 on Monday
  CHECK(bot.question(id).state == S::routed);
}

TEST_CASE("a retried event is acknowledged but handled only once") {
  TestBot bot;
  CHECK(bot.say(asker, unanswerable, "fatima.elamrani/c-1") == core::Outcome::accepted);
  CHECK(bot.say(asker, unanswerable, "fatima.elamrani/c-1") == core::Outcome::duplicate);
  CHECK(bot.db->query_int("SELECT COUNT(*) FROM questions") == 1);
  CHECK(bot.received(ambassador).size() == 1);
}

TEST_CASE("an unknown sender is refused and nothing is stored") {
  TestBot bot;
  CHECK(bot.say("mallory", "hello") == core::Outcome::unknown_sender);
  CHECK(bot.db->query_int("SELECT COUNT(*) FROM inbound_keys") == 0);
}

TEST_CASE("help and the personal lists answer in the person's language") {
  TestBot bot;
  bot.say("hanne.devos", "hulp");
  CHECK(contains(bot.received("hanne.devos").at(0).text, "Hallo Hanne De Vos"));
  bot.say(ambassador, "help");
  CHECK(contains(bot.received(ambassador).at(0).text, "En tant qu'ambassadeur"));

  const auto id = routed_question(bot);
  bot.say(asker, "my questions");
  CHECK(contains(bot.received(asker).at(0).text, "n°" + std::to_string(id) + " · en attente"));
  bot.say(ambassador, "queue");
  CHECK(contains(bot.received(ambassador).at(0).text, "Fatima El Amrani"));
  bot.say("tom.baker", "queue");
  CHECK(contains(bot.received("tom.baker").at(0).text, "Only ambassadors"));
}

namespace {
class ThrowingSkill final : public core::Skill {
 public:
  std::string_view name() const override { return "broken"; }
  int fit(const core::InboundEvent&, const core::Person&) const override { return core::fit::exact; }
  void handle(core::Turn& turn) override {
    turn.stores().questions.create(turn.sender()->id, "half-done", "en", "", turn.now());
    throw std::runtime_error("boom");
  }
};
}  // namespace

TEST_CASE("a failing skill leaves nothing half-done, apologises, and the bot keeps working") {
  TestBot bot;
  ThrowingSkill broken;
  bot.use_skills({&broken});
  CHECK(bot.say(asker, "anything") == core::Outcome::accepted);
  CHECK(bot.db->query_int("SELECT COUNT(*) FROM questions") == 0);
  const auto inbox = bot.received(asker);
  REQUIRE(inbox.size() == 1);
  CHECK(contains(inbox[0].text, "Désolé"));
  bot.use_skills(bot.registry->skills());
  bot.say(asker, "Comment partager mon écran dans Teams ?");
  CHECK(bot.question(bot.last_question_id()).state == S::answered);
}

namespace {
/// Thresholds that put every plausible match in the "did you mean" band.
TestBot suggesting_bot() {
  auto config = TestBot::default_config();
  config.faq.answer_threshold = 0.99;
  config.faq.suggest_threshold = 0.05;
  return TestBot(config);
}
}  // namespace

TEST_CASE("a plausible but uncertain match offers the three best entries and a way to a person") {
  auto bot = suggesting_bot();
  bot.say(asker, "Comment partager mon écran dans Teams ?");
  const auto id = bot.last_question_id();
  CHECK(bot.question(id).state == S::asked);
  const auto inbox = bot.received(asker);
  REQUIRE(inbox.size() == 1);
  CHECK(contains(inbox[0].text, "Vouliez-vous dire"));
  REQUIRE(inbox[0].buttons.size() == 4);
  CHECK(inbox[0].buttons[0].action == "faq_pick");
  CHECK(inbox[0].buttons[0].args["entry"] == "teams-share-screen");
  CHECK(inbox[0].buttons[0].label == "Comment partager mon écran dans une réunion Teams ?");
  CHECK(inbox[0].buttons[3].action == "not_helpful");

  SUBCASE("picking one answers the question with that entry") {
    bot.press(asker, "faq_pick", inbox[0].buttons[0].args);
    CHECK(bot.question(id).state == S::answered);
    CHECK(bot.question(id).faq_entry == "teams-share-screen");
    CHECK(contains(bot.received(asker).at(0).text, "Arrêter le partage"));
    bot.press(asker, "faq_pick", inbox[0].buttons[1].args);  // a second pick is refused
    CHECK(bot.question(id).faq_entry == "teams-share-screen");
  }
  SUBCASE("none of these hands the question to an ambassador") {
    bot.press(asker, "not_helpful", inbox[0].buttons[3].args);
    CHECK(bot.question(id).state == S::routed);
    CHECK(bot.received(ambassador).size() == 1);
  }
  SUBCASE("nobody else can pick for the asker") {
    bot.press("tom.baker", "faq_pick", inbox[0].buttons[0].args);
    CHECK(bot.question(id).state == S::asked);
  }
}

TEST_CASE("the answer comes in the language the question was asked in") {
  TestBot bot;
  bot.say(asker, "How do I set an automatic reply in Outlook when I am on holiday?");  // a French speaker, in English
  const auto q = bot.question(bot.last_question_id());
  CHECK(q.language == "en");
  const auto inbox = bot.received(asker);
  REQUIRE(inbox.size() == 1);
  CHECK(contains(inbox[0].text, "Here is what I found"));
  CHECK(contains(inbox[0].text, "Automatic replies"));
  CHECK(inbox[0].buttons[0].label == "Helpful");
}

TEST_CASE("a claimed question can be reassigned to a named ambassador or to the whole community") {
  TestBot bot;
  const auto id = routed_question(bot);
  bot.press(ambassador, "claim", {{"question", id}});
  bot.received(ambassador);
  bot.received(asker);

  SUBCASE("to a colleague, by name") {
    bot.say(ambassador, "reassign " + std::to_string(id) + " Bart Peeters");
    CHECK(bot.question(id).state == S::claimed);
    CHECK(bot.question(id).claimant_id == other_ambassador);
    const auto to_bart = bot.received(other_ambassador);
    CHECK(std::any_of(to_bart.begin(), to_bart.end(), [](auto& m) { return has_button(m, "answer"); }));
    CHECK(contains(bot.received(asker).at(0).text, "Bart Peeters"));
    bot.press(other_ambassador, "answer", {{"question", id}}, "Probeer de andere ingang.");
    CHECK(contains(bot.received(asker).at(0).text, "Probeer de andere ingang."));
  }
  SUBCASE("to the community: everyone may claim it, and IT comes next if nobody does") {
    bot.say(ambassador, "reassign " + std::to_string(id) + " community");
    CHECK(bot.question(id).state == S::escalated);
    CHECK(has_button(bot.received("chloe.martin").at(0), "claim"));
    CHECK(bot.advance(std::chrono::minutes(449)) == 0);  // 450 working minutes: Monday 17:30
    CHECK(bot.advance(std::chrono::minutes(1)) == 1);
    CHECK(bot.question(id).state == S::escalated_it);
  }
  SUBCASE("only the claimant, a community lead or IT may reassign; unknown names are refused") {
    bot.say("chloe.martin", "reassign " + std::to_string(id) + " community");
    CHECK(bot.question(id).claimant_id == ambassador);
    bot.say(ambassador, "reassign " + std::to_string(id) + " Nobody Here");
    CHECK(contains(bot.received(ambassador).back().text, "« Nobody Here »"));
    bot.say("david.janssens", "reassign " + std::to_string(id) + " chloe.martin");
    CHECK(bot.question(id).claimant_id == "chloe.martin");
  }
}

TEST_CASE("community leads and IT see every open question by state and age") {
  TestBot bot;
  const auto first = routed_question(bot);
  bot.press(ambassador, "claim", {{"question", first}});
  bot.clock.advance(std::chrono::hours(3));
  bot.say("tom.baker", "The coffee machine on floor 2 is leaking");
  bot.say("david.janssens", "open");
  const auto text = bot.received("david.janssens").at(0).text;
  CHECK(contains(text, "in behandeling: 1"));
  CHECK(contains(text, "wacht op een ambassadeur: 1"));
  CHECK(contains(text, "#" + std::to_string(first) + " · in behandeling · 3 u · Fatima El Amrani → Amélie Dubois"));
  bot.say(ambassador, "open");
  CHECK(contains(bot.received(ambassador).back().text, "Seuls les responsables"));
}
