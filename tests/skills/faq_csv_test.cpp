#include <doctest/doctest.h>

#include "skills/faq/faq_csv.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"

using namespace relais;
using relais::testing::contains;
using relais::testing::problems_text;
using relais::testing::TempDir;

namespace {
const std::string header = "id,language,question,alternatives,answer,topics,link\r\n";
}

TEST_CASE("exporting the bundled FAQ and importing the sheet changes nothing") {
  Problems problems;
  const auto entries = faq::load_entries(relais::testing::source_dir() / "knowledge/faq", problems);
  const auto sheet = faq::export_csv(entries);
  const auto back = faq::import_csv(sheet, "faq.csv", problems);
  CHECK(problems_text(problems) == "");
  REQUIRE(back.size() == entries.size());
  TempDir dir;
  std::filesystem::copy(relais::testing::source_dir() / "knowledge/faq", dir / "faq");
  const auto report = faq::write_entries(back, dir / "faq");
  CHECK(report.unchanged == static_cast<int>(entries.size()));
  CHECK(report.added + report.updated == 0);
}

TEST_CASE("a sheet with quotes, commas and line breaks in cells becomes knowledge files") {
  const std::string sheet = header +
                            "vpn,en,\"How do I use the VPN, at home?\",\"vpn at home\nremote access\","
                            "\"1. Open \"\"GlobalConnect\"\".\n2. Connect.\",\"vpn, network\",https://intranet.example/vpn\r\n"
                            "vpn,fr,Comment utiliser le VPN ?,,Ouvrez GlobalConnect.,\"vpn, network\",https://intranet.example/vpn\r\n";
  Problems problems;
  const auto entries = faq::import_csv(sheet, "s.csv", problems);
  CHECK(problems_text(problems) == "");
  REQUIRE(entries.size() == 1);
  const auto& e = entries[0];
  CHECK(e.topics == std::vector<std::string>{"vpn", "network"});
  CHECK(e.translations[0].question == "How do I use the VPN, at home?");
  CHECK(e.translations[0].alternatives == std::vector<std::string>{"vpn at home", "remote access"});
  CHECK(e.translations[0].answer == "1. Open \"GlobalConnect\".\n2. Connect.");
  TempDir dir;
  const auto first = faq::write_entries(entries, dir.path());
  CHECK(first.added == 1);
  Problems reread;
  const auto loaded = faq::load_entries(dir.path(), reread);
  REQUIRE(loaded.size() == 1);
  CHECK(loaded[0].same_content(e));
  CHECK(faq::write_entries(entries, dir.path()).unchanged == 1);
}

TEST_CASE("every bad row is reported with the sheet's file and line") {
  const std::string sheet = header +
                            "Bad Id,en,Q?,,A,,\r\n"                 // line 2
                            "ok,xx,Q?,,A,,\r\n"                     // 3
                            "ok,en,,,A,,\r\n"                       // 4
                            "ok,en,Q?,,,,ftp://x\r\n"               // 5
                            "two,en,Q?,,A,a,\r\n"
                            "two,en,Again?,,B,a,\r\n"               // 7: second en row
                            "two,fr,Q?,,B,b,\r\n";                  // 8: topics differ
  Problems problems;
  faq::import_csv(sheet, "s.csv", problems);
  const auto text = problems_text(problems);
  CHECK(contains(text, "s.csv:2: id \"Bad Id\""));
  CHECK(contains(text, "s.csv:3: language \"xx\""));
  CHECK(contains(text, "s.csv:4: the question is empty"));
  CHECK(contains(text, "s.csv:5: the answer is empty"));
  CHECK(contains(text, "s.csv:5: link must start with https://"));
  CHECK(contains(text, "s.csv:7: \"two\" has two en rows"));
  CHECK(contains(text, "s.csv:8: topics and link must be the same"));
}

TEST_CASE("a sheet without the expected header is refused") {
  Problems problems;
  faq::import_csv("question,answer\r\nQ,A\r\n", "s.csv", problems);
  REQUIRE(problems.size() == 1);
  CHECK(contains(problems[0].what, "the first row must be"));
}
