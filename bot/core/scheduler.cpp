#include "bot/core/scheduler.hpp"

#include <algorithm>

namespace relais::core {

Scheduler::Scheduler(boost::asio::io_context& io, storage::TimerStore& timers, const Clock& clock,
                     FireFn fire)
    : timers_(timers), clock_(clock), fire_(std::move(fire)), timer_(io) {}

int Scheduler::run_due() {
  int fired = 0;
  for (;;) {
    const auto due = timers_.due(clock_.now(), 100);
    if (due.empty()) break;
    for (const auto& t : due) {
      fire_(t);
      ++fired;
    }
  }
  return fired;
}

void Scheduler::rearm() {
  if (stopped_) return;
  const auto earliest = timers_.earliest_due();
  if (!earliest) {
    timer_.cancel();
    return;
  }
  // Re-check at least every minute, so a wall-clock jump cannot delay a timer for long.
  const auto wait = std::clamp<std::chrono::milliseconds>(*earliest - clock_.now(),
                                                          std::chrono::milliseconds(0),
                                                          std::chrono::minutes(1));
  timer_.expires_after(wait);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || stopped_) return;
    run_due();
    rearm();
  });
}

void Scheduler::stop() {
  stopped_ = true;
  timer_.cancel();
}

}  // namespace relais::core
