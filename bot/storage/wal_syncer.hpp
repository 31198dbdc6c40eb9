#pragma once
// Durability off the event loop. With it, the loop's connection commits into the WAL without
// waiting for the disk (synchronous=NORMAL); this thread then fdatasyncs the WAL file, one sync
// for every commit made meanwhile, and says so back on the loop, where replies and deliveries
// wait for it. The loop goes on handling messages while the disk works, instead of blocking in
// every COMMIT for a millisecond or more.
//
// A second thread checkpoints the WAL into the database file, on its own connection, so the loop
// no longer stalls for a checkpoint's page copies and syncs (several milliseconds, every few
// hundred messages under load: the reply p99). It is a thread of its own because a checkpoint
// syncs the database file: the WAL syncs, which replies wait for, must not queue behind it.
// Once the WAL is long, the loop copies the few frames it committed while the thread was copying,
// which lets SQLite start the WAL over; that costs the loop two syncs, so it is rare.
//
// Why this is as safe as synchronous=FULL: fdatasync on any descriptor of the WAL file flushes
// the whole file, so once it returns, every frame committed before the sync was asked for is on
// disk; nothing is confirmed before that. A checkpoint (with syncs on, as here) makes the
// database file durable before SQLite may overwrite the WAL from its start.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace relais::storage {

class Database;

/// When to checkpoint: each time the WAL grows by `copy_pages` frames (SQLite's own default is
/// 1,000) the thread copies them into the database file; once it holds `restart_pages`, the
/// writer is asked to let it start over (about 128 MiB of WAL at most, at 4 KiB pages). Starting
/// over stalls the loop for two syncs; at 1,000 messages/s (about 10 frames each) 8,000 frames
/// meant one stall a second, enough of them to set the reply p99 (measured: 5.7-6.9 ms with
/// 8,000, 4.2-4.3 ms with 32,000, Matrix, interleaved runs). The price is WAL file space.
struct WalCheckpoints {
  int copy_pages = 1000;
  int restart_pages = 32000;
};

class WalSyncer {
 public:
  /// Runs a function on the event loop (where the sync's callers live).
  using Post = std::function<void(std::function<void()>)>;

  /// Takes over `writer`'s syncs (under group commit) and checkpoints. `writer` must be a file
  /// (not ":memory:") and outlive the syncer.
  WalSyncer(Database& writer, Post post, WalCheckpoints checkpoints = {});
  /// Finishes the syncs asked for (their answers may never run: the loop is stopping too).
  ~WalSyncer();
  WalSyncer(const WalSyncer&) = delete;
  WalSyncer& operator=(const WalSyncer&) = delete;

  /// `done(true)` runs on the loop once everything committed before this call is on disk;
  /// `done(false)` if the sync failed (the disk said no: do not confirm). Answers keep the order
  /// of the calls.
  void sync(std::function<void(bool on_disk)> done);
  /// Something was committed that no one waits for (Database::run_unsynced): the next sync
  /// asked for takes it along; if none is asked for within `unasked_sync_delay`, the thread
  /// syncs it anyway, so it does not wait in the page cache for the kernel's writeback. Short,
  /// because a delivery's record is among it: the moment in which a power cut would send a
  /// reply again.
  void sync_soon();
  static constexpr std::chrono::milliseconds unasked_sync_delay{10};
  /// The writer's WAL now holds `pages` frames (SQLite's WAL hook, after each commit).
  void wal_size(int pages);

  /// What the WAL has been through since the syncer started (for /metrics and tests).
  struct Counts {
    long long frames = 0;       ///< pages the writer's commits appended to the WAL
    long long syncs = 0;        ///< fdatasync calls, each answering every commit before it
    long long checkpoints = 0;  ///< background copies into the database file
  };
  Counts counts() const;

 private:
  void serve_syncs();
  void serve_checkpoints();
  /// The WAL grew by copy_pages since the last checkpoint (or since it started over).
  bool checkpoint_due() const { return wal_pages_ >= checkpointed_at_ + checkpoints_at_.copy_pages; }
  bool sync_wal();
  /// Copies the WAL (`frames` long) into the database file; asks the writer to let it start
  /// over once it is long.
  void checkpoint(int frames);

  Database& writer_;
  const std::filesystem::path database_;
  const std::filesystem::path wal_;
  const Post post_;
  const WalCheckpoints checkpoints_at_;
  int wal_fd_ = -1;                         ///< the WAL file, opened on first use (the sync thread's)
  std::unique_ptr<Database> checkpointer_;  ///< the checkpoint thread's connection, opened on first use
  mutable std::mutex mutex_;
  std::condition_variable sync_wanted_;
  std::condition_variable checkpoint_wanted_;
  std::deque<std::function<void(bool)>> waiting_;
  int wal_pages_ = 0;       ///< frames in the WAL after the writer's last commit
  int checkpointed_at_ = 0;  ///< its size when the last checkpoint began
  bool stopping_ = false;
  bool soon_ = false;  ///< committed frames that no one waits for are not on disk yet
  bool lingering_ = false;  ///< the sync thread waits out unasked_sync_delay: it will see soon_
  Counts counts_;
  std::thread sync_thread_;        ///< last: they start once everything they use exists
  std::thread checkpoint_thread_;
};

}  // namespace relais::storage
