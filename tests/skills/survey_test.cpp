// Surveys as content, sent and answered in chat, with response tracking and private results.
#include <doctest/doctest.h>

#include <fstream>

#include "bot/core/dates.hpp"
#include "skills/surveys/survey.hpp"
#include "skills/surveys/survey_report.hpp"
#include "skills/surveys/survey_store.hpp"
#include "support/test_bot.hpp"
#include "support/text.hpp"

using namespace relais;
using relais::testing::all_text;
using relais::testing::contains;
using relais::testing::has_button;
using relais::testing::problems_text;
using relais::testing::TestBot;
using std::chrono::hours;
using std::chrono::minutes;

namespace {
const std::string pulse =
    "---\nid: pulse\naudience: circle:Finance\nsend_on: 2026-11-23\n---\n\n"
    "# en: Finance pulse\nThree questions.\n\n# fr: Pouls de la Finance\nTrois questions.\n\n"
    "? value | scale 0-10\nen: How valuable is your ambassador?\nfr: Quelle valeur a votre ambassadeur ?\n\n"
    "? knows | yes/no\nen: Do you know the ambassadors?\nfr: Connaissez-vous les ambassadeurs ?\n\n"
    "? wish | text\nen: What would you like to learn?\nfr: Qu'aimeriez-vous apprendre ?\n";

constexpr const char* run = "pulse@2026-11-23";
const char* const finance[] = {"amelie.dubois", "elena.rossi", "fatima.elamrani", "gilles.lambert", "hanne.devos",
                               "ines.moreau"};

/// A bot whose knowledge holds only the pulse survey; its run opens today.
std::unique_ptr<TestBot> pulse_bot(relais::testing::TempDir& dir) {
  std::filesystem::copy(relais::testing::source_dir() / "knowledge", dir / "knowledge", std::filesystem::copy_options::recursive);
  std::filesystem::remove_all(dir / "knowledge/surveys");
  dir.write("knowledge/surveys/pulse.md", pulse);
  auto config = TestBot::default_config();
  config.knowledge.path = (dir / "knowledge").string();
  auto bot = std::make_unique<TestBot>(config);
  bot->router->refresh();
  bot->advance(minutes(0));  // the sweep
  bot->advance(minutes(0));  // the invitations due now (10:00 in Brussels: the send time)
  return bot;
}

core::OutboundMessage survey_card(TestBot& bot, const std::string& person) {
  for (const auto& m : bot.received(person))
    if (m.card && m.card->key.starts_with("survey:")) return m;
  FAIL("no survey card for " << person);
  return {};
}

void answer(TestBot& bot, const std::string& person, const std::string& question, nlohmann::json value,
            const std::string& text = "") {
  nlohmann::json args = {{"run", run}, {"question", question}};
  if (!value.is_null()) args["value"] = value;
  REQUIRE(bot.press(person, "survey_answer", args, text) == core::Outcome::accepted);
}
}  // namespace

TEST_CASE("a survey file gives its audience, runs and questions; every problem has its line") {
  Problems problems;
  const auto s = surveys::parse_survey(pulse, "pulse.md", problems);
  REQUIRE(s);
  CHECK(problems.empty());
  CHECK(s->audience.kind == surveys::Audience::Kind::circle);
  REQUIRE(s->questions.size() == 3);
  CHECK(s->questions[0].max == 10);
  CHECK(s->questions[1].kind == surveys::Question::Kind::yes_no);
  CHECK(s->questions[2].text_for("de") == "What would you like to learn?");

  CHECK_FALSE(surveys::parse_survey("---\nid: x\naudience: everyone\nsend_on: 2026-02-30\nrepeat_months: 0\n---\n"
                                    "# en: T\n? q | scale 5-1\n? r | yes/no\nxx: what?\n",
                                    "x.md", problems));
  CHECK(problems_text(problems) ==
        "x.md:3: audience \"everyone\" is not all, starters, ambassador-teams or circle:<name>\n"
        "x.md:4: send_on \"2026-02-30\" is not YYYY-MM-DD\n"
        "x.md:5: repeat_months \"0\" is not a whole number from 1 to 366\n"
        "x.md:1: the survey has no send_on date\n"
        "x.md:8: expected \"? <question id> | scale 1-5 | scale 0-10 | yes/no | text\"\n"
        "x.md:10: expected \"<fr|nl|en|de>: <question>\"\n"
        "x.md: question \"r\" has no English text (en: ...)\n");

  problems.clear();
  const auto marked = surveys::parse_survey("---\nid: y\naudience: all\nsend_on: 2026-12-01\n---\n# en: T\n"
                                            "? join | yes/no | on yes: volunteer\nen: Join us?\n"
                                            "? rate | scale 1-5 | on yes: volunteer\nen: Rate?\n",
                                            "y.md", problems);
  CHECK(problems_text(problems) == "y.md:9: only a yes/no question can end with \"| on yes: volunteer\"\n"
                                   "y.md:10: text outside a title or a question\n");
  CHECK_FALSE(marked);
  problems.clear();
  const auto good = surveys::parse_survey("---\nid: y\naudience: all\nsend_on: 2026-12-01\n---\n# en: T\n"
                                          "? join | yes/no | on yes: volunteer\nen: Join us?\n",
                                          "y.md", problems);
  REQUIRE(good);
  CHECK(good->questions[0].on_yes == "volunteer");
}

