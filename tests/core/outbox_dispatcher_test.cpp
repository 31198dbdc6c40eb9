#include <doctest/doctest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <deque>

#include "bot/core/outbox.hpp"
#include "bot/storage/wal_syncer.hpp"
#include "bot/storage/migrations.hpp"
#include "support/manual_clock.hpp"
#include "support/temp_dir.hpp"

using namespace relais;
using relais::testing::ManualClock;
using relais::testing::TempDir;

namespace {

/// A transport that answers from a script, recording what it was given.
class ScriptedTransport final : public core::TransportSender {
 public:
  std::deque<core::Delivery> script;
  std::vector<std::int64_t> attempts;
  void deliver(const storage::OutboxRow& row, std::function<void(core::Delivery)> done) override {
    attempts.push_back(row.id);
    core::Delivery d;
    if (!script.empty()) {
      d = script.front();
      script.pop_front();
    }
    done(d);
  }
};

struct Fixture {
  TempDir dir;
  ManualClock clock;
  storage::Database db;
  storage::OutboxStore store{db};
  boost::asio::io_context io;
  core::Metrics metrics;
  ScriptedTransport transport;
  core::OutboxPolicy policy{3, std::chrono::milliseconds(1000), std::chrono::milliseconds(60000)};
  core::OutboxDispatcher dispatcher{io, store, clock, policy, metrics};
  explicit Fixture(storage::Durability durability = storage::Durability::normal) : db(dir / "relais.db", durability) {
    storage::migrate(db, storage::core_migrations());
    dispatcher.add_transport("test", transport);
  }
  std::int64_t enqueue(const std::string& key, const std::string& to = "ann") {
    return store.enqueue(key, to, "test", to, {{"text", key}}, clock.now());
  }
};

}  // namespace

TEST_CASE("backoff doubles from the initial wait, is capped, and jitters within 20 percent") {
  const core::OutboxPolicy p{10, std::chrono::milliseconds(500), std::chrono::milliseconds(8000)};
  for (unsigned seed : {0u, 7u, 12345u}) {
    CHECK(core::backoff(p, 0, seed).count() >= 400);
    CHECK(core::backoff(p, 0, seed).count() <= 600);
    CHECK(core::backoff(p, 2, seed).count() >= 1600);
    CHECK(core::backoff(p, 2, seed).count() <= 2400);
    CHECK(core::backoff(p, 20, seed).count() <= 9600);
    CHECK(core::backoff(p, 20, seed).count() >= 6400);
  }
}

TEST_CASE("a delivered row is not attempted again") {
  Fixture f;
  f.enqueue("a#0");
  CHECK(f.dispatcher.run_once() == 1);
  CHECK(f.dispatcher.run_once() == 0);
  CHECK(f.store.count_by_status()["delivered"] == 1);
}

TEST_CASE("a transient failure is retried after the backoff, honouring Retry-After") {
  Fixture f;
  const auto id = f.enqueue("a#0");
  f.transport.script = {{core::Delivery::Status::retry, "503", std::chrono::milliseconds(5000)}};
  f.dispatcher.run_once();
  CHECK(f.store.count_by_status()["pending"] == 1);
  f.clock.advance(std::chrono::milliseconds(4999));
  CHECK(f.dispatcher.run_once() == 0);
  f.clock.advance(std::chrono::milliseconds(1));
  CHECK(f.dispatcher.run_once() == 1);
  CHECK(f.transport.attempts == std::vector<std::int64_t>{id, id});
  CHECK(f.store.count_by_status()["delivered"] == 1);
}

TEST_CASE("after the configured attempts a row is marked failed, and a rejection fails at once") {
  Fixture f;
  f.enqueue("a#0");
  f.enqueue("b#0", "bob");
  f.transport.script = {{core::Delivery::Status::retry, "timeout", {}},
                        {core::Delivery::Status::rejected, "400 bad request", {}}};
  f.dispatcher.run_once();
  CHECK(f.store.count_by_status()["failed"] == 1);  // bob's, rejected
  for (int i = 0; i < 2; ++i) {
    f.transport.script = {{core::Delivery::Status::retry, "timeout", {}}};
    f.clock.advance(std::chrono::minutes(2));
    f.dispatcher.run_once();
  }
  CHECK(f.store.count_by_status()["failed"] == 2);
}

