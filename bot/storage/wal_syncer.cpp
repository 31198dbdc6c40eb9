#include "bot/storage/wal_syncer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "bot/core/log.hpp"
#include "bot/core/thread_name.hpp"
#include "bot/storage/database.hpp"

namespace relais::storage {

WalSyncer::WalSyncer(Database& writer, Post post, WalCheckpoints checkpoints)
    : writer_(writer),
      database_(sqlite3_db_filename(writer.handle(), "main")),
      wal_(database_.string() + "-wal"),
      post_(std::move(post)),
      checkpoints_at_(checkpoints),
      sync_thread_([this] { serve_syncs(); }),
      checkpoint_thread_([this] { serve_checkpoints(); }) {
  writer.sync_with(*this);
}

WalSyncer::~WalSyncer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  sync_wanted_.notify_one();
  checkpoint_wanted_.notify_one();
  sync_thread_.join();
  checkpoint_thread_.join();
  if (wal_fd_ >= 0) ::close(wal_fd_);
}

void WalSyncer::sync(std::function<void(bool)> done) {
  {
    std::lock_guard lock(mutex_);
    waiting_.push_back(std::move(done));
  }
  sync_wanted_.notify_one();
}

void WalSyncer::sync_soon() {
  {
    std::lock_guard lock(mutex_);
    if (std::exchange(soon_, true) || lingering_) return;  // the thread looks again soon anyway
  }
  sync_wanted_.notify_one();
}

void WalSyncer::wal_size(int pages) {
  bool due = false;
  {
    std::lock_guard lock(mutex_);
    // A WAL shorter than after the last commit started over. (One that started over under a
    // group larger than the whole old WAL looks like growth: that group is undercounted.)
    const bool started_over = pages < wal_pages_;
    if (started_over) checkpointed_at_ = 0;
    counts_.frames += started_over ? pages : pages - wal_pages_;
    wal_pages_ = pages;
    due = checkpoint_due();
  }
  if (due) checkpoint_wanted_.notify_one();
}

WalSyncer::Counts WalSyncer::counts() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

void WalSyncer::serve_syncs() {
  name_this_thread("relais-sync");
  bool just_synced = false;
  while (true) {
    std::deque<std::function<void(bool)>> batch;
    {
      std::unique_lock lock(mutex_);
      const auto asked = [this] { return stopping_ || !waiting_.empty(); };
      if (just_synced && !asked()) {
        // Right after a sync, frames no one waits for are likely next (a delivery's lease). The
        // thread lingers for them instead of waiting to be woken, which would cost a wakeup each.
        lingering_ = true;
        sync_wanted_.wait_for(lock, unasked_sync_delay, asked);
        lingering_ = false;
      } else if (!asked()) {
        sync_wanted_.wait(lock, [&] { return asked() || soon_; });
        // Frames no one waits for wait a moment for a sync someone needs, which takes them along.
        if (!asked()) sync_wanted_.wait_for(lock, unasked_sync_delay, asked);
      }
      if (waiting_.empty() && !soon_) {
        if (stopping_) return;  // every sync asked for is done
        just_synced = false;
        continue;
      }
      batch.swap(waiting_);
      soon_ = false;
    }
    // One sync answers every commit asked about before it began.
    const bool on_disk = sync_wal();
    just_synced = true;
    if (batch.empty()) continue;
    post_([batch = std::move(batch), on_disk] {
      for (const auto& done : batch) done(on_disk);
    });
  }
}

void WalSyncer::serve_checkpoints() {
  name_this_thread("relais-ckpt");
  while (true) {
    int frames = 0;
    {
      std::unique_lock lock(mutex_);
      checkpoint_wanted_.wait(lock, [this] { return stopping_ || checkpoint_due(); });
      if (stopping_) return;
      frames = checkpointed_at_ = wal_pages_;
    }
    checkpoint(frames);
  }
}

bool WalSyncer::sync_wal() {
  // The WAL is the same file for as long as connections are open; should it be replaced (its
  // journal mode changed by hand), sync the new one, never a stale descriptor.
  struct stat now {};
  struct stat held {};
  if (wal_fd_ >= 0 && (::stat(wal_.c_str(), &now) != 0 || ::fstat(wal_fd_, &held) != 0 ||
                       now.st_ino != held.st_ino || now.st_dev != held.st_dev)) {
    ::close(wal_fd_);
    wal_fd_ = -1;
  }
  if (wal_fd_ < 0) wal_fd_ = ::open(wal_.c_str(), O_RDWR | O_CLOEXEC);
  const bool ok = wal_fd_ >= 0 && ::fdatasync(wal_fd_) == 0;
  if (!ok) log::error("wal_sync_failed").kv("file", wal_.string()).kv("error", std::strerror(errno));
  std::lock_guard lock(mutex_);
  ++counts_.syncs;
  return ok;
}

void WalSyncer::checkpoint(int frames) {
  try {
    // Its own connection, with syncs on: the copied pages are on disk before SQLite may reuse
    // the WAL. PASSIVE never waits for the writer or for readers.
    if (!checkpointer_) checkpointer_ = std::make_unique<Database>(database_, Durability::full);
    if (sqlite3_wal_checkpoint_v2(checkpointer_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr) !=
        SQLITE_OK)
      log::warn("wal_checkpoint_failed").kv("error", sqlite3_errmsg(checkpointer_->handle()));
  } catch (const std::exception& e) {
    log::warn("wal_checkpoint_failed").kv("error", e.what());
  }
  {
    std::lock_guard lock(mutex_);
    ++counts_.checkpoints;
  }
  // SQLite starts the WAL over only when the writer begins a transaction after a checkpoint
  // copied every frame; under load the loop has committed more meanwhile. The writer copies those
  // few itself, between two groups; that stalls the loop for its two syncs (2 to 7 ms measured
  // under load), so only once the WAL is long.
  if (frames >= checkpoints_at_.restart_pages) post_([&writer = writer_] { writer.finish_checkpoint(); });
}

}  // namespace relais::storage
