// Starter onboarding through the real router, skills and SQLite file, with a manual clock:
// Monday 2026-11-23 10:00 in Brussels. Inès (Finance, French) starts today; Noah (Operations,
// English) next Monday.
#include <doctest/doctest.h>

#include "bot/identity/directory_csv.hpp"
#include "bot/identity/directory_sync.hpp"
#include "skills/onboarding/onboarding_store.hpp"
#include "support/test_bot.hpp"
#include "support/text.hpp"

using namespace relais;
using relais::testing::all_text;
using relais::testing::contains;
using relais::testing::has_button;
using relais::testing::TestBot;
using std::chrono::hours;
using std::chrono::minutes;

namespace {
constexpr const char* ines = "ines.moreau";
constexpr const char* noah = "noah.smith";

/// The directory changed (as at start): the sweep runs, then whatever it planned for now.
void sweep(TestBot& bot) {
  bot.router->refresh();
  bot.advance(minutes(0));
  bot.advance(minutes(0));
}

std::vector<core::OutboundMessage> cards(const std::vector<core::OutboundMessage>& inbox) {
  std::vector<core::OutboundMessage> out;
  for (const auto& m : inbox)
    if (m.card && m.card->key.starts_with("onboarding:")) out.push_back(m);
  return out;
}

std::string module_of(const core::OutboundMessage& card) { return card.card->key.substr(std::string("onboarding:").size()); }

int sent_count(TestBot& bot, const std::string& person) {
  return static_cast<int>(bot.db->query_int("SELECT COUNT(*) FROM onboarding_modules WHERE person_id = ?1 AND sent_at IS NOT NULL", person).value_or(-1));
}
}  // namespace

TEST_CASE("a starter is welcomed on their first day, meets their ambassador and gets the first module") {
  TestBot bot;
  sweep(bot);
  const auto inbox = bot.received(ines);
  REQUIRE(inbox.size() == 2);
  CHECK(contains(all_text(inbox[0]), "Bienvenue, Inès Moreau"));
  CHECK(contains(all_text(inbox[0]), "**Amélie Dubois**"));  // Finance's ambassador
  CHECK(contains(all_text(inbox[0]), "5 courts modules"));   // four for everyone, one for Finance
  CHECK(inbox[0].mentions == std::vector<std::string>{"amelie.dubois"});
  const auto first = cards(inbox);
  REQUIRE(first.size() == 1);
  CHECK(module_of(first[0]) == "digital-workplace-tour");
  CHECK(first[0].card->title == "Visite guidée de votre poste de travail numérique");
  CHECK(contains(first[0].card->body, "https://learn.lumen.example/onboarding/digital-workplace-tour"));
  CHECK(has_button(first[0], "onboarding_done"));
  CHECK(has_button(first[0], "onboarding_later"));

  const auto told = bot.received("amelie.dubois");
  REQUIRE(told.size() == 1);
  CHECK(contains(all_text(told[0]), "Inès Moreau rejoint Finance"));
  CHECK(bot.received(noah).empty());  // next Monday
}

TEST_CASE("modules arrive on their working days; Done, Remind me later and reminders") {
  TestBot bot;
  sweep(bot);
  bot.received(ines);
  REQUIRE(bot.press(ines, "onboarding_done", {{"module", "digital-workplace-tour"}}) == core::Outcome::accepted);
  auto inbox = bot.received(ines);
  REQUIRE(inbox.size() == 1);
  CHECK(contains(all_text(inbox[0]), "(1 sur 5)"));
  CHECK(inbox[0].card->status == "Terminé ✓");  // the card changes in place where it can
  CHECK(inbox[0].buttons.empty());

  bot.advance(hours(23) + minutes(29));  // Tuesday 09:29
  CHECK(cards(bot.received(ines)).empty());
  bot.advance(minutes(1));  // 09:30 local
  inbox = cards(bot.received(ines));
  REQUIRE(inbox.size() == 1);
  CHECK(module_of(inbox[0]) == "teams-basics");

  REQUIRE(bot.press(ines, "onboarding_later", {{"module", "teams-basics"}}) == core::Outcome::accepted);
  CHECK(contains(all_text(bot.received(ines)[0]), "le 2026-11-25"));
  bot.advance(hours(24));  // Wednesday 09:30: the reminder asked for, and the day's module
  inbox = cards(bot.received(ines));
  REQUIRE(inbox.size() == 2);
  const auto& recalled = module_of(inbox[0]) == "teams-basics" ? inbox[0] : inbox[1];
  const auto& fresh = module_of(inbox[0]) == "teams-basics" ? inbox[1] : inbox[0];
  CHECK(contains(all_text(recalled), "Un rappel"));
  CHECK(module_of(fresh) == "files-onedrive-sharepoint");
  CHECK_FALSE(contains(all_text(fresh), "Un rappel"));

  // Nothing more is done: each module is recalled at most twice, three working days apart.
  int reminders = 0;
  for (int day = 0; day < 20; ++day) {
    bot.advance(hours(24));
    for (const auto& m : bot.received(ines)) reminders += contains(all_text(m), "Un rappel");
  }
  CHECK(reminders == 2 * 4);  // teams-basics, files, security, finance-excel: twice each
  CHECK(sent_count(bot, ines) == 5);
}

