#include "bot/storage/wal_gather_vfs.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <new>
#include <string>
#include <unordered_map>
#include <utility>

namespace relais::storage {
namespace {

constexpr int frame_header_bytes = 24;
constexpr std::size_t most_gathered = std::size_t{1} << 20;
// The unix VFS writes at most 128 KiB - 1 bytes a call (it masks the length: SQLite itself never
// writes more than a 64 KiB page), so a batch goes out in pieces of 64 KiB.
constexpr std::size_t largest_write = std::size_t{64} << 10;

sqlite3_vfs* platform = nullptr;  // the VFS underneath (the default one when first used)
std::atomic<long long> writes_asked{0};
std::atomic<long long> writes_made{0};

/// Our part of an open main database or WAL file; the platform's file follows it in memory.
struct File {
  sqlite3_file base;  // first: SQLite sees this
  const char* name = nullptr;  ///< main: the name SQLite opened it by (its WAL finds it by that)
  File* wal = nullptr;         ///< main: its connection's WAL, while open
  File* main = nullptr;        ///< WAL: the main file of the same connection
  std::string gathered;        ///< WAL: writes not made yet, one after the other
  sqlite3_int64 gathered_at = 0;
  bool commit_page_next = false;  ///< WAL: the next write is the page of a commit frame

