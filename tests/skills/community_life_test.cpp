// Community life: events with answers and reminders, topic polls, and the briefing feed, on
// the web chat with a manual clock (Monday 2026-11-23, 10:00 in Brussels).
#include <doctest/doctest.h>

#include "support/test_bot.hpp"
#include "support/text.hpp"

using namespace relais;
using relais::testing::all_text;
using relais::testing::contains;
using relais::testing::TestBot;
using std::chrono::hours;
using std::chrono::minutes;

namespace {
config::Config with_community_room() {
  auto c = TestBot::default_config();
  c.questions.community_room = "webhook:http://127.0.0.1:9/community";
  return c;
}

const char* const members[] = {"amelie.dubois", "bart.peeters", "chloe.martin", "david.janssens"};

std::int64_t arg_of(const core::OutboundMessage& m, const char* action, const char* key) {
  for (const auto& b : m.buttons)
    if (b.action == action) return b.args.at(key).get<std::int64_t>();
  FAIL("no " << action << " button");
  return 0;
}
}  // namespace

TEST_CASE("an event: announced to the community, answered, reminded the day before and the hour before") {
  TestBot bot(with_community_room());
  bot.say("chloe.martin", "event 2026-11-26 14:00 | Excel pivot tables | Room 2.14");
  CHECK(contains(bot.received("chloe.martin").at(0).text, "Seuls les responsables"));
  bot.say("david.janssens", "event 2026-11-20 14:00 | Too late | Room 1");
  CHECK(contains(bot.received("david.janssens").at(0).text, "Dat moment is al voorbij."));
  bot.say("david.janssens", "event 2026-11-26 2pm | Excel | Room 1");
  CHECK(contains(bot.received("david.janssens").at(0).text, "\"2026-11-26 2pm\" is geen datum en uur"));

  bot.say("david.janssens", "event 2026-11-26 14:00 | Excel pivot tables | Room 2.14");
  auto lead = bot.received("david.janssens");
  REQUIRE(lead.size() == 2);  // his own invitation, and the confirmation
  CHECK(contains(lead[1].text, "aangekondigd aan 4 mensen: Excel pivot tables, 2026-11-26 14:00"));
  for (const auto* m : members) {
    CAPTURE(m);
    CHECK(bot.received(m).size() == (std::string(m) == "david.janssens" ? 0u : 1u));
  }
  CHECK(bot.received("tom.baker").empty());  // for the community, not all staff
  CHECK(contains(bot.received("room:community").at(0).text, "**Excel pivot tables**, 2026-11-26 14:00, Room 2.14"));
  const auto event = arg_of(lead[0], "event_answer", "event");

  bot.press("amelie.dubois", "event_answer", {{"event", event}, {"answer", "yes"}});
  CHECK(bot.received("amelie.dubois").at(0).card->status == "Vous y serez.");
  bot.press("bart.peeters", "event_answer", {{"event", event}, {"answer", "no"}});
  bot.received("bart.peeters");
  bot.press("tom.baker", "event_answer", {{"event", event}, {"answer", "yes"}});
  CHECK(contains(bot.received("tom.baker").at(0).text, "can't find event"));
  bot.say("amelie.dubois", "events");
  CHECK(contains(bot.received("amelie.dubois").at(0).text, "1 présents, 0 peut-être · Vous y serez."));

  // Wednesday 14:00 in Brussels: all but Bart, who said no.
  bot.advance(hours(52));
  CHECK(contains(bot.received("amelie.dubois").at(0).text, "Rappel : **Excel pivot tables**, c'est demain"));
  CHECK(bot.received("chloe.martin").size() == 1);
  CHECK(bot.received("david.janssens").size() == 1);
  CHECK(bot.received("bart.peeters").empty());
  // Thursday 13:00: only those going.
  bot.advance(hours(23));
  CHECK(contains(bot.received("amelie.dubois").at(0).text, "commence dans une heure, à Room 2.14"));
  CHECK(bot.received("chloe.martin").empty());
  CHECK(bot.received("david.janssens").empty());
}

TEST_CASE("a cancelled event tells those coming, and sends no reminder") {
  TestBot bot;
  bot.say("david.janssens", "event 2026-12-02 12:00 | Teams meet-up | https://teams.example/meet | everyone");
  const auto event = arg_of(bot.received("david.janssens").at(0), "event_answer", "event");
  CHECK(bot.received("tom.baker").size() == 1);  // open to all staff
  bot.press("tom.baker", "event_answer", {{"event", event}, {"answer", "maybe"}});
  bot.received("tom.baker");
  bot.received("amelie.dubois");
  bot.say("amelie.dubois", "event cancel " + std::to_string(event));
  CHECK(contains(bot.received("amelie.dubois").at(0).text, "Seuls les responsables"));
  bot.say("david.janssens", "event cancel " + std::to_string(event));
  CHECK(contains(bot.received("david.janssens").at(0).text, "1 mensen zijn verwittigd"));
  const auto told = bot.received("tom.baker");
  REQUIRE(told.size() == 1);
  CHECK(contains(told[0].text, "**Teams meet-up** (2026-12-02 12:00) is cancelled."));
  CHECK(told[0].buttons.empty());
  bot.advance(hours(24 * 10));
  CHECK(bot.received("tom.baker").empty());
  bot.say("tom.baker", "events");
  CHECK(contains(bot.received("tom.baker").at(0).text, "No community events are planned."));
}

