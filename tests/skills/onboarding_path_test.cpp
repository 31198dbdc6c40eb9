// The onboarding path as content, and when its modules reach a starter.
#include <doctest/doctest.h>

#include <fstream>

#include "bot/core/dates.hpp"
#include "skills/onboarding/onboarding_path.hpp"
#include "skills/onboarding/onboarding_schedule.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"

using namespace relais;
using relais::testing::problems_text;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

namespace {
const std::string good = "---\nid: teams-basics\nday: 1\nminutes: 20\nlink: https://learn.example/t\n---\n\n"
                         "# en: Teams basics\nChats and channels.\n\n# fr: Les bases de Teams\nConversations.\n";

core::TimePoint utc(const std::string& date, int hour, int minute = 0) {
  return core::TimePoint(*core::parse_iso_date(date)) + hours(hour) + minutes(minute);
}

onboarding::SendTimes brussels() {
  onboarding::SendTimes t;
  t.hours.zone = *core::TimeZone::named("Europe/Brussels");
  t.send_minute = 9 * 60 + 30;
  return t;
}

std::vector<onboarding::Module> modules(std::initializer_list<int> days_after_start) {
  std::vector<onboarding::Module> out;
  for (int d : days_after_start) out.push_back({"m" + std::to_string(d), d, 10, "https://l.example", {}, {}, {{"en", "T", ""}}, ""});
  return out;
}

std::vector<const onboarding::Module*> pointers(const std::vector<onboarding::Module>& ms) {
  std::vector<const onboarding::Module*> out;
  for (const auto& m : ms) out.push_back(&m);
  return out;
}
}  // namespace

TEST_CASE("a module file gives its day, duration, link and texts per language") {
  Problems problems;
  const auto m = onboarding::parse_module(good, "m.md", problems);
  REQUIRE(m);
  CHECK(problems.empty());
  CHECK(m->id == "teams-basics");
  CHECK(m->day == 1);
  CHECK(m->minutes == 20);
  CHECK(m->text_for("fr").title == "Les bases de Teams");
  CHECK(m->text_for("de").title == "Teams basics");  // English when the language is missing
  CHECK(m->text_for("en").description == "Chats and channels.");
}

TEST_CASE("every problem in a module file is reported with its line") {
  Problems problems;
  CHECK_FALSE(onboarding::parse_module("---\nid: x\nday: -2\nminutes: lots\nlink: ftp://x\nroles: boss\ncolour: red\n---\n"
                                       "Some text\n# xx: Title\n",
                                       "m.md", problems));
  CHECK(problems_text(problems) ==
        "m.md:3: day \"-2\" is not a whole number of days from 0 to 365\n"
        "m.md:4: minutes \"lots\" is not a duration from 1 to 600\n"
        "m.md:5: link \"ftp://x\" is not an http:// or https:// address\n"
        "m.md:6: unknown role \"boss\"\n"
        "m.md:7: unknown header key \"colour\" (id, day, minutes, link, circles, roles)\n"
        "m.md:9: text before the first \"# <language>: <title>\"\n"
        "m.md:10: expected \"# <fr|nl|en|de>: <title>\"\n"
        "m.md: the module has no title: add \"# en: <title>\"\n");
  problems.clear();
  CHECK_FALSE(onboarding::parse_module("---\nid: x\nday: 1\nminutes: 5\n---\n# en: T\n", "n.md", problems));
  CHECK(problems_text(problems) == "n.md:1: the module has no link\n");
}

TEST_CASE("a path loads in day order; an unknown circle and a duplicate id are problems") {
  relais::testing::TempDir dir;
  std::ofstream(dir / "b.md") << good;
  std::ofstream(dir / "a.md") << "---\nid: welcome\nday: 0\nminutes: 5\nlink: https://l.example/w\ncircles: Finance\n---\n# en: W\n";
  Problems problems;
  auto path = onboarding::load_path(dir.path(), {"Finance", "Operations"}, problems);
  CHECK(problems.empty());
  REQUIRE(path.size() == 2);
  CHECK(path[0].id == "welcome");
  CHECK(path[1].id == "teams-basics");
  core::Person ops{.id = "p", .circle = "Operations", .roles = {core::Role::starter}};
  CHECK(onboarding::modules_for(path, ops).size() == 1);

  std::ofstream(dir / "c.md") << "---\nid: welcome\nday: 3\nminutes: 5\nlink: https://l.example/x\ncircles: Legal\n---\n# en: X\n";
  path = onboarding::load_path(dir.path(), {"Finance", "Operations"}, problems);
  CHECK(relais::testing::contains(problems_text(problems), "c.md:2: module id \"welcome\" is also used by"));
  problems.clear();
  std::ofstream(dir / "c.md") << "---\nid: legal\nday: 3\nminutes: 5\nlink: https://l.example/x\ncircles: Legal\n---\n# en: X\n";
  onboarding::load_path(dir.path(), {"Finance", "Operations"}, problems);
  CHECK(relais::testing::contains(problems_text(problems), "c.md: unknown circle \"Legal\""));
}

