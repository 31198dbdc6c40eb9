#include <doctest/doctest.h>

#include <set>

#include "skills/faq/faq_entry.hpp"
#include "support/text.hpp"
#include "support/temp_dir.hpp"

using namespace relais;
using relais::testing::contains;
using relais::testing::problems_text;

namespace {
const char* good = R"(---
id: vpn-connect
topics: vpn, network
link: https://intranet.example/vpn
---

# en: How do I connect to the VPN?
? vpn does not connect
? work from home network access

1. Open **GlobalConnect**.
2. Select *Connect*.

# fr: Comment me connecter au VPN ?

Ouvrez **GlobalConnect** puis *Connecter*.
)";

}  // namespace

TEST_CASE("an FAQ entry is read with its header, phrasings and Markdown answer per language") {
  Problems problems;
  const auto e = faq::parse_entry(good, "vpn.md", problems);
  CHECK(problems_text(problems) == "");
  REQUIRE(e);
  CHECK(e->id == "vpn-connect");
  CHECK(e->topics == std::vector<std::string>{"vpn", "network"});
  CHECK(e->link == "https://intranet.example/vpn");
  REQUIRE(e->translations.size() == 2);
  CHECK(e->translations[0].question == "How do I connect to the VPN?");
  CHECK(e->translations[0].alternatives.size() == 2);
  CHECK(e->translations[0].answer == "1. Open **GlobalConnect**.\n2. Select *Connect*.");
  CHECK(e->translations[1].line == 14);
  CHECK(e->best_translation("fr").language == "fr");
  CHECK(e->best_translation("de").language == "en");
}

TEST_CASE("FAQ problems are reported with file and line") {
  Problems problems;
  SUBCASE("bad header") {
    faq::parse_entry("---\nid: Bad Id\ncolour: red\nlink: ftp://x\n---\n# en: Q?\nA\n", "x.md", problems);
    const auto t = problems_text(problems);
    CHECK(t.find("x.md:2: id must use a-z, 0-9 and -") != std::string::npos);
    CHECK(t.find("x.md:3: unknown header key \"colour\"") != std::string::npos);
    CHECK(t.find("x.md:4: link must start with https://") != std::string::npos);
  }
  SUBCASE("unknown language, empty answer, duplicate language") {
    faq::parse_entry("---\nid: a\n---\n# xx: Q?\nA\n# en: Q?\n\n# en: Again?\nB\n", "x.md", problems);
    const auto t = problems_text(problems);
    CHECK(t.find("x.md:4: expected \"# <fr|nl|en|de>: <question>\"") != std::string::npos);
    CHECK(t.find("x.md:8: language \"en\" appears twice") != std::string::npos);
    CHECK(t.find("x.md:6: the en answer is empty") != std::string::npos);
  }
  SUBCASE("no header at all") {
    CHECK_FALSE(faq::parse_entry("# en: Q?\nA\n", "x.md", problems));
    CHECK(problems_text(problems) == "x.md:1: expected a header starting with ---\n");
  }
}

TEST_CASE("two files with the same id are a problem naming both") {
  relais::testing::TempDir dir;
  dir.write("a.md", "---\nid: same\n---\n# en: A?\nA\n");
  dir.write("b.md", "---\nid: same\n---\n# en: B?\nB\n");
  Problems problems;
  const auto entries = faq::load_entries(dir.path(), problems);
  CHECK(entries.size() == 1);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].what.find("is also used by") != std::string::npos);
}

TEST_CASE("the bundled FAQ is valid: about 20 entries, each in French, Dutch and English") {
  Problems problems;
  const auto entries = faq::load_entries(relais::testing::source_dir() / "knowledge/faq", problems);
  CHECK(problems_text(problems) == "");
  CHECK(entries.size() >= 20);
  for (const auto& e : entries) {
    CAPTURE(e.id);
    std::set<std::string> langs;
    for (const auto& t : e.translations) langs.insert(t.language);
    CHECK(langs.contains("fr"));
    CHECK(langs.contains("nl"));
    CHECK(langs.contains("en"));
  }
}
