#pragma once
// When the bot writes to someone unprompted (onboarding, surveys): at a fixed local time of day
// on their working days, never at night or on a holiday.
#include <chrono>

#include "bot/core/clock.hpp"
#include "bot/core/working_time.hpp"

namespace relais::core {

struct SendTimes {
  WorkingHours hours;             ///< the person's days, holidays and zone
  int send_minute = 9 * 60 + 30;  ///< local time of day messages go out

  bool is_working_day(std::chrono::sys_days date) const;
  /// The send time on the first working day on or after `date`.
  TimePoint on_or_after(std::chrono::sys_days date) const;
  /// The first send time strictly after `t`.
  TimePoint next_after(TimePoint t) const;
  /// The send time `working_days` working days after the day of `t`.
  TimePoint working_days_after(TimePoint t, int working_days) const;
  /// Now, if it is working time; else the next send time.
  TimePoint soonest(TimePoint now) const;
};

}  // namespace relais::core
