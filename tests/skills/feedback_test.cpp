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
