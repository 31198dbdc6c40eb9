#pragma once
// The one SQLite connection. It lives on the event-loop thread; nothing else touches it.
#include <sqlite3.h>

#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bot/core/error.hpp"

namespace relais::storage {

class WalSyncer;

class StorageError : public Error {
 public:
  using Error::Error;
};

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  /// Binds positional parameters 1..n, after a reset.
  template <class... Args>
  Statement& bind(const Args&... args) {
    reset();
    int index = 1;
    (bind_one(index++, args), ...);
    return *this;
  }

  /// Steps once: true when a row is available.
  bool step();
  /// Steps to completion (for statements that return no rows).
  void run() {
    while (step()) {
    }
  }
  void reset();

  std::int64_t int64(int col) const { return sqlite3_column_int64(stmt_, col); }
  double real(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string text(int col) const;
  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::optional<std::int64_t> optional_int64(int col) const {
    return is_null(col) ? std::nullopt : std::optional<std::int64_t>(int64(col));
  }

 private:
  void bind_one(int i, std::int64_t v);
  void bind_one(int i, int v) { bind_one(i, static_cast<std::int64_t>(v)); }
  void bind_one(int i, bool v) { bind_one(i, static_cast<std::int64_t>(v ? 1 : 0)); }
  void bind_one(int i, double v);
  void bind_one(int i, std::string_view v);
  void bind_one(int i, const std::string& v) { bind_one(i, std::string_view(v)); }
  void bind_one(int i, const char* v) { bind_one(i, std::string_view(v)); }
  void bind_one(int i, std::nullopt_t);
  template <class T>
  void bind_one(int i, const std::optional<T>& v) {
    if (v) bind_one(i, *v); else bind_one(i, std::nullopt);
  }

  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

enum class Durability { normal, full };

/// "normal" or anything else ("full", the safe default); config::load has checked the value.
inline Durability durability_from(std::string_view name) { return name == "normal" ? Durability::normal : Durability::full; }

class Database {
 public:
  /// Opens (creating) the file in WAL mode. ":memory:" works for tests.
  Database(const std::filesystem::path& path, Durability durability);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  /// A cached prepared statement. Do not hold two uses of the same SQL at once.
  Statement& prepare(std::string_view sql);
  void exec(std::string_view sql);
  /// One statement that returns no rows, prepared once and kept (BEGIN, SAVEPOINT, COMMIT...:
  /// several a message, not worth parsing each time as `exec` does).
  void step_once(std::string_view sql);

  template <class... Args>
  void run(std::string_view sql, const Args&... args) {
    // Under group commit a write outside any Transaction (a delivery failing) joins the group
    // too, instead of paying a commit of its own.
    if (schedule_) join_group(Sync::needed);
    prepare(sql).bind(args...).run();
  }

  /// A write no one waits for, which a power cut may undo at little cost, because what restarts
  /// after it redoes the same (a delivery's lease: a restart puts every leased row back in line;
  /// its record: the reply is sent again). Under group commit it is committed with its group as
  /// promptly as any write (a killed process keeps it), but asks for no sync of its own: a group
  /// of nothing else is confirmed along with the groups before it, and reaches the disk with the
  /// next sync anyone needs, or the syncer's own soon after. At a steady rate that saves two
  /// syncs per delivery.
  template <class... Args>
  void run_unsynced(std::string_view sql, const Args&... args) {
    if (schedule_) join_group(Sync::not_needed);
    prepare(sql).bind(args...).run();
  }

  /// The first column of the first row, if any.
  template <class... Args>
  std::optional<std::int64_t> query_int(std::string_view sql, const Args&... args) {
    auto& st = prepare(sql).bind(args...);
    std::optional<std::int64_t> v;
    if (st.step() && !st.is_null(0)) v = st.int64(0);
    st.reset();
    return v;
  }

  /// True when the table exists (a skill's tables exist only once its migrations ran).
  bool has_table(std::string_view name) {
    return query_int("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", name).has_value();
  }

  /// Group commit. From now on each Transaction is a savepoint inside one open transaction that
  /// `schedule` arranges to commit soon (the server posts it behind what the event loop has
  /// ready): one fsync for many events instead of one each. Whatever must not happen before the
  /// writes are durable (a 2xx, an acknowledgement, a delivery) goes through `when_durable`.
  void group_commits(std::function<void(std::function<void()>)> schedule) { schedule_ = std::move(schedule); }
  /// With group commits: the groups' syncs and the WAL checkpoints are left to `syncer`'s thread
  /// (see wal_syncer.hpp). Under full durability a group is durable once the syncer says so.
  void sync_with(WalSyncer& syncer);
  /// After the syncer's checkpoint: copies the frames committed while it ran (now, or right
  /// after the open group's COMMIT), so the next group starts the WAL over instead of growing it.
  void finish_checkpoint();
  /// Runs `then(true)` once everything written so far is durable: at once when nothing is
  /// pending; `then(false)` if that commit failed (the writes are gone: do not confirm them) or
  /// its sync did.
  void when_durable(std::function<void(bool durable)> then);
  /// Something written is not durable yet: a group is open, or committed and syncing.
  bool commit_pending() const { return group_open_ || !syncing_.empty(); }
  /// Told of every group, for as long as the database lives: `listener` runs right before the
  /// group's COMMIT (what it wrote is readable, nothing newer is), and the function it returns
  /// once that group is durable (true) or lost (false).
  using CommitListener = std::function<std::function<void(bool durable)>()>;
  void on_each_commit(CommitListener listener) { listeners_.push_back(std::move(listener)); }
  /// Commits the open group now (scheduled by `group_commits`; tests may call it).
  void flush();

  std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
  int changes() const { return sqlite3_changes(db_); }
  bool in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }
  sqlite3* handle() { return db_; }

 private:
  friend class Transaction;
  enum class Sync { needed, not_needed };
  /// Begins the group's transaction if none is open (grouping only); `sync`: whether what
  /// joins needs the group synced before it is confirmed.
  void join_group(Sync sync);
  /// The syncer's answer for the oldest group still syncing.
  void synced(bool on_disk);

  /// A committed group and what waits for it to be durable.
  struct Group {
    bool committed = false;
    bool rides = false;  ///< asked for no sync: settled with the group before it
    std::vector<std::function<void(bool)>> waiting;
  };
  static void settle(Group& group, bool durable);

  sqlite3* db_ = nullptr;
  Durability durability_;
  WalSyncer* syncer_ = nullptr;
  /// Looks SQL up without copying it into a std::string first (it is hashed as a view).
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
  };
  std::unordered_map<std::string, std::unique_ptr<Statement>, SqlHash, std::equal_to<>> cache_;
  std::function<void(std::function<void()>)> schedule_;
  bool group_open_ = false;
  bool group_needs_sync_ = false;  ///< something in the open group must be on disk to be confirmed
  bool checkpoint_after_commit_ = false;
  std::vector<std::function<void(bool)>> after_commit_;  ///< waiting on the open group
  std::deque<Group> syncing_;                            ///< committed, oldest first, not yet on disk
  std::vector<CommitListener> listeners_;
};

/// BEGIN IMMEDIATE ... COMMIT (a savepoint inside the group under group commit); rolls back
/// unless committed.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool grouped_ = false;
  bool done_ = false;
};

/// Several reads as one read transaction: one WAL read lock for all of them, where each read on
/// its own takes and drops one (two fcntl calls). Does nothing inside an open transaction (a
/// group's reads already share it). For reads only: a write inside it fails.
class ReadScope {
 public:
  explicit ReadScope(Database& db);
  ~ReadScope();
  ReadScope(const ReadScope&) = delete;
  ReadScope& operator=(const ReadScope&) = delete;

 private:
  Database& db_;
  bool began_;
};

}  // namespace relais::storage
