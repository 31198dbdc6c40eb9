#include <doctest/doctest.h>

#include "bot/storage/migrations.hpp"
#include "bot/storage/outbox_store.hpp"
#include "bot/storage/people_store.hpp"
#include "bot/storage/question_store.hpp"
#include "bot/storage/timer_store.hpp"
#include "support/manual_clock.hpp"
#include "support/temp_dir.hpp"

using namespace relais;
using relais::testing::ManualClock;
using relais::testing::TempDir;

namespace {

struct Fixture {
  TempDir dir;
  ManualClock clock;
  storage::Database db{dir / "relais.db", storage::Durability::normal};
  storage::PeopleStore people{db};
  storage::QuestionStore questions{db};
  Fixture() {
    storage::migrate(db, storage::core_migrations());
    for (const char* id : {"ann", "bob", "cyd"}) {
      core::Person p;
      p.id = id;
      p.name = id;
      p.language = "en";
      p.circle = "Ops";
      p.roles = {core::Role::employee};
      people.upsert(p, clock.now());
    }
  }
};

}  // namespace

TEST_CASE("a fresh database is migrated once, in WAL mode, and a second run changes nothing") {
  TempDir dir;
  {
    storage::Database db(dir / "relais.db", storage::Durability::full);
    CHECK(storage::migrate(db, storage::core_migrations()) == static_cast<int>(storage::core_migrations().size()));
    CHECK(storage::migrate(db, storage::core_migrations()) == 0);
    for (const char* table : {"people", "circles", "person_roles", "ambassador_topics", "conversations", "questions",
                              "question_events", "question_offers", "outbox", "inbound_keys", "timers"}) {
      CAPTURE(table);
      CHECK(db.query_int("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", table).has_value());
    }
  }
  storage::Database again(dir / "relais.db", storage::Durability::normal);
  CHECK(storage::migrate(again, storage::core_migrations()) == 0);
  auto& st = again.prepare("PRAGMA journal_mode");
  st.bind();
  REQUIRE(st.step());
  CHECK(st.text(0) == "wal");
}

TEST_CASE("a skill's migrations run after core's, each owner numbered on its own") {
  TempDir dir;
  storage::Database db(dir / "relais.db", storage::Durability::normal);
  storage::migrate(db, storage::core_migrations());
  const storage::Migration mine[] = {{"demo", 1, "CREATE TABLE demo_notes (id INTEGER PRIMARY KEY)"},
                                     {"demo", 2, "ALTER TABLE demo_notes ADD COLUMN body TEXT"}};
  CHECK(storage::migrate(db, mine) == 2);
  CHECK(storage::migrate(db, mine) == 0);
  db.run("INSERT INTO demo_notes(body) VALUES ('x')");
}

TEST_CASE("a failing migration leaves the schema as it was") {
  TempDir dir;
  storage::Database db(dir / "relais.db", storage::Durability::normal);
  const storage::Migration broken[] = {{"demo", 1, "CREATE TABLE a (x); CREATE TABLE oops ("}};
  CHECK_THROWS_AS(storage::migrate(db, broken), storage::StorageError);
  CHECK_FALSE(db.query_int("SELECT 1 FROM sqlite_master WHERE name = 'a'").has_value());
}

TEST_CASE("people round-trip with their roles, topics and circle") {
  Fixture f;
  core::Person p;
  p.id = "amb";
  p.name = "Amélie";
  p.language = "fr";
  p.circle = "Finance";
  p.roles = {core::Role::employee, core::Role::ambassador};
  p.topics = {"excel", "teams"};
  f.people.upsert(p, f.clock.now());
  const auto back = f.people.find("amb");
  REQUIRE(back);
  CHECK(back->name == "Amélie");
  CHECK(back->has(core::Role::ambassador));
  CHECK(back->topics == std::vector<std::string>{"excel", "teams"});
  CHECK(f.people.with_role(core::Role::ambassador).size() == 1);
  CHECK_FALSE(f.people.find("nobody"));
}

