#pragma once
// Counters and a latency histogram, rendered in the Prometheus text format at /metrics.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace relais::core {

/// The database's write-ahead log since start: what one message costs the disk.
struct WalFigures {
  std::int64_t frames = 0;       ///< pages appended by commits
  std::int64_t syncs = 0;        ///< fdatasync calls (each covers every commit before it)
  std::int64_t checkpoints = 0;  ///< copies into the database file
};

class Metrics {
 public:
  void message_in(const std::string& transport) { ++in_[transport]; }
  void message_out(const std::string& transport) { ++out_[transport]; }
  void duplicate() { ++duplicates_; }
  void skill_failure() { ++skill_failures_; }
  void delivery_failure() { ++delivery_failures_; }
  void rejected_input(const std::string& reason) { ++rejected_[reason]; }
  /// Time from an event's arrival to its commit.
  void handled_in(double seconds);

  std::int64_t messages_in(const std::string& transport) const;

  /// `questions` by state and `outbox` by status come from the database at scrape time, `wal`
  /// from its syncer (none for a database in memory).
  std::string render(const std::map<std::string, std::int64_t>& questions,
                     const std::map<std::string, std::int64_t>& outbox,
                     const std::optional<WalFigures>& wal = std::nullopt) const;

 private:
  static constexpr std::array<double, 10> buckets_{0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                   0.025,  0.05,  0.1,    0.25,  1.0};
  std::map<std::string, std::int64_t> in_, out_, rejected_;
  std::int64_t duplicates_ = 0, skill_failures_ = 0, delivery_failures_ = 0;
  std::array<std::int64_t, buckets_.size()> bucket_counts_{};
  std::int64_t latency_count_ = 0;
  double latency_sum_ = 0;
};

}  // namespace relais::core