  sqlite3_file* real();  ///< the platform's file, right after this (aligned)
};

constexpr std::size_t own_bytes = (sizeof(File) + 15) & ~std::size_t{15};
sqlite3_file* File::real() { return reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(this) + own_bytes); }
File* of(sqlite3_file* f) { return reinterpret_cast<File*>(f); }

/// Main files by the name pointer SQLite opened them with, for their WAL to find.
std::mutex mains_mutex;
std::unordered_map<const char*, File*>& mains() {
  static std::unordered_map<const char*, File*> all;
  return all;
}

int flush(File& f) {
  int rc = SQLITE_OK;
  sqlite3_file* real = f.real();
  for (std::size_t done = 0; done < f.gathered.size() && rc == SQLITE_OK; done += largest_write) {
    const auto n = std::min(largest_write, f.gathered.size() - done);
    rc = real->pMethods->xWrite(real, f.gathered.data() + done, static_cast<int>(n),
                                f.gathered_at + static_cast<sqlite3_int64>(done));
    writes_made.fetch_add(1, std::memory_order_relaxed);
  }
  f.gathered.clear();
  return rc;
}

// ---- methods: most go straight to the platform's file -----------------------------------------

/// `Forward<&sqlite3_io_methods::xRead>::call` calls the platform file's xRead with the same
/// arguments; `FlushFirst` writes what the file gathered first (what is read, synced, sized or
/// truncated must include every byte written).
template <auto Method>
struct Forward;
template <class R, class... Args, R (*sqlite3_io_methods::*Method)(sqlite3_file*, Args...)>
struct Forward<Method> {
  static R call(sqlite3_file* f, Args... args) {
    sqlite3_file* real = of(f)->real();
    return (real->pMethods->*Method)(real, args...);
  }
};
template <auto Method>
struct FlushFirst;
template <class... Args, int (*sqlite3_io_methods::*Method)(sqlite3_file*, Args...)>
struct FlushFirst<Method> {
  static int call(sqlite3_file* f, Args... args) {
    if (const int rc = flush(*of(f)); rc != SQLITE_OK) return rc;
    return Forward<Method>::call(f, args...);
  }
};
using M = sqlite3_io_methods;

/// Ends our part of a file after the platform's.
int close_file(File& file) {
  const int rc = file.real()->pMethods->xClose(file.real());
  file.~File();
  return rc;
}

// The main database file: as the platform's, but its barrier writes what its WAL gathered.
int main_close(sqlite3_file* f) {
  File& file = *of(f);
  {
    std::lock_guard lock(mains_mutex);
    mains().erase(file.name);
    if (file.wal) file.wal->main = nullptr;
  }
  return close_file(file);
}
void main_barrier(sqlite3_file* f) {
  // SQLite is about to publish a new WAL index header: no reader may see frames not written.
  if (File* wal = of(f)->wal) flush(*wal);
  Forward<&M::xShmBarrier>::call(f);
}

// The WAL file: consecutive writes gathered.
int wal_close(sqlite3_file* f) {
  File& file = *of(f);
  const int rc = flush(file);
  {
    std::lock_guard lock(mains_mutex);
    if (file.main) file.main->wal = nullptr;
  }
  const int closed = close_file(file);
  return rc != SQLITE_OK ? rc : closed;
}
int wal_write(sqlite3_file* f, const void* data, int amount, sqlite3_int64 at) {
  File& file = *of(f);
  writes_asked.fetch_add(1, std::memory_order_relaxed);
  const bool follows = at == file.gathered_at + static_cast<sqlite3_int64>(file.gathered.size());
  if (!file.gathered.empty() && (!follows || file.gathered.size() >= most_gathered))
    if (const int rc = flush(file); rc != SQLITE_OK) return rc;
  if (file.gathered.empty()) file.gathered_at = at;
  try {
    file.gathered.append(static_cast<const char*>(data), static_cast<std::size_t>(amount));
  } catch (const std::bad_alloc&) {  // no exception may cross SQLite's C frames
    if (const int rc = flush(file); rc != SQLITE_OK) return rc;
    return Forward<&M::xWrite>::call(f, data, amount, at);
  }
  if (std::exchange(file.commit_page_next, false)) return flush(file);  // a transaction's last frame
  if (amount == frame_header_bytes) {
    // A frame header: bytes 4-7 hold the database size after a commit, 0 in any other frame.
    const auto* h = static_cast<const unsigned char*>(data);
    file.commit_page_next = (h[4] | h[5] | h[6] | h[7]) != 0;
  }
  return SQLITE_OK;
}

const sqlite3_io_methods main_methods = {
    3, main_close, Forward<&M::xRead>::call, Forward<&M::xWrite>::call, Forward<&M::xTruncate>::call,
    Forward<&M::xSync>::call, Forward<&M::xFileSize>::call, Forward<&M::xLock>::call, Forward<&M::xUnlock>::call,
    Forward<&M::xCheckReservedLock>::call, Forward<&M::xFileControl>::call, Forward<&M::xSectorSize>::call,
    Forward<&M::xDeviceCharacteristics>::call, Forward<&M::xShmMap>::call, Forward<&M::xShmLock>::call,
    main_barrier, Forward<&M::xShmUnmap>::call, Forward<&M::xFetch>::call, Forward<&M::xUnfetch>::call};

const sqlite3_io_methods wal_methods = {
    3, wal_close, FlushFirst<&M::xRead>::call, wal_write, FlushFirst<&M::xTruncate>::call,
    FlushFirst<&M::xSync>::call, FlushFirst<&M::xFileSize>::call, Forward<&M::xLock>::call, Forward<&M::xUnlock>::call,
    Forward<&M::xCheckReservedLock>::call, FlushFirst<&M::xFileControl>::call, Forward<&M::xSectorSize>::call,
    Forward<&M::xDeviceCharacteristics>::call, Forward<&M::xShmMap>::call, Forward<&M::xShmLock>::call,
    Forward<&M::xShmBarrier>::call, Forward<&M::xShmUnmap>::call, Forward<&M::xFetch>::call, Forward<&M::xUnfetch>::call};

// ---- the VFS --------------------------------------------------------------------------------

int open_file(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  const bool main = (flags & SQLITE_OPEN_MAIN_DB) && name;
  const bool wal = (flags & SQLITE_OPEN_WAL) && name;
  // Anything else is the platform's file as it is, in place.
  if (!main && !wal) return platform->xOpen(platform, name, f, flags, out_flags);
  // The platform's file must offer what is forwarded (version 3: WAL index and memory maps).
  File* file = new (f) File;
  file->name = name;
  sqlite3_file* real = file->real();
  real->pMethods = nullptr;
  const int rc = platform->xOpen(platform, name, real, flags, out_flags);
  if (rc != SQLITE_OK || !real->pMethods || real->pMethods->iVersion < 3) {
    if (real->pMethods) real->pMethods->xClose(real);
    file->~File();
    f->pMethods = nullptr;
    return rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;
  }
  std::lock_guard lock(mains_mutex);
  if (main) {
    try {
      mains()[name] = file;
    } catch (const std::bad_alloc&) {  // no exception may cross SQLite's C frames
      real->pMethods->xClose(real);
      file->~File();
      f->pMethods = nullptr;
      return SQLITE_NOMEM;
    }
  } else if (const auto it = mains().find(sqlite3_filename_database(name)); it != mains().end()) {
    file->main = it->second;
    it->second->wal = file;
  }
  f->pMethods = main ? &main_methods : &wal_methods;
  return SQLITE_OK;
}

int delete_file(sqlite3_vfs*, const char* name, int sync_dir) { return platform->xDelete(platform, name, sync_dir); }
int access_file(sqlite3_vfs*, const char* name, int flags, int* out) { return platform->xAccess(platform, name, flags, out); }
int full_pathname(sqlite3_vfs*, const char* name, int n, char* out) {
  return platform->xFullPathname(platform, name, n, out);
}
void* dl_open(sqlite3_vfs*, const char* name) { return platform->xDlOpen(platform, name); }
void dl_error(sqlite3_vfs*, int n, char* out) { platform->xDlError(platform, n, out); }
void (*dl_sym(sqlite3_vfs*, void* lib, const char* symbol))(void) { return platform->xDlSym(platform, lib, symbol); }
void dl_close(sqlite3_vfs*, void* lib) { platform->xDlClose(platform, lib); }
int randomness(sqlite3_vfs*, int n, char* out) { return platform->xRandomness(platform, n, out); }
int sleep_for(sqlite3_vfs*, int microseconds) { return platform->xSleep(platform, microseconds); }
int current_time(sqlite3_vfs*, double* out) { return platform->xCurrentTime(platform, out); }
int last_error(sqlite3_vfs*, int n, char* out) { return platform->xGetLastError(platform, n, out); }
int current_time_ms(sqlite3_vfs*, sqlite3_int64* out) { return platform->xCurrentTimeInt64(platform, out); }

sqlite3_vfs gather_vfs;

}  // namespace

const char* wal_gather_vfs() {
  static std::once_flag registered;
  std::call_once(registered, [] {
    platform = sqlite3_vfs_find(nullptr);
    gather_vfs = sqlite3_vfs{.iVersion = 2,
                             .szOsFile = static_cast<int>(own_bytes) + platform->szOsFile,
                             .mxPathname = platform->mxPathname,
                             .zName = "relais-wal-gather",
                             .xOpen = open_file, .xDelete = delete_file, .xAccess = access_file,
                             .xFullPathname = full_pathname, .xDlOpen = dl_open, .xDlError = dl_error,
                             .xDlSym = dl_sym, .xDlClose = dl_close, .xRandomness = randomness,
                             .xSleep = sleep_for, .xCurrentTime = current_time, .xGetLastError = last_error,
                             .xCurrentTimeInt64 = current_time_ms};
    sqlite3_vfs_register(&gather_vfs, 0);
  });
  return gather_vfs.zName;
}

WalGatherCounts wal_gather_counts() {
  return {writes_asked.load(std::memory_order_relaxed), writes_made.load(std::memory_order_relaxed)};
}

}  // namespace relais::storage
