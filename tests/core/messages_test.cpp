#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "bot/core/messages.hpp"
#include "support/temp_dir.hpp"

using namespace relais;
using relais::testing::TempDir;

TEST_CASE("placeholders are filled and unknown ones are left visible") {
  CHECK(core::fill("Hi {name}, #{id}", {{"name", "Ana"}, {"id", "4"}}) == "Hi Ana, #4");
  CHECK(core::fill("{missing} stays", {}) == "{missing} stays");
  CHECK(core::fill("unclosed {brace", {{"brace", "x"}}) == "unclosed {brace");
}

TEST_CASE("the bundled messages load in all four languages without a problem") {
  Problems problems;
  const auto catalog = core::MessageCatalog::load(relais::testing::source_dir() / "knowledge/messages", problems);
  CHECK(problems.empty());
  CHECK(catalog.text("fr", "card.button_claim") == "Je m'en occupe");
  CHECK(catalog.text("de", "faq.button_helpful") == "Hilfreich");
  CHECK(catalog.text("nl", "card.title", {{"id", "7"}}) == "Vraag #7");
}

TEST_CASE("a missing key or a placeholder mismatch in a translation is reported with its file and key") {
  TempDir dir;
  dir.write("en.json", R"({"a": "Hello {name}", "b": "Bye"})");
  dir.write("fr.json", R"({"a": "Bonjour {nom}", "b": "Salut"})");
  dir.write("nl.json", R"({"a": "Hallo {name}"})");
  dir.write("de.json", R"({"a": "Hallo {name}", "b": "Tschüss", "c": "extra"})");
  Problems problems;
  const auto catalog = core::MessageCatalog::load(dir.path(), problems);
  std::set<std::string> where;
  for (const auto& p : problems) where.insert(std::filesystem::path(p.where).filename().string() + " " + p.what);
  CHECK(where.contains("fr.json: a placeholders differ from en.json"));
  CHECK(where.contains("nl.json: b missing (present in en.json)"));
  CHECK(where.contains("de.json: c unknown key (not in en.json)"));
  CHECK(problems.size() == 3);
  SUBCASE("a sentence missing in a language falls back to English") {
    CHECK(catalog.text("nl", "b") == "Bye");
  }
}

TEST_CASE("a message file that is not a JSON object is a problem, not a crash") {
  TempDir dir;
  dir.write("en.json", "[1, 2");
  Problems problems;
  core::MessageCatalog::load(dir.path(), problems);
  CHECK(problems.size() == 4);  // en malformed, fr/nl/de missing
}

TEST_CASE("every sentence key the code uses exists in en.json") {
  Problems problems;
  const auto catalog = core::MessageCatalog::load(relais::testing::source_dir() / "knowledge/messages", problems);
  const std::regex say(R"rx(say\((?:[^;()]*?, )?"([a-z_]+\.[a-z_]+)")rx");
  std::set<std::string> used;
  for (const auto& root : {"skills", "bot"}) {
    for (const auto& f : std::filesystem::recursive_directory_iterator(relais::testing::source_dir() / root)) {
      if (f.path().extension() != ".cpp") continue;
      std::ifstream in(f.path());
      std::stringstream s;
      s << in.rdbuf();
      const std::string text = s.str();
      for (std::sregex_iterator it(text.begin(), text.end(), say), end; it != end; ++it) used.insert((*it)[1]);
    }
  }
  CHECK(used.size() > 40);
  std::ifstream en_file(relais::testing::source_dir() / "knowledge/messages/en.json");
  const auto en = nlohmann::json::parse(en_file);
  for (const auto& key : used) {
    CAPTURE(key);
    if (key.ends_with('_')) {  // a prefix completed at run time ("event.button_" + "yes")
      CHECK(std::any_of(en.items().begin(), en.items().end(), [&](const auto& kv) { return kv.key().starts_with(key); }));
      continue;
    }
    CHECK(catalog.has("en", key));
  }
}