TEST_CASE("\"event\" at the start of a question is still a question") {
  TestBot bot;
  bot.say("tom.baker", "event invitations do not show in my Outlook calendar");
  CHECK(bot.last_question_id() == 1);
}

TEST_CASE("a topic poll: members propose and vote, the results go out when it closes") {
  TestBot bot(with_community_room());
  bot.say("amelie.dubois", "poll Next coaching topic? | 2026-11-27");
  CHECK(contains(bot.received("amelie.dubois").at(0).text, "Seuls les responsables"));
  bot.say("david.janssens", "poll Next coaching topic? | 2026-11-27 | Excel, Teams");
  auto lead = bot.received("david.janssens");
  REQUIRE(lead.size() == 2);
  CHECK(contains(lead[1].text, "open tot 2026-11-27"));
  const auto poll = arg_of(lead[0], "poll_propose", "poll");
  auto amelie = bot.received("amelie.dubois");
  REQUIRE(amelie.size() == 1);
  REQUIRE(amelie[0].buttons.size() == 3);  // Excel, Teams, propose
  CHECK(amelie[0].buttons[0].label == "Excel");
  CHECK_FALSE(amelie[0].buttons[2].input_placeholder.empty());
  bot.received("room:community");
  for (const auto* m : members) bot.received(m);

  // A proposal reaches every member's card, with the proposer's vote.
  bot.press("amelie.dubois", "poll_propose", {{"poll", poll}}, "Power BI");
  CHECK(contains(bot.received("amelie.dubois").at(0).text, "Power BI figure maintenant"));
  const auto updated = bot.received("bart.peeters");
  REQUIRE(updated.size() == 1);
  CHECK(updated[0].card->key == "poll:" + std::to_string(poll));
  REQUIRE(updated[0].buttons.size() == 4);
  const auto power_bi = updated[0].buttons[2].args.at("option").get<std::int64_t>();
  const auto excel = updated[0].buttons[0].args.at("option").get<std::int64_t>();
  bot.press("bart.peeters", "poll_vote", {{"poll", poll}, {"option", power_bi}});
  CHECK(bot.received("bart.peeters").at(0).card->status == "Jouw stem: Power BI");
  bot.press("chloe.martin", "poll_vote", {{"poll", poll}, {"option", excel}});
  bot.press("tom.baker", "poll_vote", {{"poll", poll}, {"option", excel}});
  CHECK(contains(bot.received("tom.baker").at(0).text, "can't find poll"));
  bot.say("chloe.martin", "polls");
  CHECK(bot.received("chloe.martin").at(1).card->status == "Votre vote : Excel");

  // Friday midnight in Brussels: closed, results to every member and to the room.
  bot.advance(hours(24 * 4 + 14));
  const auto results = bot.received("chloe.martin");
  REQUIRE(results.size() == 1);
  CHECK(contains(all_text(results[0]), "1. **Power BI**: 2 vote(s)\n2. **Excel**: 1 vote(s)\n3. **Teams**: 0 vote(s)"));
  CHECK(results[0].buttons.empty());
  CHECK(contains(bot.received("room:community").at(0).text, "Poll closed: **Next coaching topic?**"));
  bot.press("bart.peeters", "poll_vote", {{"poll", poll}, {"option", excel}});
  CHECK(contains(bot.received("bart.peeters").back().text, "gesloten"));
}

TEST_CASE("the briefing feed: leads and IT brief the community, only members read it") {
  TestBot bot;
  bot.say("tom.baker", "brief The new printers arrive on Monday");
  CHECK(contains(bot.received("tom.baker").at(0).text, "Only community leads and IT"));
  bot.say("elena.rossi", "brief The new printers arrive on Monday: badge at the printer to print.");
  CHECK(contains(bot.received("elena.rossi").at(0).text, "Briefing sent to 4 ambassadors and leads."));
  for (const auto* m : members) {
    CAPTURE(m);
    const auto got = bot.received(m);
    REQUIRE(got.size() == 1);
    CHECK(contains(got[0].text, "Elena Rossi"));
    CHECK(contains(got[0].text, "badge at the printer"));
  }
  bot.say("tom.baker", "briefings");
  CHECK(contains(bot.received("tom.baker").at(0).text, "for the ambassador community"));
  bot.say("bart.peeters", "briefings");
  CHECK(contains(bot.received("bart.peeters").at(0).text, "**2026-11-23** · Elena Rossi\nThe new printers arrive"));
}
