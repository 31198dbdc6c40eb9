#include <doctest/doctest.h>

#include <filesystem>

#include "bot/core/dates.hpp"
#include "bot/core/time_zone.hpp"
#include "bot/core/working_time.hpp"

using namespace relais;
using namespace std::chrono;

namespace {
core::TimePoint utc(sys_days d, int h, int m) { return time_point_cast<milliseconds>(d + hours(h) + minutes(m)); }
}  // namespace

TEST_CASE("local time follows each zone's offsets and daylight saving") {
  const auto brussels = core::TimeZone::named("Europe/Brussels").value();
  const auto monday = sys_days(2026y / November / 23);
  auto here = brussels.local(utc(monday, 9, 0));
  CHECK(here.date == monday);
  CHECK(here.weekday == 1);
  CHECK(here.minute == 10 * 60);                                                  // CET, UTC+1
  CHECK(brussels.local(utc(sys_days(2026y / July / 1), 9, 0)).minute == 11 * 60);  // CEST, UTC+2
  CHECK(brussels.local(utc(monday, 23, 30)).date == monday + days(1));             // already Tuesday there

  const auto new_york = core::TimeZone::named("America/New_York").value();
  here = new_york.local(utc(monday, 3, 0));
  CHECK(here.date == monday - days(1));  // still Sunday evening
  CHECK(here.weekday == 0);
  CHECK(here.minute == 22 * 60);
  CHECK(core::TimeZone::named("Asia/Kolkata")->local(utc(monday, 0, 0)).minute == 5 * 60 + 30);
}

TEST_CASE("a local clock time maps to its instant, also around the clock changes") {
  const auto brussels = core::TimeZone::named("Europe/Brussels").value();
  CHECK(brussels.at(sys_days(2026y / November / 23), 9 * 60) == utc(sys_days(2026y / November / 23), 8, 0));
  CHECK(brussels.at(sys_days(2026y / July / 1), 9 * 60) == utc(sys_days(2026y / July / 1), 7, 0));
  // 2026-03-29: 02:00 jumps to 03:00, so 02:30 does not exist and is read as standard time.
  CHECK(brussels.at(sys_days(2026y / March / 29), 2 * 60 + 30) == utc(sys_days(2026y / March / 29), 1, 30));
  // 2026-10-25: 02:30 happens twice; the first (summer time) is meant.
  CHECK(brussels.at(sys_days(2026y / October / 25), 2 * 60 + 30) == utc(sys_days(2026y / October / 25), 0, 30));
  for (int minute = 0; minute < 24 * 60; minute += 7) {  // round trip through a whole day
    const auto day = sys_days(2026y / May / 12);
    const auto back = brussels.local(brussels.at(day, minute));
    CHECK(back.date == day);
    CHECK(back.minute == minute);
  }
}

TEST_CASE("unknown zone names and bad rules are refused; every installed zone loads") {
  CHECK_FALSE(core::TimeZone::named("Mars/Olympus"));
  CHECK_FALSE(core::TimeZone::named("../../etc/passwd"));
  CHECK_FALSE(core::TimeZone::named("/etc/localtime"));
  CHECK_FALSE(core::TimeZone::named(""));
  CHECK_FALSE(core::TimeZone::from_rule("not a rule at all"));
  for (const char* bad : {"", "CET", "CET-", "-1", "<+03", "CET-1CEST,M3", "CET-1CEST,M3.5.0/x", "CET 1", "CET-1CEST,,"})
    CHECK_FALSE(core::TimeZone::from_rule(bad));
  CHECK(core::TimeZone::from_rule("EST5EDT,M3.2.0,M11.1.0"));
  int loaded = 0, failed = 0;
  const std::filesystem::path root = "/usr/share/zoneinfo";
  for (const auto* area : {"Europe", "America", "Asia", "Africa", "Australia", "Pacific"})
    for (const auto& entry : std::filesystem::directory_iterator(root / area))
      if (entry.is_regular_file()) {
        const auto name = std::filesystem::relative(entry.path(), root).string();
        if (core::TimeZone::named(name)) ++loaded;
        else {
          ++failed;
          MESSAGE("cannot load " << name);
        }
      }
  CHECK(loaded > 300);
  CHECK(failed == 0);
}

TEST_CASE("a person's own hours and zone replace the organisation's, holidays stay") {
  core::WorkingHours org;
  org.zone = core::TimeZone::named("Europe/Brussels").value();
  org.holidays.insert(sys_days(2026y / December / 25));
  core::Person p;
  p.working_hours = "mon,tue 07:30-12:00";
  p.time_zone = "America/New_York";
  const auto mine = core::personal_hours(org, p);
  CHECK(mine.start_minute == 7 * 60 + 30);
  CHECK(mine.end_minute == 12 * 60);
  CHECK(mine.days == std::array<bool, 7>{false, true, true, false, false, false, false});
  CHECK(mine.zone.name() == "America/New_York");
  CHECK(mine.holidays.count(sys_days(2026y / December / 25)) == 1);
  const core::WorkingTime w(mine);
  CHECK(w.is_working(utc(sys_days(2026y / November / 23), 13, 0)));      // Monday 08:00 in New York
  CHECK_FALSE(w.is_working(utc(sys_days(2026y / November / 23), 9, 0)));  // 04:00 there
  CHECK_FALSE(w.is_working(utc(sys_days(2026y / November / 25), 13, 0))); // a Wednesday

  core::Person plain;
  CHECK(core::personal_hours(org, plain).zone.name() == "Europe/Brussels");
  core::WorkingHours h;
  CHECK_FALSE(core::parse_schedule("mon,tue", h));
  CHECK_FALSE(core::parse_schedule("someday 08:00-12:00", h));
  CHECK(core::parse_schedule("08:00-12:00", h));
}

TEST_CASE("ISO dates are read strictly and written back") {
  CHECK(core::parse_iso_date("2024-02-29") == sys_days(2024y / February / 29));
  CHECK_FALSE(core::parse_iso_date("2023-02-29"));
  CHECK_FALSE(core::parse_iso_date("2023-2-1"));
  CHECK(core::format_iso_date(sys_days(2026y / March / 5)) == "2026-03-05");
}
