// Knowledge grows: answers become FAQ entries and helpful questions become phrasings, after review.
#include <doctest/doctest.h>

#include "bot/core/files.hpp"
#include "skills/faq/faq_drafts.hpp"
#include "support/test_bot.hpp"
#include "support/text.hpp"

using namespace relais;
using relais::testing::contains;
using relais::testing::has_button;
using relais::testing::TempDir;
using relais::testing::TestBot;

namespace {
constexpr const char* asker = "fatima.elamrani";
constexpr const char* ambassador = "amelie.dubois";
constexpr const char* lead = "david.janssens";
constexpr const char* question = "Comment obtenir une place de parking pour un visiteur ?";

/// A config reading the knowledge in `dir`.
config::Config knowledge_in(const TempDir& dir, const std::string& learn = "review") {
  auto c = TestBot::default_config();
  c.knowledge.path = (dir / "knowledge").string();
  c.faq.learn_phrasings = learn;
  return c;
}

/// Bundled knowledge copied where the test may write.
config::Config private_knowledge(const TempDir& dir, const std::string& learn = "review") {
  std::filesystem::copy(relais::testing::source_dir() / "knowledge", dir / "knowledge",
                        std::filesystem::copy_options::recursive);
  return knowledge_in(dir, learn);
}

/// A question routed, claimed, answered and resolved by the ambassador.
std::int64_t resolved_question(TestBot& bot) {
  bot.say(asker, question);
  const auto id = bot.last_question_id();
  bot.press(ambassador, "claim", {{"question", id}});
  bot.press(ambassador, "answer", {{"question", id}}, "Envoyez la plaque au secrétariat la veille.");
  bot.received(ambassador);
  bot.press(ambassador, "resolve", {{"question", id}});
  return id;
}
}  // namespace

TEST_CASE("an ambassador saves a resolved answer as a draft; a lead approves it into the FAQ") {
  TempDir dir;
  TestBot bot(private_knowledge(dir));
  const auto id = resolved_question(bot);
  const auto after_resolve = bot.received(ambassador);
  const auto done = std::find_if(after_resolve.begin(), after_resolve.end(), [](auto& m) { return has_button(m, "faq_draft"); });
  REQUIRE(done != after_resolve.end());

  bot.press(ambassador, "faq_draft", {{"question", id}});
  CHECK(contains(bot.received(ambassador).at(0).text, "Brouillon n°1 enregistré"));
  const auto to_lead = bot.received(lead);
  REQUIRE(to_lead.size() == 1);
  CHECK(to_lead[0].card->title == question);
  CHECK(to_lead[0].card->body == "Envoyez la plaque au secrétariat la veille.");
  CHECK(has_button(to_lead[0], "draft_approve"));

  SUBCASE("only a community lead may approve") {
    bot.press(ambassador, "draft_approve", {{"draft", 1}});
    CHECK(contains(bot.received(ambassador).at(0).text, "Seuls les responsables"));
    CHECK(faq::DraftStore(*bot.db).pending().size() == 1);
  }
  SUBCASE("approved: the entry is written, the author thanked, and the FAQ answers it") {
    bot.press(lead, "draft_approve", {{"draft", 1}});
    const auto file = dir / "knowledge/faq/comment-obtenir-une-place-de-parking-pour-un-visiteur.md";
    REQUIRE(std::filesystem::exists(file));
    CHECK(contains(*read_file(file), "Envoyez la plaque au secrétariat la veille."));
    const auto lead_inbox = bot.received(lead);
    CHECK(std::any_of(lead_inbox.begin(), lead_inbox.end(), [](auto& m) { return m.card && contains(m.card->status, "Goedgekeurd door David Janssens"); }));
    CHECK(contains(bot.received(ambassador).back().text, "approuvé par David Janssens"));
    CHECK(faq::DraftStore(*bot.db).pending().empty());

    TestBot reloaded(knowledge_in(dir));  // a fresh index over the same files, as after a reload
    reloaded.say("gilles.lambert", "obtenir une place de parking pour un visiteur");
    CHECK(reloaded.question(reloaded.last_question_id()).faq_entry == "comment-obtenir-une-place-de-parking-pour-un-visiteur");
  }
  SUBCASE("rejected: nothing is written and the author is told") {
    bot.say(lead, "reject 1");
    CHECK(std::filesystem::directory_iterator(dir / "knowledge/faq") != std::filesystem::directory_iterator());
    CHECK_FALSE(std::filesystem::exists(dir / "knowledge/faq/comment-obtenir-une-place-de-parking-pour-un-visiteur.md"));
    CHECK(contains(bot.received(ambassador).back().text, "n'a pas été ajouté"));
    bot.press(lead, "draft_approve", {{"draft", 1}});
    CHECK(contains(bot.received(lead).back().text, "werd al nagekeken"));
  }
}

