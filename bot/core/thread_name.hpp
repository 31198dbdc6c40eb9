#pragma once

#include <pthread.h>

namespace relais {

/// Names the calling thread, so that `top -H`, `perf` and /proc tell the loop, the WAL syncer, the
/// checkpointer and the report worker apart. Linux keeps at most 15 characters.
inline void name_this_thread(const char* name) { pthread_setname_np(pthread_self(), name); }

}  // namespace relais
