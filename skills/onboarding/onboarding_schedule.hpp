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
#include "bot/core/send_times.hpp"
#include "skills/onboarding/onboarding_path.hpp"

namespace relais::onboarding {

using core::SendTimes;

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
