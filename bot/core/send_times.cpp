#include "bot/core/send_times.hpp"

namespace relais::core {

using std::chrono::days;
using std::chrono::sys_days;

bool SendTimes::is_working_day(sys_days date) const {
  const auto weekday = std::chrono::weekday(date).c_encoding();
  return hours.days[weekday] && !hours.holidays.contains(date);
}

TimePoint SendTimes::on_or_after(sys_days date) const {
  for (int i = 0; i < 366 && !is_working_day(date); ++i) date += days(1);  // a year of no working day: give up
  return hours.zone.at(date, send_minute);
}

TimePoint SendTimes::next_after(TimePoint t) const {
  const auto today = hours.zone.local(t).date;
  const auto slot = on_or_after(today);
  return slot > t ? slot : on_or_after(today + days(1));
}

TimePoint SendTimes::working_days_after(TimePoint t, int working_days) const {
  auto date = hours.zone.local(t).date;
  for (int counted = 0, guard = 0; counted < working_days && guard < 3660; ++guard) {
    date += days(1);
    if (is_working_day(date)) ++counted;
  }
  return on_or_after(date);
}

TimePoint SendTimes::soonest(TimePoint now) const { return WorkingTime(hours).is_working(now) ? now : next_after(now); }

}  // namespace relais::core
