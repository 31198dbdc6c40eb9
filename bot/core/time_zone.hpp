#pragma once
// Local time in a named time zone, for working hours that differ per person.
//
// GCC 12's standard library has no time zone database, so a zone is read from the system's
// zoneinfo files (tzdata): the rule at the end of a TZif file ("CET-1CEST,M3.5.0,M10.5.0/3")
// describes the zone's current and future offsets, which is all that timers and working hours
// need, and Boost.DateTime evaluates it. Zones are cached: each file is read once.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "bot/core/clock.hpp"

namespace relais::core {

struct LocalTime {
  std::chrono::sys_days date;  ///< the local calendar date
  int weekday = 0;             ///< Sunday = 0
  int minute = 0;              ///< minutes since local midnight
};

class TimeZone {
 public:
  struct Rule;  ///< opaque: the parsed rule, shared by every copy
  /// The machine's own zone (TZ, else /etc/localtime); UTC if neither can be read. Read once
  /// per process: every default working calendar starts from it.
  TimeZone();
  /// A zone by its IANA name ("Europe/Brussels"); nothing if there is no such zone.
  static std::optional<TimeZone> named(std::string_view name);
  /// A zone from a POSIX rule such as "EST5EDT,M3.2.0,M11.1.0"; nothing if it does not parse.
  static std::optional<TimeZone> from_rule(std::string_view rule, std::string name = {});

  const std::string& name() const;
  LocalTime local(TimePoint t) const;
  /// The instant a local clock on `date` shows `minute`. In the hour skipped when clocks go
  /// forward, read as standard time (02:30 becomes 03:30); in the hour repeated when they go
  /// back, the first of the two.
  TimePoint at(std::chrono::sys_days date, int minute) const;

 private:
  explicit TimeZone(std::shared_ptr<const Rule> rule) : rule_(std::move(rule)) {}
  static std::shared_ptr<const Rule> machine_rule();
  std::shared_ptr<const Rule> rule_;
};

}  // namespace relais::core