TEST_CASE("runs repeat every few months and stay open for their window") {
  Problems problems;
  auto s = *surveys::parse_survey(pulse, "pulse.md", problems);
  s.repeat_months = 6;
  const auto day = [](const char* d) { return *core::parse_iso_date(d); };
  CHECK_FALSE(s.open_run(day("2026-11-22")));
  CHECK(s.open_run(day("2026-12-06")) == day("2026-11-23"));
  CHECK_FALSE(s.open_run(day("2026-12-07")));  // 14 days later: closed
  CHECK(s.open_run(day("2027-05-30")) == day("2027-05-23"));
  CHECK(surveys::run_id(s, day("2027-05-23")) == "pulse@2027-05-23");
}

TEST_CASE("the bundled surveys are valid: the skills self-assessment and the team survey") {
  Problems problems;
  const auto list = surveys::load_surveys(relais::testing::source_dir() / "knowledge/surveys",
                                          {"Finance", "Operations", "Customer Care"}, problems);
  CHECK(problems_text(problems) == "");
  REQUIRE(list.size() == 2);
  CHECK(list[0].question("knows_ambassadors"));
  CHECK(list[0].question("asked_ambassador"));
  CHECK(list[1].question("ambassador_value")->max == 10);
  CHECK(list[1].question("adoption_easier")->max == 5);
  CHECK(list[1].audience.kind == surveys::Audience::Kind::ambassador_teams);
}

TEST_CASE("invited on the day, one question at a time, thanked at the end") {
  relais::testing::TempDir dir;
  auto bot = pulse_bot(dir);
  for (const auto* p : finance) {
    CAPTURE(p);
    CHECK(bot->db->query_int("SELECT COUNT(*) FROM survey_invitations WHERE person_id = ?1 AND invited_at IS NOT NULL",
                             std::string(p)) == 1);
  }
  CHECK(bot->received("tom.baker").empty());  // not in Finance

  auto first = survey_card(*bot, "fatima.elamrani");
  CHECK(contains(all_text(first), "Une courte enquête : **Pouls de la Finance**"));
  CHECK(contains(all_text(first), "Quelle valeur a votre ambassadeur ?"));
  CHECK(first.buttons.size() == 11);
  CHECK(first.buttons[10].label == "10");

  answer(*bot, "fatima.elamrani", "value", 8);
  auto inbox = bot->received("fatima.elamrani");
  REQUIRE(inbox.size() == 2);
  CHECK(inbox[0].card->status == "Votre réponse : 8");  // the answered card, updated where it can be
  CHECK(inbox[0].buttons.empty());
  CHECK(has_button(inbox[1], "survey_answer"));
  CHECK(inbox[1].buttons[0].label == "Oui");

  answer(*bot, "fatima.elamrani", "knows", 1);
  inbox = bot->received("fatima.elamrani");
  REQUIRE(inbox.size() == 2);
  CHECK_FALSE(inbox[1].buttons[0].input_placeholder.empty());  // a text answer

  answer(*bot, "fatima.elamrani", "wish", nullptr);  // empty text
  CHECK(contains(all_text(bot->received("fatima.elamrani")[0]), "Écrivez une réponse"));
  answer(*bot, "fatima.elamrani", "wish", nullptr, "Power Query");
  inbox = bot->received("fatima.elamrani");
  REQUIRE(inbox.size() == 2);
  CHECK(contains(all_text(inbox[1]), "Merci !"));
  const auto invitation = surveys::SurveyStore(*bot->db).invitation(run, "fatima.elamrani");
  REQUIRE(invitation);
  CHECK(invitation->completed_at);

  answer(*bot, "fatima.elamrani", "value", 42);  // out of the scale
  CHECK(contains(all_text(bot->received("fatima.elamrani")[0]), "Je ne trouve pas"));
  REQUIRE(bot->press("tom.baker", "survey_answer", {{"run", run}, {"question", "value"}, {"value", 5}}) ==
          core::Outcome::accepted);  // not invited
  CHECK(contains(all_text(bot->received("tom.baker")[0]), "can't find that survey question"));
}

