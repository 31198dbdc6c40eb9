#include <doctest/doctest.h>

#include <set>

#include "bot/core/csv.hpp"
#include "bot/core/dates.hpp"
#include "bot/identity/directory_csv.hpp"
#include "bot/identity/directory_sync.hpp"
#include "bot/storage/migrations.hpp"
#include "support/text.hpp"
#include "support/temp_dir.hpp"

using namespace relais;
using relais::testing::problems_text;

namespace {
const std::string header = "id,name,email,language,circle,roles,topics,start_date\n";

}  // namespace

TEST_CASE("the bundled demo directory has 3 circles, 20 people, 3 ambassadors and 2 starters") {
  Problems problems;
  const auto dir = identity::load_directory(relais::testing::source_dir() / "config/directory.example.csv", problems);
  CHECK(problems_text(problems) == "");
  CHECK(dir.people.size() == 20);
  int ambassadors = 0, starters = 0;
  std::set<std::string> circles;
  for (const auto& p : dir.people) {
    ambassadors += p.has(core::Role::ambassador);
    starters += p.has(core::Role::starter);
    circles.insert(p.circle);
  }
  CHECK(ambassadors == 3);
  CHECK(starters == 2);
  CHECK(circles.size() == 3);
}

TEST_CASE("quoted cells may hold commas, quotes and line breaks; a BOM and CRLF are fine") {
  const std::string text = "\xEF\xBB\xBF" + header.substr(0, header.size() - 1) + "\r\n" +
                           "p1,\"Doe, \"\"JD\"\" Jane\",,en,\"Ops\nNorth\",ambassador;it,teams; excel ,\r\n";
  Problems problems;
  const auto dir = identity::parse_directory(text, "d.csv", problems);
  CHECK(problems_text(problems) == "");
  REQUIRE(dir.people.size() == 1);
  const auto& p = dir.people[0];
  CHECK(p.name == "Doe, \"JD\" Jane");
  CHECK(p.circle == "Ops\nNorth");
  CHECK(p.roles == std::vector<core::Role>{core::Role::ambassador, core::Role::it});
  CHECK(p.topics == std::vector<std::string>{"teams", "excel"});
}

TEST_CASE("a person without roles is an employee") {
  Problems problems;
  const auto dir = identity::parse_directory(header + "p1,Jane,,fr,Ops,,,\n", "d.csv", problems);
  REQUIRE(dir.people.size() == 1);
  CHECK(dir.people[0].roles == std::vector<core::Role>{core::Role::employee});
}

TEST_CASE("optional time_zone and working_hours columns give a person their own hours") {
  const std::string with_hours = "id,name,email,language,circle,roles,topics,start_date,time_zone,working_hours\n";
  Problems problems;
  const auto dir = identity::parse_directory(with_hours +
                                                 "p1,Jane,,en,Ops,ambassador,,,America/New_York,\"mon,tue 08:00-12:00\"\n"
                                                 "p2,Joe,,en,Ops,ambassador,,,,\n"
                                                 "p3,Ann,,en,Ops,ambassador,,,Mars/Olympus,9-5\n",
                                             "d.csv", problems);
  REQUIRE(dir.people.size() == 2);
  CHECK(dir.people[0].time_zone == "America/New_York");
  CHECK(dir.people[0].working_hours == "mon,tue 08:00-12:00");
  CHECK(dir.people[1].time_zone.empty());
  const auto text = problems_text(problems);
  CHECK(relais::testing::contains(text, "d.csv:4: time_zone \"Mars/Olympus\" is not a known zone"));
  CHECK(relais::testing::contains(text, "d.csv:4: working_hours \"9-5\" is not like \"08:00-16:00\""));
}

TEST_CASE("optional site and languages columns: where an ambassador works and what else they speak") {
  Problems problems;
  const auto dir = identity::parse_directory("id,name,email,language,circle,roles,topics,start_date,site,languages\n"
                                             "p1,Jane,,en,Ops,ambassador,,,Ghent,fr;nl\n"
                                             "p2,Joe,,en,Ops,ambassador,,,,es\n",
                                             "d.csv", problems);
  REQUIRE(dir.people.size() == 1);
  CHECK(dir.people[0].site == "Ghent");
  CHECK(dir.people[0].languages == std::vector<std::string>{"fr", "nl"});
  CHECK(dir.people[0].speaks("nl"));
  CHECK_FALSE(dir.people[0].speaks("de"));
  CHECK(relais::testing::contains(problems_text(problems), "d.csv:3: languages: \"es\" is not one of fr, nl, en, de"));
}

