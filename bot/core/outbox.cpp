#include "bot/core/outbox.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <memory>

#include "bot/core/log.hpp"

namespace relais::core {

std::chrono::milliseconds backoff(const OutboxPolicy& policy, int attempts, unsigned jitter_seed) {
  const int doublings = std::clamp(attempts, 0, 30);
  const auto base = std::min<std::int64_t>(policy.initial_backoff.count() << doublings,
                                           policy.max_backoff.count());
  // +-20% jitter, so rows that failed together do not retry in lockstep.
  const auto spread = base / 5;
  const auto jitter = spread > 0 ? static_cast<std::int64_t>(jitter_seed % (2 * spread + 1)) - spread : 0;
  return std::chrono::milliseconds(std::max<std::int64_t>(base + jitter, 1));
}

OutboxDispatcher::OutboxDispatcher(boost::asio::io_context& io, storage::OutboxStore& store,
                                   const Clock& clock, OutboxPolicy policy, Metrics& metrics)
    : io_(io), store_(store), clock_(clock), policy_(policy), metrics_(metrics), timer_(io) {
  store_.database().on_each_commit([this, alive = std::weak_ptr<bool>(alive_)]() -> std::function<void(bool)> {
    if (alive.expired()) return [](bool) {};  // the database outlived this dispatcher
    // Read at the commit: by the time it is durable, a newer group may have written rows.
    return [this, alive, committed_up_to = store_.last_id()](bool durable) {
      if (alive.expired()) return;
      if (durable) durable_up_to_ = std::max(durable_up_to_, committed_up_to);
      if (std::exchange(held_back_, false)) wake();
    };
  });
}

void OutboxDispatcher::add_transport(const std::string& name, TransportSender& sender) {
  transports_[name] = &sender;
}

void OutboxDispatcher::wake() {
  if (pass_posted_ || stopped_) return;
  pass_posted_ = true;
  boost::asio::post(io_, [this] {
    pass_posted_ = false;
    if (stopped_) return;
    run_once();
    arm_for_next_due();
  });
}

std::int64_t OutboxDispatcher::durable_limit() {
  if (!store_.database().commit_pending()) return durable_up_to_ = store_.last_id();
  // Rows written by a group not yet durable (open, or committed and syncing) must not leave;
  // those before it may. (Under load a group is nearly always pending, not least for the
  // deliveries' own records, so waiting for a moment with none would hold every reply back.)
  held_back_ = true;
  return durable_up_to_;
}

int OutboxDispatcher::run_once() {
  int attempted = 0;
  const auto limit = 4 * policy_.max_in_flight;
  const auto heads = store_.due(clock_.now(), limit, durable_limit());
  // Rows left due (behind a delivery under way, past the cap or the limit) need a pass when a
  // delivery finishes; otherwise a finishing delivery wakes none, and new rows bring their own.
  left_waiting_ = heads.size() >= limit;
  std::set<std::string> blocked;  // keeps each conversation's messages in order within a pass
  for (const auto& head : heads) {
    if (in_flight_.size() >= policy_.max_in_flight) {
      left_waiting_ = true;
      break;
    }
    if (in_flight_.contains(head.id)) continue;
    // One delivery at a time per recipient and conversation: their messages arrive in order,
    // while other people and conversations go in parallel.
    const std::string lane = head.transport + "/" + head.recipient_id + "/" + head.address;
    if (blocked.contains(lane) || busy_lanes_.contains(lane)) {
      blocked.insert(lane);
      left_waiting_ = true;
      continue;
    }
    const auto transport = transports_.find(head.transport);
    if (transport == transports_.end()) {
      store_.mark_failed(head.id, "no transport named " + head.transport, clock_.now());
      log::error("outbox_no_transport").kv("transport", head.transport).kv("id", head.id);
      continue;
    }
    auto found = store_.get(head.id);
    if (!found) continue;
    // Shared with the callback rather than copied into it: the payload is a whole JSON tree.
    const auto shared_row = std::make_shared<const storage::OutboxRow>(std::move(*found));
    const auto& row = *shared_row;
    in_flight_.insert(row.id);
    busy_lanes_.insert(lane);
    ++attempted;
    // Shared, not on this stack: a transport may finish long after this pass (an HTTP request).
    struct Attempt {
      bool pass_over = false;
      std::optional<Delivery::Status> outcome;
    };
    auto attempt = std::make_shared<Attempt>();
    transport->second->deliver(row, [this, shared_row, lane, attempt](Delivery d) {
      in_flight_.erase(shared_row->id);
      busy_lanes_.erase(lane);
      attempt->outcome = d.status;
      finish(*shared_row, d);
      if (attempt->pass_over && left_waiting_) wake();  // a row behind it may go now
    });
    attempt->pass_over = true;
    if (!attempt->outcome) {
      // Under way: not due again meanwhile, and the rest of this recipient's rows wait their turn.
      store_.lease(row.id, clock_.now() + policy_.lease, clock_.now());
      blocked.insert(lane);
    } else if (*attempt->outcome == Delivery::Status::retry || *attempt->outcome == Delivery::Status::unreachable) {
      blocked.insert(lane);
    }
  }
  return attempted;
}

void OutboxDispatcher::finish(const storage::OutboxRow& row, const Delivery& d) {
  const auto now = clock_.now();
  switch (d.status) {
    case Delivery::Status::delivered:
      store_.mark_delivered(row.id, row.recipient_id, now);
      metrics_.message_out(row.transport);
      break;
    case Delivery::Status::sent:
      store_.mark_sent(row.id, now);
      metrics_.message_out(row.transport);
      break;
    case Delivery::Status::unreachable:
      store_.mark_waiting(row.id, now);
      break;
    case Delivery::Status::retry:
    case Delivery::Status::rejected: {
      metrics_.delivery_failure();
      const int attempts = row.attempts + 1;
      if (d.status == Delivery::Status::rejected || attempts >= policy_.max_attempts) {
        store_.mark_failed(row.id, d.error, now);
        log::error("outbox_gave_up").kv("id", row.id).kv("transport", row.transport)
            .kv("attempts", attempts).kv("error", d.error);
        break;
      }
      auto wait = backoff(policy_, row.attempts, static_cast<unsigned>(row.id * 2654435761u));
      if (d.retry_after) wait = std::max(wait, *d.retry_after);
      store_.retry_at(row.id, now + wait, d.error, now);
      log::warn("outbox_retry").kv("id", row.id).kv("transport", row.transport)
          .kv("attempts", attempts).kv("wait_ms", wait.count()).kv("error", d.error);
      break;
    }
  }
  // A row that will be tried again later needs the timer; a sent one changes nothing due.
  const bool again = d.status == Delivery::Status::retry || d.status == Delivery::Status::unreachable;
  if (again && !stopped_) arm_for_next_due();
}

void OutboxDispatcher::arm_for_next_due() {
  const auto next = store_.next_due();
  if (!next) return;
  auto wait = std::max<std::chrono::milliseconds>(*next - clock_.now(), std::chrono::milliseconds(0));
  // Due now but written by the open group: its commit wakes a pass, so do not spin meanwhile.
  if (wait.count() == 0 && held_back_) return;
  // Rows due now behind a delivery under way go when it finishes (which wakes a pass), so do
  // not spin meanwhile.
  if (!busy_lanes_.empty()) wait = std::max<std::chrono::milliseconds>(wait, std::chrono::seconds(1));
  timer_.expires_after(std::min<std::chrono::milliseconds>(wait, std::chrono::minutes(1)));
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec && !stopped_) wake();
  });
}

void OutboxDispatcher::stop() {
  stopped_ = true;
  timer_.cancel();
}

}  // namespace relais::core
