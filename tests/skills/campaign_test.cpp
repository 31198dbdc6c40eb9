// Change campaigns: written by a community lead in chat, run through their four phases on
// schedule with the right audiences, and measured against IT's targets.
#include <doctest/doctest.h>

#include "bot/core/dates.hpp"
#include "skills/campaigns/campaign.hpp"
#include "skills/campaigns/campaign_indicators.hpp"
#include "skills/campaigns/campaign_store.hpp"
#include "support/test_bot.hpp"
#include "support/text.hpp"

using namespace relais;
using relais::testing::all_text;
using relais::testing::contains;
using relais::testing::problems_text;
using relais::testing::TestBot;
using std::chrono::hours;
using std::chrono::minutes;

namespace {
const std::string onedrive =
    "campaign new OneDrive migration\n"
    "topics: onedrive\n"
    "prepare: 2026-11-23\n"
    "engage: 2026-11-25\n"
    "realise: 2026-11-30\n"
    "anchor: 2026-12-07\n"
    "end: 2026-12-14\n"
    "materials: https://intranet.example/onedrive-kit\n"
    "pilot: Amélie Dubois, chloe.martin\n"
    "audience: circles Finance, Operations\n"
    "brief: Training slots are in the shared calendar.\n"
    "announce: Your files move to OneDrive this week.\n"
    "targets: deflection 50%, satisfaction 80%, answer 8h, adoption 4";

config::Config with_rooms() {
  auto c = TestBot::default_config();
  c.questions.community_room = "webhook:http://127.0.0.1:9/community";
  c.questions.it_room = "webhook:http://127.0.0.1:9/it";
  return c;
}

const char* const finance_and_operations[] = {"amelie.dubois", "elena.rossi",  "fatima.elamrani", "gilles.lambert",
                                              "hanne.devos",   "ines.moreau",  "bart.peeters",    "david.janssens",
                                              "jan.wouters",   "karin.schmidt", "lucas.bernard",  "marie.claes",
                                              "noah.smith"};
}  // namespace

TEST_CASE("a campaign is read from its lines; every problem names its line") {
  Problems problems;
  const auto c = campaigns::parse_campaign(onedrive, problems);
  REQUIRE_MESSAGE(c, problems_text(problems));
  CHECK(c->id == "onedrive-migration");
  CHECK(c->topics == std::vector<std::string>{"onedrive"});
  CHECK(c->circles == std::vector<std::string>{"Finance", "Operations"});
  CHECK(c->pilot == std::vector<std::string>{"Amélie Dubois", "chloe.martin"});
  CHECK(*c->targets.deflection == doctest::Approx(0.5));
  CHECK(*c->targets.answer_hours == doctest::Approx(8));
  CHECK(*c->targets.adoption == doctest::Approx(4));
  CHECK(c->phase_on(*core::parse_iso_date("2026-11-26")) == "engage");
  CHECK(c->phase_on(*core::parse_iso_date("2026-11-22")) == "");
  CHECK(c->phase_on(*core::parse_iso_date("2027-01-01")) == "end");

  problems.clear();
  CHECK_FALSE(campaigns::parse_campaign("campaign new Teams Phone\ntopics: teams\nprepare: 2026-12-01\nengage: soon\n"
                                        "realise: 2026-11-30\nanchor: 2026-12-20\nend: 2027-01-10\ncolour: blue\n"
                                        "targets: deflection 150%\nnote without colon",
                                        problems));
  const auto text = problems_text(problems);
  CHECK(contains(text, "line 4: engage: \"soon\" is not a date (YYYY-MM-DD)"));
  CHECK(contains(text, "line 8: unknown key \"colour\""));
  CHECK(contains(text, "line 9: targets: \"deflection 150%\" is not a target"));
  CHECK(contains(text, "line 10: expected \"key: value\""));
  CHECK(contains(text, "dates: engage: is missing"));
  problems.clear();
  CHECK_FALSE(campaigns::parse_campaign("campaign new X\ntopics: x\nprepare: 2026-12-01\nengage: 2026-11-30\n"
                                        "realise: 2026-12-02\nanchor: 2026-12-03\nend: 2026-12-04",
                                        problems));
  CHECK(contains(problems_text(problems), "engage must come after prepare"));
}