TEST_CASE("everyone with a role is read as find reads them: directory roles and topics, chat grants, not leavers") {
  Fixture f;
  auto person = [&](const std::string& id, std::vector<core::Role> roles, std::vector<std::string> topics) {
    core::Person p;
    p.id = id;
    p.name = id;
    p.language = "en";
    p.roles = std::move(roles);
    p.topics = std::move(topics);
    f.people.upsert(p, f.clock.now());
  };
  person("ann", {core::Role::employee, core::Role::ambassador, core::Role::community_lead}, {"excel", "teams"});
  person("bob", {core::Role::employee}, {});
  person("cat", {core::Role::employee, core::Role::ambassador}, {"outlook"});
  person("dan", {core::Role::employee, core::Role::ambassador}, {"word"});
  f.people.grant_ambassador("bob", {"planner"}, {"nl"}, "ann", f.clock.now());  // granted in chat
  f.people.grant_ambassador("cat", {"forms"}, {}, "ann", f.clock.now());
  f.people.deactivate("dan", f.clock.now());  // a leaver
  const auto ambassadors = f.people.with_role(core::Role::ambassador);
  std::vector<std::string> ids;
  for (const auto& a : ambassadors) {
    ids.push_back(a.id);
    const auto one = f.people.find(a.id);
    REQUIRE(one);
    CHECK(a.roles == one->roles);
    CHECK(a.topics == one->topics);
    CHECK(a.languages == one->languages);
  }
  CHECK(ids == std::vector<std::string>{"ann", "bob", "cat"});
  CHECK(ambassadors[1].topics == std::vector<std::string>{"planner"});
  CHECK(ambassadors[2].topics == std::vector<std::string>{"outlook", "forms"});
  CHECK(f.people.with_role(core::Role::community_lead).size() == 1);
}

TEST_CASE("each transition is recorded in the question's history with who and when") {
  Fixture f;
  auto q = f.questions.create("ann", "How?", "en", "webchat:ann/1", f.clock.now());
  CHECK(q.state == core::QuestionState::asked);
  REQUIRE(f.questions.transition(q.id, core::QuestionEvent::route, "ann", f.clock.now()));
  f.clock.advance(std::chrono::minutes(3));
  const auto claimed = f.questions.transition(q.id, core::QuestionEvent::claim, "bob", f.clock.now());
  REQUIRE(claimed);
  CHECK(claimed->claimant_id == "bob");
  const auto history = f.questions.history(q.id);
  REQUIRE(history.size() == 3);
  CHECK(history[0].event == "ask");
  CHECK(history[1].event == "route");
  CHECK(history[2].event == "claim");
  CHECK(history[2].actor_id == "bob");
  CHECK(history[2].from_state == "routed");
  CHECK(history[2].to_state == "claimed");
  CHECK(history[2].at == f.clock.now());
}

TEST_CASE("an illegal transition is refused and changes nothing") {
  Fixture f;
  auto q = f.questions.create("ann", "How?", "en", "k1", f.clock.now());
  const auto r = f.questions.transition(q.id, core::QuestionEvent::resolve, "bob", f.clock.now());
  CHECK_FALSE(r);
  CHECK(r.error() == storage::refusal_not_allowed);
  CHECK(f.questions.get(q.id)->state == core::QuestionState::asked);
  CHECK(f.questions.history(q.id).size() == 1);
  CHECK(f.questions.transition(999, core::QuestionEvent::claim, "bob", f.clock.now()).error() ==
        storage::refusal_not_found);
}

TEST_CASE("the second of two claims is refused and the first claimant keeps the question") {
  Fixture f;
  auto q = f.questions.create("ann", "How?", "en", "k1", f.clock.now());
  f.questions.transition(q.id, core::QuestionEvent::route, "ann", f.clock.now());
  CHECK(f.questions.transition(q.id, core::QuestionEvent::claim, "bob", f.clock.now()));
  CHECK_FALSE(f.questions.transition(q.id, core::QuestionEvent::claim, "cyd", f.clock.now()));
  CHECK(f.questions.get(q.id)->claimant_id == "bob");
}

