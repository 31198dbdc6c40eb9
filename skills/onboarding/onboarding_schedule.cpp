#include "skills/onboarding/onboarding_schedule.hpp"

namespace relais::onboarding {

using std::chrono::days;
using std::chrono::sys_days;

bool SendTimes::is_working_day(sys_days date) const {
  const auto weekday = std::chrono::weekday(date).c_encoding();
  return hours.days[weekday] && !hours.holidays.contains(date);
}

core::TimePoint SendTimes::on_or_after(sys_days date) const {
  for (int i = 0; i < 366 && !is_working_day(date); ++i) date += days(1);  // a year of no working day: give up
  return hours.zone.at(date, send_minute);
}

core::TimePoint SendTimes::next_after(core::TimePoint t) const {
  const auto today = hours.zone.local(t).date;
  const auto slot = on_or_after(today);
  return slot > t ? slot : on_or_after(today + days(1));
}

core::TimePoint SendTimes::working_days_after(core::TimePoint t, int working_days) const {
  auto date = hours.zone.local(t).date;
  for (int counted = 0, guard = 0; counted < working_days && guard < 3660; ++guard) {
    date += days(1);
    if (is_working_day(date)) ++counted;
  }
  return on_or_after(date);
}

Plan plan_path(const std::vector<const Module*>& modules, sys_days start_date, const SendTimes& times,
               core::TimePoint now) {
  Plan plan;
  // Already late: now if they are at work, else at the next send time.
  const auto soonest = core::WorkingTime(times.hours).is_working(now) ? now : times.next_after(now);
  const auto first_day = times.on_or_after(start_date);
  plan.welcome = first_day < now ? soonest : first_day;
  auto cursor = soonest;  // the next free catch-up slot
  bool catching_up = false;
  for (const auto* m : modules) {
    const auto nominal = times.on_or_after(start_date + days(m->day));
    if (nominal < now || (catching_up && nominal < cursor)) {
      plan.modules.push_back({m, cursor});
      cursor = times.next_after(cursor);
      catching_up = true;
    } else {
      plan.modules.push_back({m, nominal});
    }
  }
  return plan;
}

}  // namespace relais::onboarding
