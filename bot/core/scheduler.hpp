#pragma once
// One Asio timer armed for the earliest durable timer row. Rows survive restarts; whatever
// fell due while the process was down fires on start.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>

#include "bot/core/clock.hpp"
#include "bot/storage/timer_store.hpp"

namespace relais::core {

class Scheduler {
 public:
  using FireFn = std::function<void(const storage::TimerRow&)>;
  Scheduler(boost::asio::io_context& io, storage::TimerStore& timers, const Clock& clock, FireFn fire);

  /// Re-arms for the earliest pending timer (call after anything may have scheduled one).
  void rearm();
  /// Fires every timer due now. Returns how many fired.
  int run_due();
  void stop();

 private:
  storage::TimerStore& timers_;
  const Clock& clock_;
  FireFn fire_;
  boost::asio::steady_timer timer_;
  bool stopped_ = false;
};

}  // namespace relais::core
