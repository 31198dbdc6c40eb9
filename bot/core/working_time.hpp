#pragma once
// Escalation timers count working time only: "15 working minutes" asked at 17:25 on a Friday
// falls due at 09:10 on Monday (with 09:00-17:30, Monday to Friday), skipping public holidays.
// Hours are local to a time zone: the organisation's (routing.time_zone), or a person's own.
#include <array>
#include <chrono>
#include <filesystem>
#include <set>
#include <string>

#include "bot/core/clock.hpp"
#include "bot/core/person.hpp"
#include "bot/core/problem.hpp"
#include "bot/core/time_zone.hpp"

namespace relais::core {

struct WorkingHours {
  int start_minute = 9 * 60;        ///< local time of day
  int end_minute = 17 * 60 + 30;
  std::array<bool, 7> days{false, true, true, true, true, true, false};  ///< Sunday = 0
  std::set<std::chrono::sys_days> holidays;                               ///< local dates
  core::TimeZone zone;                                                    ///< the machine's unless set
};

/// Parses "09:00-17:30"; false if it is not a valid, non-empty range.
bool parse_hours(const std::string& text, WorkingHours& out);
/// Parses "mon,tue,wed,thu,fri"; false on an unknown day.
bool parse_days(const std::string& text, WorkingHours& out);
/// Parses a person's own hours: "08:00-16:00", or days first: "mon,tue,thu 08:00-16:00".
bool parse_schedule(const std::string& text, WorkingHours& out);
/// Reads "YYYY-MM-DD  name" lines (# comments); problems carry file:line. A missing file is fine.
void load_holidays(const std::filesystem::path& file, WorkingHours& out, Problems& problems);

/// A person's hours: their own days, hours and zone where the directory gives them, else the
/// organisation's; the organisation's holidays either way.
WorkingHours personal_hours(const WorkingHours& organisation, const Person& person);

class WorkingTime {
 public:
  explicit WorkingTime(WorkingHours hours = {}) : hours_(std::move(hours)) {}

  /// The moment `work` of working time after `from`.
  core::TimePoint add(core::TimePoint from, std::chrono::minutes work) const;
  bool is_working(core::TimePoint t) const;
  const WorkingHours& hours() const { return hours_; }

 private:
  WorkingHours hours_;
};

}  // namespace relais::core
