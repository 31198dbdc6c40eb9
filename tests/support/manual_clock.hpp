#pragma once
// A clock that only moves when the test says so.
#include "bot/core/clock.hpp"

namespace relais::testing {

class ManualClock final : public core::Clock {
 public:
  // Monday 2026-11-23 09:00 UTC.
  explicit ManualClock(core::TimePoint start = core::from_millis(1795424400000)) : now_(start) {}
  core::TimePoint now() const override { return now_; }
  void advance(std::chrono::milliseconds d) { now_ += d; }

 private:
  core::TimePoint now_;
};

}  // namespace relais::testing
