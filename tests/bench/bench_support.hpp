#pragma once
// What several benchmarks share: a percentile, a clock the benchmark moves, and the production
// stores opened on one database file, as `relais serve` wires them.
#include <algorithm>
#include <filesystem>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/core/turn.hpp"
#include "bot/identity/identity.hpp"
#include "bot/storage/database.hpp"
#include "bot/storage/outbox_store.hpp"
#include "bot/storage/people_store.hpp"
#include "bot/storage/question_store.hpp"
#include "bot/storage/timer_store.hpp"

namespace relais::bench {

/// The value below which a share `p` of `v` lies (0 for none).
inline double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

/// Simulated time: the benchmark sets `now_`.
class SimClock final : public core::Clock {
 public:
  core::TimePoint now() const override { return now_; }
  core::TimePoint now_{};
};

/// The stores and identity the router needs, on `file`.
struct BenchStores {
  explicit BenchStores(const std::filesystem::path& file) : db(file, storage::Durability::normal) {}
  storage::Database db;
  storage::PeopleStore people{db};
  storage::QuestionStore questions{db};
  storage::OutboxStore outbox{db};
  storage::TimerStore timers{db};
  core::Stores stores{db, people, questions, outbox, timers};
  identity::Identity identity{people};
};

}  // namespace relais::bench
