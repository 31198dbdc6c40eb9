// Durability off the loop: a committed group is confirmed only once the syncer's fdatasync says
// it is on disk, in order, and background checkpoints keep the WAL from growing without end.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "bot/storage/database.hpp"
#include "bot/storage/wal_syncer.hpp"
#include "support/temp_dir.hpp"

using relais::storage::Database;
using relais::storage::Durability;
using relais::storage::Transaction;
using relais::storage::WalSyncer;

namespace {

/// Plays the event loop: what the syncer posts waits here until the test runs it.
class Loop {
 public:
  WalSyncer::Post post() {
    return [this](std::function<void()> f) {
      std::lock_guard lock(mutex_);
      posted_.push_back(std::move(f));
    };
  }
  /// Runs what was posted until `done()` holds (or 10 s pass); true if it held.
  bool run_until(const std::function<bool()>& done) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done()) {
      if (std::chrono::steady_clock::now() > give_up) return false;
      std::vector<std::function<void()>> ready;
      {
        std::lock_guard lock(mutex_);
        ready.swap(posted_);
      }
      for (auto& f : ready) f();
      if (ready.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
  }

 private:
  std::mutex mutex_;
  std::vector<std::function<void()>> posted_;
};

/// Group commit as the server runs it, with the group's commit run when the test says.
struct Grouped {
  relais::testing::TempDir dir;
  std::filesystem::path file = dir / "relais.db";
  Database db{file, Durability::full};
  std::vector<std::function<void()>> flushes;
  Grouped() {
    db.exec("CREATE TABLE t(v INTEGER, blob BLOB)");
    db.group_commits([this](std::function<void()> flush) { flushes.push_back(std::move(flush)); });
  }
  void write(int v, int bytes = 0) {
    Transaction tx(db);
    db.run("INSERT INTO t VALUES (?1, zeroblob(?2))", v, bytes);
    tx.commit();
  }
  void commit() {
    for (auto& flush : std::exchange(flushes, {})) flush();
  }
};

}  // namespace

TEST_CASE("under full durability a committed group is confirmed only once the syncer has it on disk, groups in order") {
  Grouped g;
  Loop loop;
  WalSyncer syncer(g.db, loop.post());

  std::vector<std::string> confirmed;
  g.write(1);
  g.db.when_durable([&](bool ok) { confirmed.push_back(ok ? "first" : "first lost"); });
  g.commit();
  g.write(2);
  g.db.when_durable([&](bool ok) { confirmed.push_back(ok ? "second" : "second lost"); });
  g.commit();

  // Committed: another connection reads both rows. Not yet confirmed: the sync is the loop's to hear.
  Database other(g.file, Durability::normal);
  CHECK(other.query_int("SELECT COUNT(*) FROM t") == 2);
  CHECK(confirmed.empty());
  CHECK(g.db.commit_pending());
  bool late = false;
  g.db.when_durable([&](bool ok) { late = ok; });  // nothing open: waits for the newest group's sync
  CHECK_FALSE(late);

  REQUIRE(loop.run_until([&] { return confirmed.size() == 2 && late; }));
  CHECK(confirmed == std::vector<std::string>{"first", "second"});
  CHECK_FALSE(g.db.commit_pending());
  CHECK(syncer.counts().syncs >= 1);
  bool at_once = false;
  g.db.when_durable([&](bool ok) { at_once = ok; });  // nothing pending: now
  CHECK(at_once);
}

TEST_CASE("a group whose commit fails is reported lost, but only after the older groups are on disk") {
  Grouped g;
  Loop loop;
  WalSyncer syncer(g.db, loop.post());
  // A deferred foreign key is checked at COMMIT: the way to make a whole group's commit fail.
  g.db.exec("CREATE TABLE parent(id INTEGER PRIMARY KEY)");  // no group is open: commits at once
  g.db.exec("CREATE TABLE child(parent INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)");

  std::vector<std::string> heard;
  g.write(1);
  g.db.when_durable([&](bool ok) { heard.push_back(ok ? "older on disk" : "older lost"); });
  g.commit();
  {
    Transaction tx(g.db);
    g.db.run("INSERT INTO child VALUES (42)");  // no parent 42
    tx.commit();
  }
  g.db.when_durable([&](bool ok) { heard.push_back(ok ? "failed one on disk" : "failed one lost"); });
  g.commit();
  CHECK(heard.empty());  // the failed group waits behind the older one's sync
  REQUIRE(loop.run_until([&] { return heard.size() == 2; }));
  CHECK(heard == std::vector<std::string>{"older on disk", "failed one lost"});
  Database other(g.file, Durability::normal);
  CHECK(other.query_int("SELECT COUNT(*) FROM t") == 1);
  CHECK(other.query_int("SELECT COUNT(*) FROM child") == 0);
}