TEST_CASE("only community leads create campaigns; a bad one is explained, line by line") {
  TestBot bot;
  bot.say("amelie.dubois", onedrive);
  CHECK(contains(bot.received("amelie.dubois").at(0).text, "Seuls les responsables de la communauté peuvent créer"));
  bot.say("elena.rossi", onedrive);
  CHECK(contains(bot.received("elena.rossi").at(0).text, "Only community leads"));
  bot.say("david.janssens", "campaign new Broken\ntopics: x\nprepare: someday");
  const auto reply = bot.received("david.janssens").at(0).text;
  CHECK(contains(reply, "line 3: prepare: \"someday\" is not a date"));
  CHECK(contains(reply, "campaign new <naam>"));
  bot.say("david.janssens", "campaign new Ghost pilots\ntopics: x\nprepare: 2026-12-01\nengage: 2026-12-02\n"
                            "realise: 2026-12-03\nanchor: 2026-12-04\nend: 2026-12-05\npilot: Nobody Known");
  CHECK(contains(bot.received("david.janssens").at(0).text, "\"Nobody Known\" (pilot)"));
  CHECK(campaigns::CampaignStore(*bot.db).all().empty());
  bot.say("tom.baker", "campaigns");
  CHECK(contains(bot.received("tom.baker").at(0).text, "for the ambassador community and IT"));
}

TEST_CASE("a campaign through its four phases: the right people at the right times, then the closing report") {
  TestBot bot(with_rooms());
  bot.say("david.janssens", onedrive);
  CHECK(contains(bot.received("david.janssens").at(0).text, "Campagne **OneDrive migration** (`onedrive-migration`) is gepland"));
  bot.say("david.janssens", onedrive);
  CHECK(contains(bot.received("david.janssens").at(0).text, "bestaat al"));

  // Prepare, today (the send time has passed): the ambassadors are briefed first, nobody else.
  bot.advance(minutes(0));
  const auto brief = bot.received("amelie.dubois");
  REQUIRE(brief.size() == 1);
  CHECK(contains(brief[0].text, "**OneDrive migration** arrive, et vous l'apprenez en premier"));
  CHECK(contains(brief[0].text, "Training slots are in the shared calendar."));
  CHECK(contains(brief[0].text, "Supports : https://intranet.example/onedrive-kit"));
  CHECK(contains(brief[0].text, "Le pack FAQ (5 réponses"));
  CHECK(contains(brief[0].text, "- Comment partager un fichier depuis OneDrive ?"));
  CHECK(bot.received("bart.peeters").size() == 1);
  CHECK(bot.received("chloe.martin").size() == 1);
  CHECK(bot.received("david.janssens").size() == 1);
  CHECK(bot.received("fatima.elamrani").empty());
  CHECK(bot.received("tom.baker").empty());
  bot.say("bart.peeters", "briefings");
  CHECK(contains(bot.received("bart.peeters").at(0).text, "OneDrive migration"));

  // Engage, Wednesday 09:30 in Brussels: the two pilots, with a way to give feedback.
  bot.advance(hours(47));
  CHECK(bot.received("amelie.dubois").empty());
  bot.advance(minutes(30));
  const auto pilot = bot.received("chloe.martin");
  REQUIRE(pilot.size() == 1);
  CHECK(contains(pilot[0].text, "groupe pilote pour **OneDrive migration**"));
  REQUIRE(pilot[0].buttons.size() == 1);
  CHECK(bot.received("amelie.dubois").size() == 1);
  CHECK(bot.received("bart.peeters").empty());
  bot.press("chloe.martin", "campaign_feedback", {{"campaign", "onedrive-migration"}}, "Sharing links expire too fast");
  CHECK(contains(bot.received("chloe.martin").at(0).text, "Merci : votre retour sur OneDrive migration"));

  // Realise, next Monday: Finance and Operations hear of it, with their circle's ambassador.
  bot.advance(hours(24 * 5));
  for (const auto* p : finance_and_operations) {
    CAPTURE(p);
    CHECK(bot.received(p).size() == 1);
  }
  bot.say("fatima.elamrani", "Quand est-ce que mes fichiers partent sur OneDrive ?");  // flushes nothing
  bot.received("fatima.elamrani");
  CHECK(bot.received("tom.baker").empty());
  CHECK(bot.received("chloe.martin").empty());

  // Questions about it are counted for the campaign.
  bot.say("hanne.devos", "Hoe deel ik een bestand vanuit OneDrive?");
  bot.press("hanne.devos", "helpful", {{"question", bot.last_question_id()}});
  bot.say("amelie.dubois", "campaign onedrive-migration");
  const auto mid = bot.received("amelie.dubois").at(0).text;
  CHECK(contains(mid, "phase : réaliser (personnel)"));
  CHECK(contains(mid, "- 2026-11-23: 0 questions, 1 retours\n- 2026-11-30: 2 questions, 0 retours"));
  CHECK(contains(mid, "Répondues par la FAQ : 100% (objectif 50%) ✅"));
  CHECK(contains(mid, "Score d'adoption (0 réponses) : pas encore de données"));

  // Anchor: the adoption question; five answers are enough to show a score.
  bot.advance(hours(24 * 7));
  const char* const answering[] = {"fatima.elamrani", "gilles.lambert", "hanne.devos", "jan.wouters", "karin.schmidt"};
  for (const auto* p : finance_and_operations) bot.received(p);
  const int scores[] = {4, 5, 1, 2, 3};
  for (int i = 0; i < 5; ++i) bot.press(answering[i], "campaign_score", {{"campaign", "onedrive-migration"}, {"value", scores[i]}});
  CHECK(bot.received("fatima.elamrani").at(0).card->status == "Votre réponse : 4. Merci !");

  // End: the closing report goes to IT, the community room and the lead who wrote it.
  bot.advance(hours(24 * 7));
  const auto it = bot.received("room:it");
  REQUIRE(it.size() == 1);
  CHECK(contains(it[0].text, "🏁"));
  CHECK(contains(it[0].text, "Adoption score (5 answers): 3.0 / 5 (target 4.0 / 5) ⚠️"));
  CHECK(contains(it[0].text, "(target 50%)"));
  CHECK(contains(it[0].text, "Per week:"));
  CHECK(bot.received("room:community").size() == 1);
  CHECK(contains(bot.received("david.janssens").at(0).text, "Eindrapport"));
  const auto runs = campaigns::CampaignStore(*bot.db).runs("onedrive-migration");
  CHECK(runs.size() == 5);
}

