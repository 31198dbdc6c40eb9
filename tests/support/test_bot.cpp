#include "support/test_bot.hpp"

#include <doctest/doctest.h>

#include <set>

#include "bot/identity/directory_csv.hpp"
#include "skills/onboarding/onboarding_path.hpp"
#include "skills/surveys/survey.hpp"
#include "skills/routing/circles.hpp"
#include "bot/storage/migrations.hpp"
#include "skills/faq/faq_entry.hpp"
#include "skills/faq/faq_index.hpp"

namespace relais::testing {

config::Config TestBot::default_config() {
  config::Config c;
  c.knowledge.path = (source_dir() / "knowledge").string();
  c.directory.path = (source_dir() / "config/directory.example.csv").string();
  c.directory.circles_path = (source_dir() / "config/circles.example.csv").string();
  return c;
}

TestBot::TestBot(config::Config config) : config_(std::move(config)) { build(); }

void TestBot::restart() {
  router.reset();
  registry.reset();
  identity.reset();
  stores.reset();
  timers.reset();
  outbox.reset();
  questions.reset();
  people.reset();
  db.reset();
  build();
}

void TestBot::build() {
  Problems problems;
  messages = core::MessageCatalog::load(std::filesystem::path(config_.knowledge.path) / "messages", problems);
  auto entries = faq::load_entries(std::filesystem::path(config_.knowledge.path) / "faq", problems);
  auto lexicon = faq::load_lexicon(config_.knowledge.path, problems);
  core::WorkingHours calendar;
  core::load_holidays(std::filesystem::path(config_.knowledge.path) / "holidays.txt", calendar, problems);
  const auto directory = identity::load_directory(config_.directory.path, problems);
  std::set<std::string> known;
  for (const auto& p : directory.people) known.insert(p.circle);
  const auto circles = routing::load_circles(config_.directory.circles_path, known, problems);
  auto path = onboarding::load_path(std::filesystem::path(config_.knowledge.path) / "onboarding", known, problems);
  auto survey_list = surveys::load_surveys(std::filesystem::path(config_.knowledge.path) / "surveys", known, problems);
  for (const auto& p : problems) FAIL(p.where << ": " << p.what);

  db = std::make_unique<storage::Database>(dir / "relais.db", storage::Durability::normal);
  people = std::make_unique<storage::PeopleStore>(*db);
  questions = std::make_unique<storage::QuestionStore>(*db);
  outbox = std::make_unique<storage::OutboxStore>(*db);
  timers = std::make_unique<storage::TimerStore>(*db);
  stores = std::make_unique<core::Stores>(core::Stores{*db, *people, *questions, *outbox, *timers});
  identity = std::make_unique<identity::Identity>(*people);
  registry = std::make_unique<skills::Registry>(
      config_, std::make_shared<faq::FaqIndex>(std::move(entries), std::move(lexicon)), std::move(calendar), circles,
      std::make_shared<const std::vector<onboarding::Module>>(std::move(path)),
      std::make_shared<const std::vector<surveys::Survey>>(std::move(survey_list)));
  storage::migrate(*db, storage::core_migrations());
  storage::migrate(*db, registry->migrations());
  for (const auto& p : directory.people) people->upsert(p, clock.now());
  router = std::make_unique<core::Router>(*stores, *identity, messages, clock, metrics, registry->skills());
}

TestBot::~TestBot() = default;

void TestBot::use_skills(std::vector<core::Skill*> skills) {
  router = std::make_unique<core::Router>(*stores, *identity, messages, clock, metrics, std::move(skills));
}

core::Outcome TestBot::say(const std::string& person, const std::string& text, std::string message_id) {
  core::InboundEvent e;
  e.transport = "webchat";
  e.message_id = message_id.empty() ? person + "/m" + std::to_string(++sequence_) : message_id;
  e.sender_address = person;
  e.conversation = person;
  e.text = text;
  e.received_at = clock.now();
  return router->handle(e);
}

core::Outcome TestBot::press(const std::string& person, const std::string& action, nlohmann::json args,
                             const std::string& text) {
  core::InboundEvent e;
  e.transport = "webchat";
  e.message_id = person + "/b" + std::to_string(++sequence_);
  e.sender_address = person;
  e.conversation = person;
  e.action = action;
  e.args = std::move(args);
  e.text = text;
  e.received_at = clock.now();
  return router->handle(e);
}

std::vector<core::OutboundMessage> TestBot::received(const std::string& person) {
  std::vector<core::OutboundMessage> out;
  for (const auto& row : outbox->due(clock.now() + std::chrono::hours(24 * 365), 10000)) {
    if (row.recipient_id != person) continue;
    out.push_back(outbox->get(row.id)->payload.get<core::OutboundMessage>());
    outbox->mark_delivered(row.id, person, clock.now());
  }
  return out;
}

int TestBot::advance(std::chrono::minutes minutes) {
  clock.advance(minutes);
  int fired = 0;
  for (const auto& t : timers->due(clock.now(), 1000)) {
    router->fire(t);
    ++fired;
  }
  return fired;
}

std::int64_t TestBot::last_question_id() { return db->query_int("SELECT MAX(id) FROM questions").value_or(0); }

storage::Question TestBot::question(std::int64_t id) {
  auto q = questions->get(id);
  REQUIRE(q.has_value());
  return *q;
}

std::vector<storage::QuestionEventRow> TestBot::history(std::int64_t id) { return questions->history(id); }

std::string all_text(const core::OutboundMessage& m) {
  std::string s = m.text;
  if (m.card) {
    s += "\n" + m.card->title + "\n" + m.card->body + "\n" + m.card->status;
    for (const auto& [k, v] : m.card->facts) s += "\n" + k + ": " + v;
  }
  for (const auto& b : m.buttons) s += "\n[" + b.label + "]";
  return s;
}

bool has_button(const core::OutboundMessage& m, const std::string& action) {
  for (const auto& b : m.buttons)
    if (b.action == action) return true;
  return false;
}

}  // namespace relais::testing