TEST_CASE("a draft needs an ambassador's answer and is saved once") {
  TempDir dir;
  TestBot bot(private_knowledge(dir));
  bot.say(asker, question);
  const auto id = bot.last_question_id();
  bot.press(ambassador, "claim", {{"question", id}});
  bot.received(ambassador);
  bot.say(ambassador, "draft " + std::to_string(id));
  CHECK(contains(bot.received(ambassador).at(0).text, "pas encore de réponse"));
  bot.press(ambassador, "answer", {{"question", id}}, "Au secrétariat.");
  bot.say(ambassador, "draft " + std::to_string(id));
  bot.say(ambassador, "draft " + std::to_string(id));
  CHECK(contains(bot.received(ambassador).back().text, "déjà enregistrée"));
  bot.say("tom.baker", "draft " + std::to_string(id));
  CHECK(contains(bot.received("tom.baker").at(0).text, "Only the ambassador"));
}

TEST_CASE("a question an entry answered helpfully becomes a phrasing of it after review") {
  TempDir dir;
  TestBot bot(private_knowledge(dir));
  bot.say("tom.baker", "how can I show my presentation to everyone in a Teams call");
  const auto id = bot.last_question_id();
  REQUIRE(bot.question(id).faq_entry == "teams-share-screen");
  bot.press("tom.baker", "helpful", {{"question", id}});
  const auto pending = faq::DraftStore(*bot.db).pending();
  REQUIRE(pending.size() == 1);
  CHECK(pending[0].kind == "phrasing");
  CHECK(pending[0].entry_id == "teams-share-screen");

  bot.say(lead, "drafts");
  CHECK(contains(bot.received(lead).at(0).text, "nieuwe formulering voor teams-share-screen"));
  bot.say(lead, "approve " + std::to_string(pending[0].id));
  const auto text = *read_file(dir / "knowledge/faq/teams-share-screen.md");
  CHECK(contains(text, "? how can I show my presentation to everyone in a Teams call"));
  Problems problems;
  faq::load_entries(dir / "knowledge/faq", problems);
  CHECK(problems.empty());

  SUBCASE("a wording the entry already has is not proposed again") {
    bot.say("tom.baker", "How do I share my screen in a Teams meeting?");
    bot.press("tom.baker", "helpful", {{"question", bot.last_question_id()}});
    CHECK(faq::DraftStore(*bot.db).pending().empty());
  }
}

TEST_CASE("with learning set to auto a helpful phrasing is added at once, and with off never") {
  SUBCASE("auto") {
    TempDir dir;
    TestBot bot(private_knowledge(dir, "auto"));
    bot.say("tom.baker", "how can I show my presentation to everyone in a Teams call");
    bot.press("tom.baker", "helpful", {{"question", bot.last_question_id()}});
    CHECK(contains(*read_file(dir / "knowledge/faq/teams-share-screen.md"), "? how can I show my presentation"));
    CHECK(faq::DraftStore(*bot.db).pending().empty());
  }
  SUBCASE("off") {
    TempDir dir;
    TestBot bot(private_knowledge(dir, "off"));
    bot.say("tom.baker", "how can I show my presentation to everyone in a Teams call");
    bot.press("tom.baker", "helpful", {{"question", bot.last_question_id()}});
    CHECK(bot.db->query_int("SELECT COUNT(*) FROM faq_drafts") == 0);
  }
}

TEST_CASE("draft ids become readable, ASCII file names") {
  CHECK(faq::slug_for("Comment partager l'écran ?") == "comment-partager-l-ecran");
  CHECK(faq::slug_for("???") == "entry");
  CHECK(faq::slug_for(std::string(200, 'a') + " b").size() <= 200);
}