TEST_CASE("IT sets a campaign's targets; nobody else but a lead may") {
  TestBot bot;
  bot.say("david.janssens", onedrive);
  bot.received("david.janssens");
  bot.say("tom.baker", "campaign onedrive-migration targets deflection 70%");
  CHECK(contains(bot.received("tom.baker").at(0).text, "Only IT and community leads"));
  bot.say("elena.rossi", "campaign onedrive-migration targets deflection 70%, speed 2");
  CHECK(contains(bot.received("elena.rossi").at(0).text, "\"speed 2\" is not a target"));
  bot.say("elena.rossi", "campaign onedrive-migration targets deflection 70%, adoption 3.5");
  const auto text = bot.received("elena.rossi").at(0).text;
  CHECK(contains(text, "Targets set."));
  CHECK(contains(text, "(target 70%)"));
  CHECK(contains(text, "(target 80%)"));  // the others stay
  const auto c = campaigns::CampaignStore(*bot.db).get("onedrive-migration");
  CHECK(*c->targets.adoption == doctest::Approx(3.5));
  CHECK(c->dates.size() == 5);
}

TEST_CASE("indicators: the campaign's questions and feedback per week, against the targets") {
  TestBot bot;
  Problems problems;
  auto c = *campaigns::parse_campaign(onedrive, problems);
  c.created_by = "david.janssens";
  campaigns::CampaignStore(*bot.db).add(c, bot.clock.now());
  bot.clock.advance(hours(24 * 8));  // in the second week
  bot.say("hanne.devos", "Hoe deel ik een bestand vanuit OneDrive?");  // answered by the FAQ
  bot.press("hanne.devos", "helpful", {{"question", bot.last_question_id()}});
  bot.say("tom.baker", "How do I share a file from OneDrive with a client?");
  bot.say("tom.baker", "feedback OneDrive sync keeps asking me to sign in");
  bot.say("tom.baker", "How do I book a meeting room in Outlook?");  // not about the campaign
  const auto k = campaigns::indicators(*bot.db, c, bot.clock.now(), 5);
  CHECK(k.weeks.size() == 2);
  CHECK(k.weeks[1].questions == 2);
  CHECK(k.weeks[1].feedback == 1);
  CHECK(k.questions == 2);
  CHECK(k.answered_by_faq == 2);
  CHECK(*k.deflection() == doctest::Approx(1.0));
  CHECK(campaigns::meets(k.deflection(), c.targets.deflection) == true);
  CHECK(campaigns::meets(std::optional<double>(9), c.targets.answer_hours, false) == false);
  CHECK_FALSE(k.adoption);  // nobody answered
}