TEST_CASE("one reminder for an unfinished survey; nobody is invited twice, even after a restart") {
  relais::testing::TempDir dir;
  auto bot = pulse_bot(dir);
  for (const auto* p : finance) bot->received(p);
  answer(*bot, "gilles.lambert", "value", 6);  // then stops
  answer(*bot, "hanne.devos", "value", 9);
  answer(*bot, "hanne.devos", "knows", 0);
  answer(*bot, "hanne.devos", "wish", nullptr, "Excel");
  bot->received("gilles.lambert");
  bot->received("hanne.devos");

  bot->restart();
  bot->router->refresh();
  int reminders = 0, hanne = 0;
  for (int day = 0; day < 14; ++day) {
    bot->advance(hours(24));
    for (const auto& m : bot->received("gilles.lambert")) {
      reminders += contains(all_text(m), "Un rappel");
      if (contains(all_text(m), "Un rappel")) CHECK(contains(all_text(m), "Connaissez-vous"));  // where they stopped
    }
    hanne += static_cast<int>(bot->received("hanne.devos").size());
  }
  CHECK(reminders == 1);
  CHECK(hanne == 0);  // finished: no reminder, no second invitation
  CHECK(bot->db->query_int("SELECT COUNT(*) FROM survey_invitations") == 6);
}

TEST_CASE("results: response rates, means and yes shares, nothing for groups under the minimum size") {
  relais::testing::TempDir dir;
  auto bot = pulse_bot(dir);
  const int values[] = {10, 8, 7, 9, 6};
  for (int i = 0; i < 5; ++i) {
    answer(*bot, finance[i], "value", values[i]);
    answer(*bot, finance[i], "knows", i < 4 ? 1 : 0);
  }
  answer(*bot, finance[0], "wish", nullptr, "Teams meetings");
  Problems problems;
  const auto list = surveys::load_surveys(dir / "knowledge/surveys", {}, problems);
  auto report = surveys::survey_report(*bot->db, list, 5, false);
  REQUIRE(report.size() == 1);
  const auto& all = report[0].groups[0];
  CHECK(all.group == "all");
  CHECK(all.invited == 6);
  CHECK(all.responded == 5);
  CHECK(all.completed == 1);
  CHECK_FALSE(all.suppressed);
  REQUIRE(all.questions.size() == 3);
  CHECK(*all.questions[0].mean == doctest::Approx(8.0));
  CHECK(all.questions[0].distribution.at(10) == 1);
  CHECK(*all.questions[1].mean == doctest::Approx(0.8));  // 80% know the ambassadors
  CHECK(all.questions[2].answers == 1);
  CHECK(all.questions[2].texts.empty());  // free text only when asked for
  CHECK(report[0].groups[1].group == "Finance");

  CHECK(surveys::survey_report(*bot->db, list, 6, true)[0].groups[0].suppressed);  // 5 respondents < 6
  CHECK(surveys::survey_report(*bot->db, list, 5, true)[0].groups[0].questions[2].texts ==
        std::vector<std::string>{"Teams meetings"});
  const auto table = surveys::survey_table(report);
  CHECK(contains(table, "invited 6, responded 5 (83%), completed 1"));
  CHECK(contains(table, "value: 5 answers, mean 8.00"));
  CHECK(contains(table, "knows: 5 answers, yes 80%"));
  CHECK(contains(surveys::survey_csv(report), "pulse@2026-11-23,all,6,5,1,knows,5,,80%"));
}