TEST_CASE("a group of unsynced writes asks for no sync of its own: confirmed after the older groups, on disk soon") {
  Grouped g;
  Loop loop;
  WalSyncer syncer(g.db, loop.post());
  g.write(1);
  std::vector<std::string> heard;
  g.db.when_durable([&](bool ok) { heard.push_back(ok ? "write" : "write lost"); });
  g.commit();
  // A lease-like update, alone in its group: it waits behind the write's sync, not for one of its own.
  g.db.run_unsynced("UPDATE t SET v = 2 WHERE v = 1");
  CHECK(g.db.commit_pending());
  g.db.on_each_commit([&] { return [&](bool ok) { heard.push_back(ok ? "update" : "update lost"); }; });
  g.commit();
  Database other(g.file, Durability::normal);
  CHECK(other.query_int("SELECT v FROM t") == 2);  // committed at once, like any group
  REQUIRE(loop.run_until([&] { return heard.size() == 2; }));
  CHECK(heard == std::vector<std::string>{"write", "update"});
  CHECK_FALSE(g.db.commit_pending());

  // Nothing else pending: the next one is confirmed at its commit, and the syncer still takes it
  // to disk by itself, a moment later.
  const auto syncs = syncer.counts().syncs;
  g.db.run_unsynced("UPDATE t SET v = 3");
  g.commit();
  CHECK(heard.size() == 3);
  CHECK(heard.back() == "update");
  CHECK_FALSE(g.db.commit_pending());
  REQUIRE(loop.run_until([&] { return syncer.counts().syncs > syncs; }));

  // Long after the last sync (the thread no longer lingers for such writes), one still gets there.
  std::this_thread::sleep_for(5 * WalSyncer::unasked_sync_delay);
  const auto idle_syncs = syncer.counts().syncs;
  g.db.run_unsynced("UPDATE t SET v = 4");
  g.commit();
  REQUIRE(loop.run_until([&] { return syncer.counts().syncs > idle_syncs; }));
}

TEST_CASE("an unsynced write in a group with a write that needs the disk is confirmed only with its sync") {
  Grouped g;
  Loop loop;
  WalSyncer syncer(g.db, loop.post());
  g.db.run_unsynced("INSERT INTO t VALUES (1, NULL)");
  g.write(2);
  bool durable = false;
  g.db.when_durable([&](bool ok) { durable = ok; });
  const auto syncs = syncer.counts().syncs;
  g.commit();
  CHECK_FALSE(durable);
  REQUIRE(loop.run_until([&] { return durable; }));
  CHECK(syncer.counts().syncs > syncs);

  // Someone waiting on the open group makes it need the disk too, even with only unsynced writes.
  g.db.run_unsynced("UPDATE t SET v = 3 WHERE v = 1");
  bool waited = false;
  g.db.when_durable([&](bool ok) { waited = ok; });
  g.commit();
  CHECK_FALSE(waited);
  REQUIRE(loop.run_until([&] { return waited; }));
}

namespace {

/// Writes 300 groups of one row of about a page each (300 frames and more, without a
/// checkpoint), each confirmed before the next; returns the largest the WAL file grew.
std::uintmax_t write_300_pages(Grouped& g, Loop& loop) {
  const auto wal = std::filesystem::path(g.file.string() + "-wal");
  std::uintmax_t largest_wal = 0;
  for (int i = 0; i < 300; ++i) {
    g.write(i, 3000);
    bool durable = false;
    g.db.when_durable([&](bool ok) { durable = ok; });
    g.commit();
    REQUIRE(loop.run_until([&] { return durable; }));
    largest_wal = std::max(largest_wal, std::filesystem::file_size(wal));
  }
  return largest_wal;
}

}  // namespace

TEST_CASE("the syncer's checkpoints copy the WAL into the database file and let the WAL start over") {
  Grouped g;
  Loop loop;
  WalSyncer syncer(g.db, loop.post(), {.copy_pages = 20, .restart_pages = 60});

  const auto largest_wal = write_300_pages(g, loop);
  REQUIRE(loop.run_until([&] { return syncer.counts().checkpoints >= 5; }));
  CHECK(syncer.counts().checkpoints < 300);  // every 20 frames or so, not every commit
  CHECK(syncer.counts().frames >= 300);      // a page or more for each of the 300 groups
  // The WAL started over again and again: it never held more than a fraction of what was written.
  CHECK(largest_wal < 150 * 4096);
  // The rows are in the database file itself, not only in the WAL.
  CHECK(std::filesystem::file_size(g.file) > 100 * 3000);
  Database other(g.file, Durability::normal);
  CHECK(other.query_int("SELECT COUNT(*) FROM t") == 300);
}

TEST_CASE("under normal durability the syncer only checkpoints: groups are confirmed at their commit") {
  relais::testing::TempDir dir;
  Database db(dir / "relais.db", Durability::normal);
  db.exec("CREATE TABLE t(v INTEGER)");
  std::vector<std::function<void()>> flushes;
  db.group_commits([&](std::function<void()> flush) { flushes.push_back(std::move(flush)); });
  Loop loop;
  WalSyncer syncer(db, loop.post());
  {
    Transaction tx(db);
    db.run("INSERT INTO t VALUES (1)");
    tx.commit();
  }
  bool confirmed = false;
  db.when_durable([&](bool ok) { confirmed = ok; });
  for (auto& flush : flushes) flush();
  CHECK(confirmed);
  CHECK(syncer.counts().syncs == 0);
}
