#pragma once
// When a starter receives what: pure, so weekends, holidays, time zones and late joiners are
// tested with a fixed clock. Messages go out at a fixed local time (onboarding.send_at) on the
// starter's working days. A module falls on its day after the start date, moved to the next
// working day. A starter whose start date is past, or who joins late, gets the welcome and the
// first module already due at once (if it is working time, else at the next send time), then the
// other late ones one per working day: a catch-up, not a flood.
#include <chrono>
#include <string>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/core/working_time.hpp"
#include "skills/onboarding/onboarding_path.hpp"

namespace relais::onboarding {

struct SendTimes {
  core::WorkingHours hours;  ///< the starter's days, holidays and zone
  int send_minute = 9 * 60 + 30;  ///< local time of day messages go out

  bool is_working_day(std::chrono::sys_days date) const;
  /// The send time on the first working day on or after `date`.
  core::TimePoint on_or_after(std::chrono::sys_days date) const;
  /// The first send time strictly after `t`.
  core::TimePoint next_after(core::TimePoint t) const;
  /// The send time `working_days` working days after the day of `t`.
  core::TimePoint working_days_after(core::TimePoint t, int working_days) const;
};

struct PlannedModule {
  const Module* module;
  core::TimePoint due;
};

struct Plan {
  core::TimePoint welcome;
  std::vector<PlannedModule> modules;
};

Plan plan_path(const std::vector<const Module*>& modules, std::chrono::sys_days start_date, const SendTimes& times,
               core::TimePoint now);

}  // namespace relais::onboarding
