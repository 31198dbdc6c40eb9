// The WAL writes of a commit go out together, and nothing committed is ever missing for another
// connection, whatever the size of the transaction.
#include <doctest/doctest.h>

#include <string>

#include "bot/storage/database.hpp"
#include "bot/storage/wal_gather_vfs.hpp"
#include "support/temp_dir.hpp"

using relais::storage::Database;
using relais::storage::Durability;
using relais::storage::Transaction;
using relais::storage::wal_gather_counts;

namespace {

/// A connection through SQLite's own VFS, which gathers nothing: it sees only what was written.
std::int64_t count_plainly(const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT COUNT(*), COALESCE(SUM(LENGTH(v)), 0) FROM t", -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  const auto rows = sqlite3_column_int64(st, 0);
  const auto bytes = sqlite3_column_int64(st, 1);
  sqlite3_finalize(st);
  sqlite3_close(db);
  CHECK(bytes == rows * 3000);
  return rows;
}

}  // namespace

TEST_CASE("a commit's WAL frames are written together, and another connection sees every committed row") {
  relais::testing::TempDir dir;
  const auto file = dir / "gather.db";
  Database db(file, Durability::normal);
  db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
  std::int64_t rows = 0;
  // Transactions of 1 to about 700 pages (the largest beyond the 1 MiB a batch may hold).
  for (const int n : {1, 5, 40, 700}) {
    CAPTURE(n);
    const auto before = wal_gather_counts();
    {
      Transaction tx(db);
      for (int i = 0; i < n; ++i) db.run("INSERT INTO t(v) VALUES (?1)", std::string(3000, static_cast<char>('a' + i % 26)));
      tx.commit();
    }
    rows += n;
    const auto after = wal_gather_counts();
    // SQLite asks for two writes a frame (its header, its page); they go out in 64 KiB pieces.
    CHECK(after.asked - before.asked >= 2 * n);
    CHECK(after.made - before.made <= 1 + (after.asked - before.asked) * 4096 / (64 * 1024));
    CHECK(count_plainly(file) == rows);
  }
  auto& check = db.prepare("PRAGMA integrity_check");
  REQUIRE(check.step());
  CHECK(check.text(0) == "ok");
  check.reset();

  // A transaction that rolls back leaves nothing for the next one to trip on.
  {
    Transaction tx(db);
    for (int i = 0; i < 50; ++i) db.run("INSERT INTO t(v) VALUES (?1)", std::string(3000, 'x'));
  }
  {
    Transaction tx(db);
    db.run("INSERT INTO t(v) VALUES (?1)", std::string(3000, 'y'));
    tx.commit();
  }
  CHECK(count_plainly(file) == rows + 1);
}