TEST_CASE("an unreachable recipient's messages wait, in order, until they come back") {
  Fixture f;
  const auto first = f.enqueue("a#0");
  const auto second = f.enqueue("a#1");
  f.transport.script = {{core::Delivery::Status::unreachable, "", {}}};
  f.dispatcher.run_once();
  CHECK(f.transport.attempts == std::vector<std::int64_t>{first});  // the second waits behind it
  f.transport.script = {{core::Delivery::Status::unreachable, "", {}}};
  f.dispatcher.run_once();
  CHECK(f.store.count_by_status()["waiting"] == 2);
  CHECK(f.dispatcher.run_once() == 0);
  f.store.resume("test", "ann", f.clock.now());
  f.transport.attempts.clear();
  f.dispatcher.run_once();
  CHECK(f.transport.attempts == std::vector<std::int64_t>{first, second});
}

namespace {
/// A transport that answers later, like an HTTP request in flight.
class LaterTransport final : public core::TransportSender {
 public:
  std::vector<std::pair<std::int64_t, std::function<void(core::Delivery)>>> pending;
  void deliver(const storage::OutboxRow& row, std::function<void(core::Delivery)> done) override {
    pending.emplace_back(row.id, std::move(done));
  }
};
}  // namespace

TEST_CASE("a delivery that finishes later holds its recipient's lane and is not due again meanwhile") {
  Fixture f;
  LaterTransport later;
  f.dispatcher.add_transport("later", later);
  const auto first = f.store.enqueue("a#0", "ann", "later", "ann", {{"text", "1"}}, f.clock.now());
  const auto second = f.store.enqueue("a#1", "ann", "later", "ann", {{"text", "2"}}, f.clock.now());
  const auto other = f.store.enqueue("b#0", "bob", "later", "bob", {{"text", "3"}}, f.clock.now());
  CHECK(f.dispatcher.run_once() == 2);  // ann's first and bob's; ann's second waits its turn
  REQUIRE(later.pending.size() == 2);
  CHECK(later.pending[0].first == first);
  CHECK(later.pending[1].first == other);
  const auto due = f.store.due(f.clock.now(), 10);  // in flight: leased, not due again
  REQUIRE(due.size() == 1);
  CHECK(due[0].id == second);
  CHECK(f.dispatcher.run_once() == 0);

  later.pending[0].second({core::Delivery::Status::delivered, "", {}});
  CHECK(f.dispatcher.run_once() == 1);
  CHECK(later.pending.back().first == second);
  later.pending[1].second({core::Delivery::Status::delivered, "", {}});
  later.pending.back().second({core::Delivery::Status::delivered, "", {}});
  CHECK(f.store.count_by_status()["delivered"] == 3);

  SUBCASE("a delivery the process never finished is tried again when its lease runs out") {
    const auto lost = f.store.enqueue("c#0", "cid", "later", "cid", {{"text", "4"}}, f.clock.now());
    CHECK(f.dispatcher.run_once() == 1);
    storage::OutboxStore reopened(f.db);  // as after a crash: nothing in flight in this process
    CHECK(reopened.due(f.clock.now(), 10).empty());
    f.clock.advance(std::chrono::minutes(2));
    REQUIRE(reopened.due(f.clock.now(), 10).size() == 1);
    CHECK(reopened.due(f.clock.now(), 10)[0].id == lost);
  }

  SUBCASE("after a restart, a delivery the dead process never finished is due at once") {
    const auto lost = f.store.enqueue("c#0", "cid", "later", "cid", {{"text", "4"}}, f.clock.now());
    CHECK(f.dispatcher.run_once() == 1);
    storage::OutboxStore reopened(f.db);  // the process was killed mid-delivery and started again
    CHECK(reopened.due(f.clock.now(), 10).empty());
    CHECK(reopened.requeue_unconfirmed(f.clock.now()) == 1);
    REQUIRE(reopened.due(f.clock.now(), 10).size() == 1);
    CHECK(reopened.due(f.clock.now(), 10)[0].id == lost);
    later.pending.back().second({core::Delivery::Status::retry, "503", {}});  // a backoff is no lease
    CHECK(reopened.requeue_unconfirmed(f.clock.now()) == 0);
  }
}

