// Group commit: transactions share one commit, each can still roll back alone, and nothing waiting
// on durability runs before the commit.
#include <doctest/doctest.h>

#include <functional>
#include <vector>

#include "bot/storage/database.hpp"
#include "support/temp_dir.hpp"

using relais::storage::Database;
using relais::storage::Durability;
using relais::storage::Transaction;

TEST_CASE("grouped transactions commit together, roll back alone, and confirm only once durable") {
  relais::testing::TempDir dir;
  const auto file = dir / "group.db";
  Database db(file, Durability::full);
  db.exec("CREATE TABLE t(v INTEGER)");
  std::vector<std::function<void()>> scheduled;
  db.group_commits([&](std::function<void()> flush) { scheduled.push_back(std::move(flush)); });

  std::vector<bool> confirmed;
  {
    Transaction tx(db);
    db.run("INSERT INTO t VALUES (1)");
    tx.commit();
  }
  db.when_durable([&](bool ok) { confirmed.push_back(ok); });
  {
    Transaction tx(db);  // fails: rolled back on its own
    db.run("INSERT INTO t VALUES (2)");
  }
  {
    Transaction tx(db);
    db.run("INSERT INTO t VALUES (3)");
    tx.commit();
  }
  db.when_durable([&](bool ok) { confirmed.push_back(ok); });

  CHECK(db.commit_pending());
  CHECK(scheduled.size() == 1);  // one commit for the whole group
  CHECK(confirmed.empty());
  {
    Database other(file, Durability::full);  // another reader sees nothing yet
    CHECK(other.query_int("SELECT COUNT(*) FROM t") == 0);
  }
  scheduled.front()();
  CHECK_FALSE(db.commit_pending());
  CHECK(confirmed == std::vector<bool>{true, true});
  Database other(file, Durability::full);
  CHECK(other.query_int("SELECT COUNT(*) FROM t") == 2);
  CHECK(other.query_int("SELECT SUM(v) FROM t") == 4);

  bool at_once = false;
  db.when_durable([&](bool ok) { at_once = ok; });  // nothing pending: runs now
  CHECK(at_once);
}

TEST_CASE("a read scope reads one snapshot, ends with its scope, and inside a transaction changes nothing") {
  relais::testing::TempDir dir;
  const auto file = dir / "reads.db";
  Database db(file, Durability::normal);
  db.exec("CREATE TABLE t(v INTEGER)");
  db.run("INSERT INTO t VALUES (1)");
  Database other(file, Durability::normal);
  {
    const relais::storage::ReadScope together(db);
    CHECK(db.query_int("SELECT COUNT(*) FROM t") == 1);
    other.run("INSERT INTO t VALUES (2)");  // another connection writes meanwhile
    CHECK(db.query_int("SELECT COUNT(*) FROM t") == 1);  // the same read transaction: not seen yet
    CHECK(db.in_transaction());
  }
  CHECK_FALSE(db.in_transaction());
  CHECK(db.query_int("SELECT COUNT(*) FROM t") == 2);

  // Within a group it joins the group's transaction and leaves it open.
  std::vector<std::function<void()>> scheduled;
  db.group_commits([&](std::function<void()> flush) { scheduled.push_back(std::move(flush)); });
  {
    Transaction tx(db);
    db.run("INSERT INTO t VALUES (3)");
    tx.commit();
  }
  {
    const relais::storage::ReadScope together(db);
    CHECK(db.query_int("SELECT COUNT(*) FROM t") == 3);
  }
  CHECK(db.in_transaction());
  for (auto& flush : scheduled) flush();
  CHECK_FALSE(db.in_transaction());
  CHECK(other.query_int("SELECT COUNT(*) FROM t") == 3);
}