TEST_CASE("release clears the claimant; reopen keeps it") {
  Fixture f;
  auto q = f.questions.create("ann", "How?", "en", "k1", f.clock.now());
  f.questions.transition(q.id, core::QuestionEvent::route, "ann", f.clock.now());
  f.questions.transition(q.id, core::QuestionEvent::claim, "bob", f.clock.now());
  CHECK(f.questions.transition(q.id, core::QuestionEvent::release, "bob", f.clock.now())->claimant_id.empty());
  f.questions.transition(q.id, core::QuestionEvent::claim, "cyd", f.clock.now());
  f.questions.transition(q.id, core::QuestionEvent::resolve, "cyd", f.clock.now());
  CHECK(f.questions.transition(q.id, core::QuestionEvent::reopen, "ann", f.clock.now())->claimant_id == "cyd");
}

TEST_CASE("only questions someone holds are in the claimant index, and the queries by claimant still use it") {
  Fixture f;
  for (const char* key : {"k1", "k2"}) {  // answered by the FAQ: never a claimant
    const auto q = f.questions.create("ann", "How?", "en", key, f.clock.now());
    REQUIRE(f.questions.transition(q.id, core::QuestionEvent::answer, "", f.clock.now()));
  }
  const auto held = f.questions.create("ann", "Who?", "en", "k3", f.clock.now());
  f.questions.transition(held.id, core::QuestionEvent::route, "ann", f.clock.now());
  REQUIRE(f.questions.transition(held.id, core::QuestionEvent::claim, "bob", f.clock.now()));
  const auto released = f.questions.create("ann", "Why?", "en", "k4", f.clock.now());
  f.questions.transition(released.id, core::QuestionEvent::route, "ann", f.clock.now());
  f.questions.transition(released.id, core::QuestionEvent::claim, "cyd", f.clock.now());
  REQUIRE(f.questions.transition(released.id, core::QuestionEvent::release, "cyd", f.clock.now()));

  // One entry: bob's. (dbstat counts the cells of the index's pages.)
  CHECK(f.db.query_int("SELECT SUM(ncell) FROM dbstat WHERE name = 'questions_by_claimant' AND pagetype = 'leaf'") ==
        1);
  REQUIRE(f.questions.claimed_by("bob").size() == 1);
  CHECK(f.questions.claimed_by("bob")[0].id == held.id);
  CHECK(f.questions.open_claims("bob") == 1);
  CHECK(f.questions.open_claims("cyd") == 0);
  auto& plan = f.db.prepare("EXPLAIN QUERY PLAN SELECT COUNT(*) FROM questions WHERE claimant_id = ?1 AND state = 'claimed'");
  plan.bind("bob");
  std::string steps;
  while (plan.step()) steps += plan.text(3) + "\n";
  CHECK(steps.find("questions_by_claimant") != std::string::npos);
}

TEST_CASE("an outbox row is written once per idempotency key") {
  Fixture f;
  storage::OutboxStore outbox(f.db);
  const auto a = outbox.enqueue("cause#0", "ann", "webchat", "ann", {{"text", "hi"}}, f.clock.now());
  const auto b = outbox.enqueue("cause#0", "ann", "webchat", "ann", {{"text", "other"}}, f.clock.now());
  CHECK(a == b);
  CHECK(outbox.due(f.clock.now(), 10).size() == 1);
  CHECK(outbox.get(a)->payload["text"] == "hi");
}

