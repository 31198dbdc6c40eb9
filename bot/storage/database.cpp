#include "bot/storage/database.hpp"

#include <utility>

#include "bot/core/log.hpp"
#include "bot/storage/wal_gather_vfs.hpp"
#include "bot/storage/wal_syncer.hpp"

namespace relais::storage {
namespace {

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  throw StorageError(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt_, nullptr) != SQLITE_OK)
    fail(db, "prepare failed for `" + std::string(sql) + "`");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const std::string sql = sqlite3_sql(stmt_);
  sqlite3_reset(stmt_);
  fail(db_, "step failed for `" + sql + "`");
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::text(int col) const {
  const auto* p = sqlite3_column_text(stmt_, col);
  return p ? std::string(reinterpret_cast<const char*>(p),
                         static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
           : std::string();
}

void Statement::bind_one(int i, std::int64_t v) {
  if (sqlite3_bind_int64(stmt_, i, v) != SQLITE_OK) fail(db_, "bind");
}
void Statement::bind_one(int i, double v) {
  if (sqlite3_bind_double(stmt_, i, v) != SQLITE_OK) fail(db_, "bind");
}
void Statement::bind_one(int i, std::string_view v) {
  if (sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT) !=
      SQLITE_OK)
    fail(db_, "bind");
}
void Statement::bind_one(int i, std::nullopt_t) {
  if (sqlite3_bind_null(stmt_, i) != SQLITE_OK) fail(db_, "bind");
}

Database::Database(const std::filesystem::path& path, Durability durability) : durability_(durability) {
  if (path != ":memory:" && path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
  }
  if (sqlite3_open_v2(path.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      wal_gather_vfs()) != SQLITE_OK) {
    const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw StorageError("cannot open database " + path.string() + ": " + msg);
  }
  sqlite3_busy_timeout(db_, 5000);
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA foreign_keys=ON");
  // Each event's savepoint keeps its undo pages (the sub-journal) in memory: on disk, every
  // first write to a page inside a savepoint cost a pwrite to a temporary file.
  exec("PRAGMA temp_store=MEMORY");
  // WAL + NORMAL survives a process crash; FULL also survives a power cut, at an fsync a commit.
  exec(durability == Durability::full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
}

Database::~Database() {
  cache_.clear();
  sqlite3_close(db_);
}

Statement& Database::prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end())
    it = cache_.emplace(std::string(sql), std::make_unique<Statement>(db_, sql)).first;
  it->second->reset();
  return *it->second;
}

void Database::exec(std::string_view sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw StorageError("exec failed: " + msg);
  }
}

void Database::step_once(std::string_view sql) {
  auto& st = prepare(sql);
  st.run();
  st.reset();
}

void Database::join_group(Sync sync) {
  if (sync == Sync::needed) group_needs_sync_ = true;
  if (group_open_) return;
  step_once("BEGIN IMMEDIATE");
  group_open_ = true;
  schedule_([this] { flush(); });
}

void Database::sync_with(WalSyncer& syncer) {
  syncer_ = &syncer;
  // Replaces SQLite's automatic checkpoint (which would run inside a COMMIT on the loop): the
  // syncer hears the WAL's size and checkpoints on its own thread.
  sqlite3_wal_hook(
      db_,
      [](void* self, sqlite3*, const char*, int pages) {
        static_cast<Database*>(self)->syncer_->wal_size(pages);
        return SQLITE_OK;
      },
      this);
  // The syncer's fdatasync stands in for the one FULL would do inside every COMMIT.
  if (durability_ == Durability::full) exec("PRAGMA synchronous=NORMAL");
}

void Database::finish_checkpoint() {
  if (group_open_) {
    checkpoint_after_commit_ = true;
    return;
  }
  checkpoint_after_commit_ = false;
  if (sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr) != SQLITE_OK)
    log::warn("wal_checkpoint_failed").kv("error", sqlite3_errmsg(db_));
}

void Database::when_durable(std::function<void(bool)> then) {
  if (group_open_) {
    group_needs_sync_ = true;  // someone waits for it to be on disk
    return after_commit_.push_back(std::move(then));
  }
  if (!syncing_.empty()) return syncing_.back().waiting.push_back(std::move(then));
  then(true);
}

void Database::flush() {
  if (!group_open_) return;
  Group group;
  group.committed = true;
  // Inside the group's transaction: a listener reads what the group wrote, with no read
  // transaction (and WAL lock) of its own; nothing newer can be written before the COMMIT.
  for (auto& listener : listeners_) group.waiting.push_back(listener());
  try {
    step_once("COMMIT");
  } catch (const StorageError& e) {
    group.committed = false;
    log::error("group_commit_failed").kv("error", e.what());
    try {
      exec("ROLLBACK");
    } catch (const StorageError&) {  // already rolled back by SQLite
    }
  }
  group_open_ = false;
  group.rides = !std::exchange(group_needs_sync_, false);
  if (checkpoint_after_commit_) finish_checkpoint();
  for (auto& then : std::exchange(after_commit_, {})) group.waiting.push_back(std::move(then));
  if (!syncer_ || durability_ != Durability::full) return settle(group, group.committed);
  if (group.rides) {
    syncer_->sync_soon();
    if (syncing_.empty()) return settle(group, group.committed);
    return syncing_.push_back(std::move(group));  // settled right after the group before it
  }
  // Even a failed group waits its turn: what waits on it must not run before older groups are
  // on disk (a listener reading the newest id would count theirs as durable).
  syncing_.push_back(std::move(group));
  syncer_->sync([this](bool on_disk) { synced(on_disk); });
}

void Database::synced(bool on_disk) {
  if (syncing_.empty()) return;
  Group group = std::move(syncing_.front());
  syncing_.pop_front();
  if (group.committed && !on_disk) log::error("group_sync_failed");
  settle(group, group.committed && on_disk);
  while (!syncing_.empty() && syncing_.front().rides) {
    Group rider = std::move(syncing_.front());
    syncing_.pop_front();
    settle(rider, rider.committed);
  }
}

void Database::settle(Group& group, bool durable) {
  for (auto& then : group.waiting) then(durable);
}

Transaction::Transaction(Database& db) : db_(db), grouped_(static_cast<bool>(db.schedule_)) {
  if (!grouped_) {
    db_.step_once("BEGIN IMMEDIATE");
    return;
  }
  db_.join_group(Database::Sync::needed);
  db_.step_once("SAVEPOINT relais_tx");
}

Transaction::~Transaction() {
  if (done_) return;
  try {
    db_.exec(grouped_ ? "ROLLBACK TO relais_tx; RELEASE relais_tx" : "ROLLBACK");
  } catch (const StorageError& e) {
    log::error("rollback_failed").kv("error", e.what());
  }
}

void Transaction::commit() {
  db_.step_once(grouped_ ? "RELEASE relais_tx" : "COMMIT");
  done_ = true;
}

ReadScope::ReadScope(Database& db) : db_(db), began_(!db.in_transaction()) {
  if (began_) db_.step_once("BEGIN");
}

ReadScope::~ReadScope() {
  if (!began_) return;
  // Ending a transaction that wrote nothing cannot lose anything. Should it fail, the rollback
  // still ends it: a connection left inside it could not begin the next write.
  try {
    db_.step_once("COMMIT");
  } catch (const StorageError& e) {
    log::error("read_scope_end_failed").kv("error", e.what());
    sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

}  // namespace relais::storage
