#pragma once
// Durable timers. Firing marks the row in the same transaction as the work it causes, so a
// timer fires exactly once across crashes and restarts.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/storage/database.hpp"

namespace relais::storage {

struct TimerRow {
  std::int64_t id = 0;
  std::string kind;
  std::string subject;
  core::TimePoint due_at{};
  nlohmann::json payload;
};

class TimerStore {
 public:
  explicit TimerStore(Database& db) : db_(db) {}

  std::int64_t schedule(const std::string& kind, const std::string& subject, core::TimePoint due,
                        const nlohmann::json& payload, core::TimePoint now);
  /// Cancels every pending timer of `kind` for `subject`; returns how many.
  int cancel(const std::string& kind, const std::string& subject, core::TimePoint now);
  std::optional<core::TimePoint> earliest_due();
  std::vector<TimerRow> due(core::TimePoint now, std::size_t limit);
  std::vector<TimerRow> pending_for(const std::string& subject);
  /// Marks the timer fired; false if it already was (or was cancelled).
  bool mark_fired(std::int64_t id, const std::string& outcome, core::TimePoint now);

 private:
  Database& db_;
};

/// Inbound ids already accepted (de-duplication of retried deliveries).
class InboundKeyStore {
 public:
  explicit InboundKeyStore(Database& db) : db_(db) {}
  /// Records the key; false when it was already there.
  bool accept(const std::string& key, core::TimePoint now);
  bool seen(const std::string& key);

 private:
  Database& db_;
};

}  // namespace relais::storage
