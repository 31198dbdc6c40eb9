#pragma once
// Durable outgoing messages. A row is written with the state change that causes it and leaves
// only when the recipient's transport confirms it.
//
// status: pending (due at next_attempt_at) -> sent (written, awaiting the client's receipt)
//         -> delivered; waiting (recipient not reachable now; resumed when they are);
//         failed (gave up after the configured attempts).
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/storage/database.hpp"

namespace relais::storage {

struct OutboxRow {
  std::int64_t id = 0;
  std::string idempotency_key;
  std::string recipient_id;
  std::string transport;
  std::string address;
  nlohmann::json payload;
  int attempts = 0;
};

/// What the dispatcher needs to pick a row: its lane, without reading its payload.
struct DueRow {
  std::int64_t id = 0;
  std::string transport;
  std::string recipient_id;
  std::string address;
};

class OutboxStore {
 public:
  explicit OutboxStore(Database& db) : db_(db) {}
  Database& database() { return db_; }

  /// Adds a row unless one with the same key exists; returns the row's id either way.
  std::int64_t enqueue(const std::string& key, const std::string& recipient_id,
                       const std::string& transport, const std::string& address,
                       const nlohmann::json& payload, core::TimePoint now);

  /// Rows due at `now` with ids up to `up_to_id`, oldest first; `get` reads the chosen ones whole.
  std::vector<DueRow> due(core::TimePoint now, std::size_t limit,
                          std::int64_t up_to_id = std::numeric_limits<std::int64_t>::max());
  /// The newest row's id (0 if none).
  std::int64_t last_id();
  std::optional<core::TimePoint> next_due();
  /// The recipient's undelivered rows written by one cause (an event's dedupe key), in order.
  std::vector<OutboxRow> pending_from(const std::string& cause_key, const std::string& recipient_id);
  std::optional<OutboxRow> get(std::int64_t id);

  void mark_sent(std::int64_t id, core::TimePoint now);
  /// Returns false when the row was not awaiting delivery (unknown id, or already delivered).
  /// Rides on the next sync (Database::run_unsynced): see the definition for why that is safe.
  bool mark_delivered(std::int64_t id, const std::string& recipient_id, core::TimePoint now);
  void mark_waiting(std::int64_t id, core::TimePoint now);
  void retry_at(std::int64_t id, core::TimePoint when, const std::string& error, core::TimePoint now);
  /// A delivery is under way: the row is not due again before `until`, unless it finishes first
  /// (and if the process dies meanwhile, it is tried again then).
  void lease(std::int64_t id, core::TimePoint until, core::TimePoint now);
  void mark_failed(std::int64_t id, const std::string& error, core::TimePoint now);

  /// Makes a recipient's waiting and unconfirmed rows on `transport` due now (they came back).
  int resume(const std::string& transport, const std::string& recipient_id, core::TimePoint now);
  /// After a restart nothing is in flight: unconfirmed rows and rows leased by the previous
  /// process (a delivery it never finished) become due again.
  int requeue_unconfirmed(core::TimePoint now);

  /// The recipient's last `limit` delivered rows on `transport`, oldest first (chat history).
  std::vector<OutboxRow> recent_delivered(const std::string& transport, const std::string& recipient_id,
                                         std::size_t limit);

  std::map<std::string, std::int64_t> count_by_status();

 private:
  Database& db_;
};

}  // namespace relais::storage
