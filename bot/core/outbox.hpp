#pragma once
// Delivers outbox rows through their transport, with retry and exponential backoff.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "bot/core/clock.hpp"
#include "bot/core/metrics.hpp"
#include "bot/storage/outbox_store.hpp"

namespace relais::core {

/// What a transport did with one outbox row.
struct Delivery {
  enum class Status {
    delivered,    ///< the peer confirmed it
    sent,         ///< written; the recipient's client confirms later (web chat receipts)
    unreachable,  ///< the recipient has no live connection: wait until they come back
    retry,        ///< a transient failure (5xx, 429, timeout)
    rejected,     ///< a permanent failure: retrying cannot help
  };
  Status status = Status::delivered;
  std::string error;
  std::optional<std::chrono::milliseconds> retry_after;
};

class TransportSender {
 public:
  virtual ~TransportSender() = default;
  /// Delivers one row; calls `done` exactly once, on the event loop.
  virtual void deliver(const storage::OutboxRow& row, std::function<void(Delivery)> done) = 0;
};

struct OutboxPolicy {
  int max_attempts = 300;  ///< with the 5-minute cap: a peer may be down for about a day
  std::chrono::milliseconds initial_backoff{500};
  std::chrono::milliseconds max_backoff{std::chrono::minutes(5)};
  std::chrono::milliseconds lease{std::chrono::minutes(2)};  ///< longest a delivery may stay under way
  /// Deliveries under way at once, over all transports: bounds memory and sockets in a burst
  /// (each HTTP delivery holds a connection until the peer answers).
  std::size_t max_in_flight = 64;
};

/// The wait before the next attempt: doubling from `initial_backoff`, capped, with jitter.
std::chrono::milliseconds backoff(const OutboxPolicy& policy, int attempts, unsigned jitter_seed);

class OutboxDispatcher {
 public:
  OutboxDispatcher(boost::asio::io_context& io, storage::OutboxStore& store, const Clock& clock,
                   OutboxPolicy policy, Metrics& metrics);

  void add_transport(const std::string& name, TransportSender& sender);
  /// Schedules a delivery pass soon; many wakes coalesce into one pass.
  void wake();
  /// Delivers every due row that is durable now (tests call this directly). Returns how many
  /// were attempted.
  int run_once();
  void stop();

 private:
  void finish(const storage::OutboxRow& row, const Delivery& result);
  void arm_for_next_due();
  /// The highest outbox id known to be durable.
  std::int64_t durable_limit();

  boost::asio::io_context& io_;
  storage::OutboxStore& store_;
  const Clock& clock_;
  OutboxPolicy policy_;
  Metrics& metrics_;
  std::map<std::string, TransportSender*> transports_;
  std::set<std::int64_t> in_flight_;
  std::set<std::string> busy_lanes_;  ///< transport/recipient/conversation with a delivery under way: one at a time, in order
  boost::asio::steady_timer timer_;
  bool pass_posted_ = false;
  bool stopped_ = false;
  bool left_waiting_ = false;       ///< the last pass left due rows for a finishing delivery to wake
  bool held_back_ = false;          ///< a pass left rows not yet durable: their group's sync wakes another
  std::int64_t durable_up_to_ = 0;  ///< rows up to this id are durable
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);  ///< seen by the commit listener
};

}  // namespace relais::core