TEST_CASE("every bad row is reported with its file and line, and the good rows are kept") {
  const std::string text = header +
                           "p1,Jane,jane@x.example,fr,Ops,employee,,\n"         // line 2: fine
                           "p1,Twin,,fr,Ops,employee,,\n"                       // 3: duplicate id
                           "p3,,,fr,Ops,employee,,\n"                           // 4: no name
                           "p4,Kim,kim-at-x,xx,Ops,wizard,,2026-02-30\n"        // 5: email, language, role, date
                           "p5,Lou,,en,Ops,starter,,2026-11-23,extra\n";        // 6: cell count
  Problems problems;
  const auto dir = identity::parse_directory(text, "d.csv", problems);
  const auto all = problems_text(problems);
  CHECK(all.find("d.csv:3: duplicate id \"p1\"") != std::string::npos);
  CHECK(all.find("d.csv:4: name is empty") != std::string::npos);
  CHECK(all.find("d.csv:5: email \"kim-at-x\" has no @") != std::string::npos);
  CHECK(all.find("d.csv:5: language \"xx\" is not one of fr, nl, en, de") != std::string::npos);
  CHECK(all.find("d.csv:5: unknown role \"wizard\"") != std::string::npos);
  CHECK(all.find("d.csv:5: start_date \"2026-02-30\" is not YYYY-MM-DD") != std::string::npos);
  CHECK(all.find("d.csv:6: expected 8 cells, found 9") != std::string::npos);
  REQUIRE(dir.people.size() == 1);
  CHECK(dir.people[0].id == "p1");
}

TEST_CASE("a missing column, an unterminated quote and invalid UTF-8 are reported") {
  Problems problems;
  SUBCASE("missing column") {
    identity::parse_directory("id,name,email,language,circle,roles,topics\n", "d.csv", problems);
    CHECK(problems_text(problems) == "d.csv:1: missing column \"start_date\"\n");
  }
  SUBCASE("unterminated quote") {
    identity::parse_directory(header + "p1,\"Jane,,fr,Ops,,,\n", "d.csv", problems);
    CHECK(problems_text(problems) == "d.csv:2: a quoted field is never closed\n");
  }
  SUBCASE("Latin-1 instead of UTF-8") {
    identity::parse_directory(header + "p1,Am\xE9lie,,fr,Ops,,,\n", "d.csv", problems);
    CHECK(problems_text(problems) == "d.csv: not valid UTF-8 (save the spreadsheet as CSV UTF-8)\n");
  }
  SUBCASE("an empty file") {
    identity::parse_directory("", "d.csv", problems);
    CHECK(problems_text(problems) == "d.csv: empty file: expected a header row\n");
  }
}

TEST_CASE("ISO dates are checked against the calendar") {
  CHECK(core::is_iso_date("2024-02-29"));
  CHECK_FALSE(core::is_iso_date("2023-02-29"));
  CHECK_FALSE(core::is_iso_date("2023-2-1"));
  CHECK_FALSE(core::is_iso_date("23/11/2026"));
}

TEST_CASE("an optional matrix_id column recognises people in Matrix; a malformed or repeated one is reported") {
  Problems problems;
  const std::string with_matrix = "id,name,email,language,circle,roles,topics,start_date,matrix_id\n";
  const auto dir = identity::parse_directory(with_matrix +
                                                 "p1,Jane,,fr,Ops,,,,@jane:example.org\n"
                                                 "p2,Joe,,fr,Ops,,,,joe@example.org\n"
                                                 "p3,Ann,,fr,Ops,,,,@jane:example.org\n"
                                                 "p4,Bob,,fr,Ops,,,,\n",
                                             "d.csv", problems);
  CHECK(problems_text(problems) ==
        "d.csv:3: matrix_id \"joe@example.org\" is not a Matrix user id like @alice:example.org\n"
        "d.csv:4: duplicate matrix_id \"@jane:example.org\"\n");
  REQUIRE(dir.people.size() == 2);
  CHECK(dir.people[0].matrix_id == "@jane:example.org");
  CHECK(dir.people[1].matrix_id.empty());
}

TEST_CASE("syncing an export adds, changes and lets leavers go; the same export twice changes nothing") {
  relais::testing::TempDir dir;
  storage::Database db(dir / "p.db", storage::Durability::normal);
  storage::migrate(db, storage::core_migrations());
  storage::PeopleStore people(db);
  Problems problems;
  auto first = identity::parse_directory(header + "p1,Jane,,fr,Ops,,,\np2,Joe,,nl,Ops,starter,,2026-12-01\n", "a.csv", problems);
  auto summary = identity::sync_directory(people, first, true, {});
  CHECK(summary.text() == "2 added, 0 changed, 0 left, 0 unchanged");
  CHECK_FALSE(identity::sync_directory(people, first, true, {}).any_change());
  const auto digest = identity::digest_of(first);

  auto second = identity::parse_directory(header + "p1,Jane Doe,,fr,Ops,,,\np3,Ann,,en,Ops,,,\n", "b.csv", problems);
  CHECK(problems.empty());
  summary = identity::sync_directory(people, second, true, {});
  CHECK(summary.text() == "1 added, 1 changed, 1 left, 0 unchanged");
  CHECK(summary.left == std::vector<std::string>{"p2"});
  CHECK_FALSE(people.find("p2"));
  CHECK(people.find("p1")->name == "Jane Doe");
  CHECK(identity::digest_of(second) != digest);

  identity::record_import(db, "/dir/a.csv", digest, summary, {});
  CHECK(identity::is_last_import(db, "/dir/a.csv", digest));
  CHECK_FALSE(identity::is_last_import(db, "/dir/a.csv", identity::digest_of(second)));
}
