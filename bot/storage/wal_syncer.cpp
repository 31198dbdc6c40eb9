#include "bot/storage/wal_syncer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "bot/core/log.hpp"
#include "bot/storage/database.hpp"

namespace relais::storage {

WalSyncer::WalSyncer(Database& writer, Post post, int checkpoint_pages)
    : writer_(writer),
      database_(sqlite3_db_filename(writer.handle(), "main")),
      wal_(database_.string() + "-wal"),
      post_(std::move(post)),
      checkpoint_pages_(checkpoint_pages),
      thread_([this] { serve(); }) {
  writer.sync_with(*this);
}

WalSyncer::~WalSyncer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
  if (wal_fd_ >= 0) ::close(wal_fd_);
}

void WalSyncer::sync(std::function<void(bool)> done) {
  {
    std::lock_guard lock(mutex_);
    waiting_.push_back(std::move(done));
  }
  wake_.notify_one();
}

void WalSyncer::wal_size(int pages) {
  bool due = false;
  {
    std::lock_guard lock(mutex_);
    if (pages < checkpointed_at_) checkpointed_at_ = 0;  // the WAL started over
    wal_pages_ = pages;
    due = checkpoint_due();
  }
  if (due) wake_.notify_one();
}

long long WalSyncer::syncs() const {
  std::lock_guard lock(mutex_);
  return syncs_;
}

long long WalSyncer::checkpoints() const {
  std::lock_guard lock(mutex_);
  return checkpoints_;
}

void WalSyncer::serve() {
  while (true) {
    std::deque<std::function<void(bool)>> batch;
    bool checkpoint_now = false;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !waiting_.empty() || checkpoint_due(); });
      batch.swap(waiting_);
      checkpoint_now = checkpoint_due();
      if (checkpoint_now) checkpointed_at_ = wal_pages_;
      if (stopping_ && batch.empty()) return;
    }
    if (!batch.empty()) {
      // One sync answers every commit asked about before it began.
      const bool on_disk = sync_wal();
      post_([batch = std::move(batch), on_disk] {
        for (const auto& done : batch) done(on_disk);
      });
    }
    if (checkpoint_now) checkpoint();
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
  ++syncs_;
  return ok;
}

void WalSyncer::checkpoint() {
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
    ++checkpoints_;
  }
  // SQLite starts the WAL over only when the writer begins a transaction after a checkpoint
  // copied every frame; under load the loop has committed more meanwhile. The writer copies
  // those few itself, between two groups.
  post_([&writer = writer_] { writer.finish_checkpoint(); });
}

}  // namespace relais::storage
