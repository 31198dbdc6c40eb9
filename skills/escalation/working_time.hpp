#pragma once
// Escalation timers count working time only: "15 working minutes" asked at 17:25 on a Friday
// falls due at 09:10 on Monday (with 09:00-17:30, Monday to Friday), skipping public holidays.
// Local time is the process time zone (TZ), which `relais serve` sets from routing.time_zone;
// GCC 12's standard library has no time zone database of its own.
#include <array>
#include <chrono>
#include <filesystem>
#include <set>
#include <string>

#include "bot/core/clock.hpp"
#include "bot/core/problem.hpp"

namespace relais::escalation {

struct WorkingHours {
  int start_minute = 9 * 60;        ///< local time of day
  int end_minute = 17 * 60 + 30;
  std::array<bool, 7> days{false, true, true, true, true, true, false};  ///< Sunday = 0
  std::set<std::chrono::sys_days> holidays;                               ///< local dates
};

/// Parses "09:00-17:30"; false if it is not a valid, non-empty range.
bool parse_hours(const std::string& text, WorkingHours& out);
/// Parses "mon,tue,wed,thu,fri"; false on an unknown day.
bool parse_days(const std::string& text, WorkingHours& out);
/// Reads "YYYY-MM-DD  name" lines (# comments); problems carry file:line. A missing file is fine.
void load_holidays(const std::filesystem::path& file, WorkingHours& out, Problems& problems);

class WorkingTime {
 public:
  explicit WorkingTime(WorkingHours hours = {}) : hours_(std::move(hours)) {}

  /// The moment `work` of working time after `from`.
  core::TimePoint add(core::TimePoint from, std::chrono::minutes work) const;
  bool is_working(core::TimePoint t) const;

 private:
  WorkingHours hours_;
};

}  // namespace relais::escalation
