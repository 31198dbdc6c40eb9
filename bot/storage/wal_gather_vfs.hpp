#pragma once
// A thin SQLite VFS over the platform's own that writes each commit's WAL frames with one pwrite.
//
// SQLite appends a frame to the WAL as two writes, its 24-byte header and then its page, so a
// commit of 17 pages costs 34 pwrite calls (measured on the 2-core VM: 38-53 µs for those 34
// against 16 µs for one write of the same bytes). Here the WAL file's writes that follow one
// another are gathered in memory and written together (in pieces of 64 KiB), at the latest:
// - when the commit frame's page is in (the last frame of a transaction: its header carries the
//   database size);
// - before anyone may read them: when SQLite publishes the new WAL index header (the main file's
//   xShmBarrier, which the commit goes through before any other connection can see the frames),
//   before a read of the WAL, a sync, a size query, a truncation and the close;
// - when a write does not follow the last one, or the batch passes 1 MiB.
// So what a connection, a checkpoint or a crash recovery reads is what plain writes would have
// left: a process killed while frames wait in memory had not committed them yet.
// Every other file (journals, temporary files) is the platform's own, untouched.
#include <sqlite3.h>

namespace relais::storage {

/// The VFS's name, registered on first use (not as the default): pass it to sqlite3_open_v2.
const char* wal_gather_vfs();

/// WAL writes SQLite asked for, and the writes made for them, in this process so far.
struct WalGatherCounts {
  long long asked = 0;
  long long made = 0;
};
WalGatherCounts wal_gather_counts();

}  // namespace relais::storage
