#include "skills/onboarding/onboarding_schedule.hpp"

namespace relais::onboarding {

using std::chrono::days;
using std::chrono::sys_days;

Plan plan_path(const std::vector<const Module*>& modules, sys_days start_date, const SendTimes& times,
               core::TimePoint now) {
  Plan plan;
  // Already late: now if they are at work, else at the next send time.
  const auto soonest = times.soonest(now);
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