TEST_CASE("under group commit, committed rows leave while a newer group is open; the group's own rows wait for "
          "its commit") {
  Fixture f;
  std::vector<std::function<void()>> flushes;  // the group's commit, run when the test says
  f.db.group_commits([&](std::function<void()> flush) { flushes.push_back(std::move(flush)); });
  auto commit = [&] {
    for (auto& flush : std::exchange(flushes, {})) flush();
  };
  const auto first = f.enqueue("first", "ann");
  commit();
  const auto second = f.enqueue("second", "bob");  // opens a new group, not yet committed
  REQUIRE(f.db.commit_pending());
  CHECK(f.dispatcher.run_once() == 1);  // the first leaves at once, though a group is open
  CHECK(f.transport.attempts == std::vector<std::int64_t>{first});
  CHECK(f.dispatcher.run_once() == 0);  // the second is not durable yet
  commit();                             // its commit wakes a pass
  f.io.run_for(std::chrono::milliseconds(100));
  CHECK(f.transport.attempts == std::vector<std::int64_t>{first, second});
}

TEST_CASE("with the syncer, a committed row waits for its group's sync, then leaves") {
  Fixture f(storage::Durability::full);
  std::vector<std::function<void()>> flushes;
  f.db.group_commits([&](std::function<void()> flush) { flushes.push_back(std::move(flush)); });
  storage::WalSyncer syncer(f.db, [&](std::function<void()> then) { boost::asio::post(f.io, std::move(then)); });
  const auto row = f.enqueue("synced", "ann");
  for (auto& flush : std::exchange(flushes, {})) flush();  // committed, not yet on disk
  REQUIRE(f.db.commit_pending());
  CHECK(f.dispatcher.run_once() == 0);
  CHECK(f.transport.attempts.empty());
  // The sync's answer comes back on the loop and wakes a pass.
  auto waiting = boost::asio::make_work_guard(f.io);  // the answer comes from another thread
  for (int i = 0; i < 1000 && f.transport.attempts.empty(); ++i) f.io.run_for(std::chrono::milliseconds(10));
  waiting.reset();
  CHECK(f.transport.attempts == std::vector<std::int64_t>{row});
}

TEST_CASE("a delivery's record asks for no sync of its own: confirmed at its commit, on disk with the next sync") {
  Fixture f(storage::Durability::full);
  std::vector<std::function<void()>> flushes;
  f.db.group_commits([&](std::function<void()> flush) { flushes.push_back(std::move(flush)); });
  storage::WalSyncer syncer(f.db, [&](std::function<void()> then) { boost::asio::post(f.io, std::move(then)); });
  const auto row = f.enqueue("reply", "ann");
  for (auto& flush : std::exchange(flushes, {})) flush();
  CHECK(f.dispatcher.run_once() == 0);  // held back until on disk; its sync wakes a pass
  auto waiting = boost::asio::make_work_guard(f.io);  // the sync's answer comes from another thread
  for (int i = 0; i < 1000 && f.transport.attempts.empty(); ++i) f.io.run_for(std::chrono::milliseconds(10));
  REQUIRE(f.transport.attempts == std::vector<std::int64_t>{row});
  REQUIRE(f.store.count_by_status()["delivered"] == 1);
  const auto syncs = syncer.counts().syncs;
  for (auto& flush : std::exchange(flushes, {})) flush();
  CHECK_FALSE(f.db.commit_pending());  // nothing waits on the disk for it
  // The syncer takes it to disk by itself a moment later.
  for (int i = 0; i < 1000 && syncer.counts().syncs == syncs; ++i) f.io.run_for(std::chrono::milliseconds(10));
  waiting.reset();
  CHECK(syncer.counts().syncs > syncs);
}