TEST_CASE("outbox rows move through sent, waiting, retry and delivered") {
  Fixture f;
  storage::OutboxStore outbox(f.db);
  const auto id = outbox.enqueue("k#0", "ann", "webchat", "ann", nlohmann::json::object(), f.clock.now());
  outbox.mark_waiting(id, f.clock.now());
  CHECK(outbox.due(f.clock.now(), 10).empty());
  CHECK(outbox.resume("webchat", "ann", f.clock.now()) == 1);
  CHECK(outbox.due(f.clock.now(), 10).size() == 1);
  outbox.retry_at(id, f.clock.now() + std::chrono::seconds(30), "503", f.clock.now());
  CHECK(outbox.due(f.clock.now(), 10).empty());
  CHECK(outbox.next_due() == f.clock.now() + std::chrono::seconds(30));
  f.clock.advance(std::chrono::seconds(30));
  CHECK(outbox.due(f.clock.now(), 10).size() == 1);
  outbox.mark_sent(id, f.clock.now());
  CHECK(outbox.requeue_unconfirmed(f.clock.now()) == 1);  // a restart: unconfirmed goes out again
  outbox.mark_sent(id, f.clock.now());
  CHECK_FALSE(outbox.mark_delivered(id, "bob", f.clock.now()));  // only the recipient confirms
  CHECK(outbox.mark_delivered(id, "ann", f.clock.now()));
  CHECK_FALSE(outbox.mark_delivered(id, "ann", f.clock.now()));
  CHECK(outbox.count_by_status()["delivered"] == 1);
}

TEST_CASE("a timer fires once, survives reopening the database, and cancelled timers never fire") {
  TempDir dir;
  ManualClock clock;
  std::int64_t id = 0;
  {
    storage::Database db(dir / "relais.db", storage::Durability::normal);
    storage::migrate(db, storage::core_migrations());
    storage::TimerStore timers(db);
    id = timers.schedule("remind", "7", clock.now() + std::chrono::minutes(5), {{"n", 1}}, clock.now());
    timers.schedule("remind", "8", clock.now() + std::chrono::minutes(1), {}, clock.now());
    CHECK(timers.cancel("remind", "8", clock.now()) == 1);
  }
  storage::Database db(dir / "relais.db", storage::Durability::normal);
  storage::TimerStore timers(db);
  CHECK(timers.due(clock.now(), 10).empty());
  CHECK(timers.earliest_due() == clock.now() + std::chrono::minutes(5));
  clock.advance(std::chrono::minutes(5));
  const auto due = timers.due(clock.now(), 10);
  REQUIRE(due.size() == 1);
  CHECK(due[0].id == id);
  CHECK(due[0].payload["n"] == 1);
  CHECK(timers.mark_fired(id, "fired", clock.now()));
  CHECK_FALSE(timers.mark_fired(id, "fired", clock.now()));
  CHECK(timers.due(clock.now(), 10).empty());
}

TEST_CASE("an inbound key is accepted once") {
  Fixture f;
  storage::InboundKeyStore keys(f.db);
  CHECK(keys.accept("webchat:ann/1", f.clock.now()));
  CHECK_FALSE(keys.accept("webchat:ann/1", f.clock.now()));
  CHECK(keys.seen("webchat:ann/1"));
}

TEST_CASE("a conversation is rewritten only when its address, its age or the latest transport asks for it") {
  Fixture f;
  auto remember = [&](const std::string& transport, const std::string& address) {
    f.people.remember_conversation("ann", {transport, address}, f.clock.now());
    return f.db.changes();
  };
  CHECK(remember("teams", "chat-1") == 1);
  f.clock.advance(std::chrono::minutes(5));
  CHECK(remember("teams", "chat-1") == 0);  // the same chat again: nothing to write
  CHECK(remember("teams", "chat-2") == 1);  // a new address is kept at once
  CHECK(f.people.conversation_on("ann", "teams")->address == "chat-2");

  f.clock.advance(std::chrono::minutes(5));
  CHECK(remember("matrix", "!room") == 1);
  CHECK(f.people.latest_conversation("ann")->transport == "matrix");
  f.clock.advance(std::chrono::minutes(5));
  CHECK(remember("teams", "chat-2") == 1);  // unchanged, but Teams becomes the latest again
  CHECK(f.people.latest_conversation("ann")->transport == "teams");

  f.clock.advance(std::chrono::minutes(59));
  CHECK(remember("teams", "chat-2") == 0);
  f.clock.advance(std::chrono::minutes(2));
  CHECK(remember("teams", "chat-2") == 1);  // over an hour old: refreshed
}
