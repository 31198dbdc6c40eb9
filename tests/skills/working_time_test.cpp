#include <doctest/doctest.h>

#include "skills/escalation/working_time.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"

using namespace relais;
using namespace std::chrono;
using relais::testing::contains;
using relais::testing::problems_text;

namespace {
/// A Brussels wall-clock time (the tests run with TZ=Europe/Brussels, as relais serve sets it).
core::TimePoint brussels(int y, unsigned m, unsigned d, int h, int min) {
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = static_cast<int>(m) - 1;
  tm.tm_mday = static_cast<int>(d);
  tm.tm_hour = h;
  tm.tm_min = min;
  tm.tm_isdst = -1;
  return core::TimePoint(duration_cast<milliseconds>(seconds(std::mktime(&tm))));
}
}  // namespace

TEST_CASE("working minutes inside a working day simply add up") {
  escalation::WorkingTime w;
  CHECK(w.add(brussels(2026, 11, 23, 10, 0), minutes(15)) == brussels(2026, 11, 23, 10, 15));
  CHECK(w.add(brussels(2026, 11, 23, 7, 30), minutes(15)) == brussels(2026, 11, 23, 9, 15));  // before opening
}

TEST_CASE("working time stops in the evening and over the weekend") {
  escalation::WorkingTime w;
  CHECK(w.add(brussels(2026, 11, 23, 17, 25), minutes(15)) == brussels(2026, 11, 24, 9, 10));
  CHECK(w.add(brussels(2026, 11, 27, 17, 20), minutes(15)) == brussels(2026, 11, 30, 9, 5));  // Friday -> Monday
  CHECK(w.add(brussels(2026, 11, 28, 12, 0), minutes(60)) == brussels(2026, 11, 30, 10, 0));  // asked on Saturday
  CHECK(w.add(brussels(2026, 11, 23, 10, 0), minutes(510)) == brussels(2026, 11, 24, 10, 0));
}

TEST_CASE("public holidays are skipped") {
  escalation::WorkingHours hours;
  hours.holidays.insert(sys_days(2026y / December / 25));
  escalation::WorkingTime w(hours);
  CHECK(w.add(brussels(2026, 12, 24, 17, 0), minutes(60)) == brussels(2026, 12, 28, 9, 30));  // Thu -> Mon
  CHECK_FALSE(w.is_working(brussels(2026, 12, 25, 11, 0)));
  CHECK(w.is_working(brussels(2026, 12, 24, 11, 0)));
}

TEST_CASE("the change to winter time does not shift working hours") {
  escalation::WorkingTime w;
  // 2026-10-25 is the Sunday clocks go back; Friday 17:00 + 60 working minutes is Monday 09:30 local.
  CHECK(w.add(brussels(2026, 10, 23, 17, 0), minutes(60)) == brussels(2026, 10, 26, 9, 30));
}

TEST_CASE("hours, days and holiday files are parsed, with problems naming file and line") {
  escalation::WorkingHours h;
  CHECK(escalation::parse_hours("08:30-16:00", h));
  CHECK(h.start_minute == 8 * 60 + 30);
  CHECK_FALSE(escalation::parse_hours("17:00-09:00", h));
  CHECK_FALSE(escalation::parse_hours("9-5", h));
  CHECK(escalation::parse_days("mon, wed,fri", h));
  CHECK(h.days == std::array<bool, 7>{false, true, false, true, false, true, false});
  CHECK_FALSE(escalation::parse_days("mon,funday", h));
  relais::testing::TempDir dir;
  const auto file = dir.write("holidays.txt", "# comment\n2026-12-25 Christmas\nsoon  Party\n");
  Problems problems;
  escalation::load_holidays(file, h, problems);
  CHECK(h.holidays.count(sys_days(2026y / December / 25)) == 1);
  CHECK(contains(problems_text(problems), "holidays.txt:3: expected a date YYYY-MM-DD"));
}