TEST_CASE("the bundled path is valid") {
  Problems problems;
  const auto path = onboarding::load_path(relais::testing::source_dir() / "knowledge/onboarding",
                                          {"Finance", "Operations", "Customer Care"}, problems);
  CHECK(problems_text(problems) == "");
  CHECK(path.size() == 5);
}

TEST_CASE("modules fall on their day at the send time, moved off weekends and holidays, in local time") {
  auto t = brussels();
  t.hours.holidays.insert(*core::parse_iso_date("2026-12-25"));  // a Friday
  const auto ms = modules({0, 1, 3});
  // Start Thursday 2026-12-24, planned the week before: Thursday, Friday is a holiday -> Monday,
  // day 3 is Sunday -> Monday too. 09:30 in Brussels is 08:30 UTC in winter.
  const auto plan = onboarding::plan_path(pointers(ms), *core::parse_iso_date("2026-12-24"), t, utc("2026-12-17", 12));
  CHECK(plan.welcome == utc("2026-12-24", 8, 30));
  REQUIRE(plan.modules.size() == 3);
  CHECK(plan.modules[0].due == utc("2026-12-24", 8, 30));
  CHECK(plan.modules[1].due == utc("2026-12-28", 8, 30));
  CHECK(plan.modules[2].due == utc("2026-12-28", 8, 30));

  // In summer the same local time is 07:30 UTC; in New York it is 14:30 UTC.
  CHECK(onboarding::plan_path(pointers(ms), *core::parse_iso_date("2026-07-06"), t, utc("2026-07-01", 12)).welcome ==
        utc("2026-07-06", 7, 30));
  auto ny = t;
  ny.hours.zone = *core::TimeZone::named("America/New_York");
  CHECK(onboarding::plan_path(pointers(ms), *core::parse_iso_date("2026-12-01"), ny, utc("2026-11-25", 12)).welcome ==
        utc("2026-12-01", 14, 30));
}

TEST_CASE("a late joiner catches up one module per working day, not all at once") {
  const auto t = brussels();
  const auto ms = modules({0, 1, 2, 3, 10});
  // Started Monday 2026-11-16; imported on Wednesday 2026-11-18 at 14:00 local (13:00 UTC).
  const auto now = utc("2026-11-18", 13);
  const auto plan = onboarding::plan_path(pointers(ms), *core::parse_iso_date("2026-11-16"), t, now);
  CHECK(plan.welcome == now);                                   // at work: welcomed at once
  CHECK(plan.modules[0].due == now);                            // the first one too
  CHECK(plan.modules[1].due == utc("2026-11-19", 8, 30));       // then one a day
  CHECK(plan.modules[2].due == utc("2026-11-20", 8, 30));
  CHECK(plan.modules[3].due == utc("2026-11-23", 8, 30));       // (its own day, Thursday, is taken: after the weekend)
  CHECK(plan.modules[4].due == utc("2026-11-26", 8, 30));       // day 10 keeps its day

  // Imported on a Saturday: everything waits for Monday's send time.
  const auto weekend = onboarding::plan_path(pointers(ms), *core::parse_iso_date("2026-11-16"), t, utc("2026-11-21", 10));
  CHECK(weekend.welcome == utc("2026-11-23", 8, 30));
  CHECK(weekend.modules[0].due == utc("2026-11-23", 8, 30));
  CHECK(weekend.modules[1].due == utc("2026-11-24", 8, 30));
}

TEST_CASE("reminders count working days") {
  const auto t = brussels();
  CHECK(t.working_days_after(utc("2026-11-19", 9), 3) == utc("2026-11-24", 8, 30));  // Thu + 3 -> Tue
  CHECK(t.next_after(utc("2026-11-20", 10)) == utc("2026-11-23", 8, 30));           // Fri after 09:30 -> Mon
  CHECK(t.next_after(utc("2026-11-20", 7)) == utc("2026-11-20", 8, 30));            // Fri before 09:30 -> Fri
}
