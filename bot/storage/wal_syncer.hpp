#pragma once
// Durability off the event loop. With it, the loop's connection commits into the WAL without
// waiting for the disk (synchronous=NORMAL); this thread then fdatasyncs the WAL file, one sync
// for every commit made meanwhile, and says so back on the loop, where replies and deliveries
// wait for it. The loop goes on handling messages while the disk works, instead of blocking in
// every COMMIT for a millisecond or more.
//
// It also checkpoints the WAL into the database file, on its own connection, so the loop no
// longer stalls for a checkpoint's page copies and syncs (several milliseconds, every few
// hundred messages under load: the reply p99); the loop only copies the few frames it committed
// while the thread was copying, which lets SQLite start the WAL over.
//
// Why this is as safe as synchronous=FULL: fdatasync on any descriptor of the WAL file flushes
// the whole file, so once it returns, every frame committed before the sync was asked for is on
// disk; nothing is confirmed before that. A checkpoint (with syncs on, as here) makes the
// database file durable before SQLite may overwrite the WAL from its start.
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace relais::storage {

class Database;

class WalSyncer {
 public:
  /// Runs a function on the event loop (where the sync's callers live).
  using Post = std::function<void(std::function<void()>)>;

  /// Takes over `writer`'s syncs (under group commit) and checkpoints: each time its WAL grows by
  /// `checkpoint_pages` frames (SQLite's own default is 1,000) the thread copies them into the
  /// database file. `writer` must be a file (not ":memory:") and outlive the syncer.
  WalSyncer(Database& writer, Post post, int checkpoint_pages = 1000);
  /// Finishes the syncs asked for (their answers may never run: the loop is stopping too).
  ~WalSyncer();
  WalSyncer(const WalSyncer&) = delete;
  WalSyncer& operator=(const WalSyncer&) = delete;

  /// `done(true)` runs on the loop once everything committed before this call is on disk;
  /// `done(false)` if the sync failed (the disk said no: do not confirm). Answers keep the order
  /// of the calls.
  void sync(std::function<void(bool on_disk)> done);
  /// The writer's WAL now holds `pages` frames (SQLite's WAL hook, after each commit).
  void wal_size(int pages);

  /// How many fdatasync calls and checkpoints ran (for tests and metrics).
  long long syncs() const;
  long long checkpoints() const;

 private:
  void serve();
  /// The WAL grew by checkpoint_pages since the last checkpoint (or since it started over).
  bool checkpoint_due() const { return wal_pages_ >= checkpointed_at_ + checkpoint_pages_; }
  bool sync_wal();
  void checkpoint();

  Database& writer_;
  const std::filesystem::path database_;
  const std::filesystem::path wal_;
  const Post post_;
  const int checkpoint_pages_;
  int wal_fd_ = -1;                       ///< the WAL file, opened on first use (the thread's own)
  std::unique_ptr<Database> checkpointer_;  ///< the thread's connection, opened on first use
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void(bool)>> waiting_;
  int wal_pages_ = 0;       ///< frames in the WAL after the writer's last commit
  int checkpointed_at_ = 0;  ///< its size when the last checkpoint began
  bool stopping_ = false;
  long long syncs_ = 0;
  long long checkpoints_ = 0;
  std::thread thread_;  ///< last: starts once everything it uses exists
};

}  // namespace relais::storage
