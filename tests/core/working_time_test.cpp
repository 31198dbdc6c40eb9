#include <doctest/doctest.h>

#include "bot/core/working_time.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"

using namespace relais;
using namespace std::chrono;
using relais::testing::contains;
using relais::testing::problems_text;

namespace {
const core::TimeZone brussels_zone = core::TimeZone::named("Europe/Brussels").value();

/// A Brussels wall-clock time.
core::TimePoint brussels(int y, unsigned m, unsigned d, int h, int min) {
  return brussels_zone.at(sys_days(year(y) / month(m) / day(d)), h * 60 + min);
}

/// The default hours (09:00-17:30, Monday to Friday) in Brussels.
core::WorkingHours brussels_hours() {
  core::WorkingHours hours;
  hours.zone = brussels_zone;
  return hours;
}
}  // namespace

TEST_CASE("working minutes inside a working day simply add up") {
  core::WorkingTime w(brussels_hours());
  CHECK(w.add(brussels(2026, 11, 23, 10, 0), minutes(15)) == brussels(2026, 11, 23, 10, 15));
  CHECK(w.add(brussels(2026, 11, 23, 7, 30), minutes(15)) == brussels(2026, 11, 23, 9, 15));  // before opening
}

TEST_CASE("working time stops in the evening and over the weekend") {
  core::WorkingTime w(brussels_hours());
  CHECK(w.add(brussels(2026, 11, 23, 17, 25), minutes(15)) == brussels(2026, 11, 24, 9, 10));
  CHECK(w.add(brussels(2026, 11, 27, 17, 20), minutes(15)) == brussels(2026, 11, 30, 9, 5));  // Friday -> Monday
  CHECK(w.add(brussels(2026, 11, 28, 12, 0), minutes(60)) == brussels(2026, 11, 30, 10, 0));  // asked on Saturday
  CHECK(w.add(brussels(2026, 11, 23, 10, 0), minutes(510)) == brussels(2026, 11, 24, 10, 0));
}

TEST_CASE("public holidays are skipped") {
  auto hours = brussels_hours();
  hours.holidays.insert(sys_days(2026y / December / 25));
  core::WorkingTime w(hours);
  CHECK(w.add(brussels(2026, 12, 24, 17, 0), minutes(60)) == brussels(2026, 12, 28, 9, 30));  // Thu -> Mon
  CHECK_FALSE(w.is_working(brussels(2026, 12, 25, 11, 0)));
  CHECK(w.is_working(brussels(2026, 12, 24, 11, 0)));
}

TEST_CASE("the change to winter time does not shift working hours") {
  core::WorkingTime w(brussels_hours());
  // 2026-10-25 is the Sunday clocks go back; Friday 17:00 + 60 working minutes is Monday 09:30 local.
  CHECK(w.add(brussels(2026, 10, 23, 17, 0), minutes(60)) == brussels(2026, 10, 26, 9, 30));
}

TEST_CASE("hours, days and holiday files are parsed, with problems naming file and line") {
  core::WorkingHours h;
  CHECK(core::parse_hours("08:30-16:00", h));
  CHECK(h.start_minute == 8 * 60 + 30);
  CHECK_FALSE(core::parse_hours("17:00-09:00", h));
  CHECK_FALSE(core::parse_hours("9-5", h));
  CHECK(core::parse_days("mon, wed,fri", h));
  CHECK(h.days == std::array<bool, 7>{false, true, false, true, false, true, false});
  CHECK_FALSE(core::parse_days("mon,funday", h));
  relais::testing::TempDir dir;
  const auto file = dir.write("holidays.txt", "# comment\n2026-12-25 Christmas\nsoon  Party\n");
  Problems problems;
  core::load_holidays(file, h, problems);
  CHECK(h.holidays.count(sys_days(2026y / December / 25)) == 1);
  CHECK(contains(problems_text(problems), "holidays.txt:3: expected a date YYYY-MM-DD"));
}
