// Free feedback for IT: kept with the person's circle and its topics, asked for when empty.
#include <doctest/doctest.h>

#include "skills/feedback/feedback_store.hpp"
#include "support/test_bot.hpp"
#include "support/text.hpp"

using namespace relais;
using relais::testing::all_text;
using relais::testing::contains;
using relais::testing::has_button;
using relais::testing::TestBot;

TEST_CASE("feedback with text is kept for IT, tagged with the tools it is about") {
  TestBot bot;
  CHECK(bot.say("fatima.elamrani", "!feedback le partage d'écran dans Teams coupe souvent le son") ==
        core::Outcome::accepted);
  const auto reply = bot.received("fatima.elamrani");
  REQUIRE(reply.size() == 1);
  CHECK(contains(all_text(reply[0]), "J'ai transmis votre avis à l'IT"));
  const auto kept = feedback::FeedbackStore(*bot.db).since({});
  REQUIRE(kept.size() == 1);
  CHECK(kept[0].person_id == "fatima.elamrani");
  CHECK(kept[0].circle == "Finance");
  CHECK(kept[0].text == "le partage d'écran dans Teams coupe souvent le son");
  CHECK(std::find(kept[0].topics.begin(), kept[0].topics.end(), "teams") != kept[0].topics.end());
  CHECK(contains(all_text(reply[0]), "teams"));
  CHECK(bot.last_question_id() == 0);  // feedback is not a question
}

TEST_CASE("feedback without text asks for it, and the answer typed into the button is kept") {
  TestBot bot;
  CHECK(bot.say("tom.baker", "feedback") == core::Outcome::accepted);
  const auto ask = bot.received("tom.baker");
  REQUIRE(ask.size() == 1);
  CHECK(has_button(ask[0], "feedback"));
  CHECK(feedback::FeedbackStore(*bot.db).since({}).empty());
  CHECK(bot.press("tom.baker", "feedback", nlohmann::json::object(), "The new VPN client is much faster, thanks") ==
        core::Outcome::accepted);
  const auto kept = feedback::FeedbackStore(*bot.db).since({});
  REQUIRE(kept.size() == 1);
  CHECK(kept[0].text == "The new VPN client is much faster, thanks");
  CHECK(kept[0].language == "en");
}

TEST_CASE("the asker rates the help once their question is resolved, once, with an optional comment") {
  TestBot bot;
  REQUIRE(bot.say("fatima.elamrani", "Le badge du parking ne s'ouvre plus depuis ce matin") == core::Outcome::accepted);
  const auto id = bot.last_question_id();
  REQUIRE(bot.press("amelie.dubois", "claim", {{"question", id}}) == core::Outcome::accepted);
  REQUIRE(bot.press("amelie.dubois", "answer", {{"question", id}}, "Passez à l'accueil.") == core::Outcome::accepted);
  REQUIRE(bot.press("amelie.dubois", "resolve", {{"question", id}}) == core::Outcome::accepted);
  const auto inbox = bot.received("fatima.elamrani");
  const auto resolved = std::find_if(inbox.begin(), inbox.end(), [](const auto& m) { return has_button(m, "rate_help"); });
  REQUIRE(resolved != inbox.end());
  CHECK(resolved->buttons[0].label == "Ça m'a aidé");
  CHECK(has_button(*resolved, "reopen"));

  REQUIRE(bot.press("amelie.dubois", "rate_help", {{"question", id}, {"helpful", true}}) == core::Outcome::accepted);
  CHECK(contains(all_text(bot.received("amelie.dubois")[0]), "n°" + std::to_string(id)));  // only the asker rates
  REQUIRE(bot.press("fatima.elamrani", "rate_help", {{"question", id}, {"helpful", true}}) == core::Outcome::accepted);
  auto reply = bot.received("fatima.elamrani");
  REQUIRE(reply.size() == 1);
  CHECK(has_button(reply[0], "rate_comment"));
  REQUIRE(bot.press("fatima.elamrani", "rate_help", {{"question", id}, {"helpful", false}}) == core::Outcome::accepted);
  CHECK(contains(all_text(bot.received("fatima.elamrani")[0]), "déjà évaluée"));
  REQUIRE(bot.press("fatima.elamrani", "rate_comment", {{"question", id}}, "Rapide et clair") == core::Outcome::accepted);
  CHECK(contains(all_text(bot.received("fatima.elamrani")[0]), "votre commentaire"));

  int ratings = 0;
  std::string comment;
  for (const auto& e : bot.history(id)) {
    if (e.event == "rated") {
      ++ratings;
      CHECK(e.detail["helpful"] == true);
      CHECK(e.detail["of"] == "help");
    }
    if (e.event == "rating_comment") comment = e.detail.value("text", "");
  }
  CHECK(ratings == 1);
  CHECK(comment == "Rapide et clair");
}

TEST_CASE("an ambassador forwards a colleague's feedback and corrects it; free text is kept only so long") {
  auto config = TestBot::default_config();
  config.feedback.retention_days = 30;
  TestBot bot(config);
  REQUIRE(bot.say("tom.baker", "feedback from Amélie Dubois: trop de notifications") == core::Outcome::accepted);
  CHECK(contains(all_text(bot.received("tom.baker")[0]), "ambassador"));  // only ambassadors forward
  REQUIRE(bot.say("bart.peeters", "feedback from Tom Baker: the new printer menu is hard to find") == core::Outcome::accepted);
  CHECK(contains(all_text(bot.received("bart.peeters")[0]), "Tom Baker"));
  auto kept = feedback::FeedbackStore(*bot.db).since({});
  REQUIRE(kept.size() == 1);
  CHECK(kept[0].person_id == "tom.baker");
  CHECK(kept[0].circle == "Customer Care");  // the colleague's circle, not the ambassador's
  CHECK(kept[0].forwarded_by == "bart.peeters");
  const auto id = std::to_string(kept[0].id);

  REQUIRE(bot.say("tom.baker", "feedback edit " + id + " printer menu") == core::Outcome::accepted);
  CHECK(contains(all_text(bot.received("tom.baker")[0]), "not one you wrote or passed on"));
  REQUIRE(bot.say("bart.peeters", "feedback edit " + id + " the new printer menu is hidden under More") ==
          core::Outcome::accepted);
  CHECK(feedback::FeedbackStore(*bot.db).get(kept[0].id)->text == "the new printer menu is hidden under More");

  bot.router->refresh();
  bot.advance(std::chrono::minutes(0));  // today's retention pass: nothing is old yet
  CHECK_FALSE(feedback::FeedbackStore(*bot.db).get(kept[0].id)->text.empty());
  bot.advance(std::chrono::hours(24 * 31));
  const auto old = feedback::FeedbackStore(*bot.db).get(kept[0].id);
  CHECK(old->text.empty());  // the words are gone...
  CHECK(old->person_id == "tom.baker");  // ...the record (and its topics) stays for the counts
}