TEST_CASE("finishing the path is celebrated; the learning platform can mark modules done") {
  TestBot bot;
  sweep(bot);
  bot.received(ines);
  for (const auto* m : {"digital-workplace-tour", "teams-basics", "files-onedrive-sharepoint", "security-essentials"})
    REQUIRE(bot.press(ines, "onboarding_done", {{"module", m}}) == core::Outcome::accepted);
  bot.received(ines);
  core::InboundEvent lms;
  lms.transport = "api";
  lms.message_id = "lms:ines.moreau:finance-excel-reporting";
  lms.sender_address = ines;
  lms.personal = false;
  lms.action = "onboarding_done";
  lms.args = {{"module", "finance-excel-reporting"}, {"via", "lms"}};
  REQUIRE(bot.router->handle(lms) == core::Outcome::accepted);
  const auto inbox = bot.received(ines);
  REQUIRE(inbox.size() == 2);
  CHECK(contains(all_text(inbox[1]), "Félicitations, Inès Moreau"));
  CHECK(bot.router->handle(lms) == core::Outcome::duplicate);
  const auto starter = onboarding::OnboardingStore(*bot.db).starter(ines);
  REQUIRE(starter);
  CHECK(starter->completed_at);
  CHECK(onboarding::OnboardingStore(*bot.db).module(ines, "finance-excel-reporting")->done_via == "lms");

  // A module never sent is still waiting: its own timer, when it fires, sends nothing.
  bot.advance(hours(24 * 10));
  CHECK(cards(bot.received(ines)).empty());
  REQUIRE(bot.press(ines, "onboarding_done", {{"module", "teams-basics"}}) == core::Outcome::accepted);
  CHECK(contains(all_text(bot.received(ines)[0]), "déjà marqué"));
}

TEST_CASE("nothing is sent twice across restarts and re-imports; a leaver gets nothing more") {
  TestBot bot;
  sweep(bot);
  CHECK(bot.received(ines).size() == 2);
  bot.restart();
  sweep(bot);
  Problems problems;
  auto directory = identity::load_directory(relais::testing::source_dir() / "config/directory.example.csv", problems);
  {
    storage::Transaction tx(*bot.db);
    CHECK_FALSE(identity::sync_directory(*bot.people, directory, true, bot.clock.now()).any_change());
    tx.commit();
  }
  sweep(bot);
  CHECK(bot.received(ines).empty());
  CHECK(bot.db->query_int("SELECT COUNT(*) FROM onboarding_modules WHERE person_id = 'ines.moreau'") == 5);

  std::erase_if(directory.people, [](const core::Person& p) { return p.id == noah; });
  {
    storage::Transaction tx(*bot.db);
    const auto summary = identity::sync_directory(*bot.people, directory, true, bot.clock.now());
    CHECK(summary.left == std::vector<std::string>{noah});
    tx.commit();
  }
  bot.advance(hours(24 * 8));
  CHECK(bot.received(noah).empty());
}

TEST_CASE("a starter who arrives in Teams or Matrix before their start date is welcomed at once, once") {
  TestBot bot;
  REQUIRE(bot.press(noah, "welcome", nlohmann::json::object()) == core::Outcome::accepted);
  auto inbox = bot.received(noah);
  REQUIRE(inbox.size() == 1);
  CHECK(contains(all_text(inbox[0]), "Welcome, Noah Smith"));
  CHECK(contains(all_text(inbox[0]), "**Bart Peeters**"));
  sweep(bot);
  bot.advance(hours(24 * 7));  // Monday 30th: the first module, not a second welcome
  inbox = bot.received(noah);
  REQUIRE(inbox.size() == 1);
  CHECK(module_of(inbox[0]) == "digital-workplace-tour");
  REQUIRE(bot.press(noah, "welcome", nlohmann::json::object()) == core::Outcome::accepted);
  CHECK(contains(all_text(bot.received(noah)[0]), "Your onboarding path"));  // added again: where they stand

  // Someone who is not a starter is greeted by the help skill as before.
  REQUIRE(bot.press("tom.baker", "welcome", nlohmann::json::object()) == core::Outcome::accepted);
  CHECK(contains(all_text(bot.received("tom.baker")[0]), "Hi Tom Baker"));
}
