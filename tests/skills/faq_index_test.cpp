#include <doctest/doctest.h>

#include <algorithm>

#include "skills/faq/faq_index.hpp"
#include "skills/faq/text/language_detector.hpp"
#include "skills/faq/text/unicode.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"

using namespace relais;
using relais::testing::problems_text;
using relais::testing::source_dir;
using Terms = std::vector<std::string>;

namespace {
faq::text::Lexicon bundled_lexicon() {
  Problems problems;
  auto lexicon = faq::load_lexicon(source_dir() / "knowledge", problems);
  REQUIRE(problems_text(problems) == "");
  return lexicon;
}
}  // namespace

TEST_CASE("words are lower-cased and split on apostrophes; hyphenated words also come whole") {
  std::vector<std::string> got;
  for (const auto& w : faq::text::words("L'ÉCRAN d'Inès: e-mail, Straße!")) got.push_back(w.lower);
  CHECK(got == Terms{"l", "écran", "d", "inès", "e", "mail", "email", "straße"});
}

TEST_CASE("folding removes accents and expands ligatures") {
  CHECK(faq::text::fold("écran") == "ecran");
  CHECK(faq::text::fold("straße") == "strasse");
  CHECK(faq::text::fold("œuvre") == "oeuvre");
  CHECK(faq::text::fold("łódź") == "lodz");
  CHECK(faq::text::fold("привет") == "привет");  // other scripts pass through
}

TEST_CASE("each language is stemmed with its own Snowball stemmer, stop words removed") {
  const auto lexicon = bundled_lexicon();
  SUBCASE("English") {
    faq::text::Analyzer en("en", lexicon);
    CHECK(en.terms("How do I share my screens?") == Terms{"share", "~6", "screen", "~7"});
  }
  SUBCASE("French") {
    faq::text::Analyzer fr("fr", lexicon);
    CHECK(fr.terms("Comment partager mes écrans ?") == Terms{"partag", "~6", "ecran", "~7"});
  }
  SUBCASE("Dutch") {
    faq::text::Analyzer nl("nl", lexicon);
    CHECK(nl.terms("Hoe deel ik mijn schermen") == Terms{"del", "~6", "scherm", "~7"});
  }
  SUBCASE("German") {
    faq::text::Analyzer de("de", lexicon);
    CHECK(de.terms("Wie teile ich meinen Bildschirm?") == Terms{"teil", "~6", "bildschirm", "~7"});
  }
}

TEST_CASE("German and Dutch compounds are split into words the collection knows") {
  faq::text::Lexicon lexicon;
  faq::text::Analyzer de("de", lexicon);
  de.learn("Der Schutz vor einer Impfung. Eine Maske hilft. Die Pflicht gilt.");
  const auto terms = de.terms("Schutzimpfung Maskenpflicht");
  CHECK(terms == Terms{"schutzimpf", "schutz", "impfung", "maskenpflicht", "mask", "pflicht"});
  faq::text::Analyzer nl("nl", lexicon);
  nl.learn("het wachtwoord van de computer");
  CHECK(nl.terms("computerwachtwoord") == Terms{"computerwachtwoord", "computer", "wachtwoord"});
  faq::text::Analyzer en("en", lexicon);
  en.learn("pass word");
  CHECK(en.terms("password") == Terms{"password"});  // English is not decompounded
}

TEST_CASE("German and Dutch separable verbs are joined again when the collection uses the verb") {
  const auto lexicon = bundled_lexicon();
  faq::text::Analyzer de("de", lexicon);
  de.learn("Outlook einrichten. Wie vermeide ich eine Ansteckung?");
  const auto has = [](const Terms& terms, const std::string& term) {
    return std::find(terms.begin(), terms.end(), term) != terms.end();
  };
  CHECK(has(de.terms("Wie richte ich Outlook ein?"), "einricht"));
  CHECK(has(de.terms("Wie stecke ich mich an?"), "ansteck"));
  CHECK(has(de.terms("Steckt man sich leicht an? Wie richte ich Outlook ein?"), "einricht"));  // one per clause
  CHECK_FALSE(has(de.terms("Ich richte ein Postfach"), "einricht"));  // "ein" does not end the clause
  CHECK_FALSE(has(de.terms("Wie schalte ich es aus?"), "ausschalt"));  // a verb the collection never uses

  faq::text::Analyzer nl("nl", lexicon);
  nl.learn("teams-meldingen uitzetten; een gast toevoegen");
  CHECK(has(nl.terms("Hoe zet ik de meldingen uit?"), nl.terms("uitzetten").front()));
  CHECK(has(nl.terms("Hoe voeg ik een gast toe?"), nl.terms("toevoegen").front()));

  faq::text::Analyzer en("en", lexicon);
  en.learn("sign in");
  CHECK(en.terms("How do I sign in?") == en.terms("How do I sign in"));  // English verbs stay as they are
}

TEST_CASE("a Dutch question with a separable verb finds the entry that uses the verb whole") {
  const auto lexicon = bundled_lexicon();
  Problems problems;
  auto entries = faq::load_entries(source_dir() / "knowledge" / "faq", problems);
  REQUIRE(problems_text(problems) == "");
  const faq::FaqIndex index(std::move(entries), lexicon);
  const auto result = index.search("Hoe zet ik dat in Teams uit?", "nl");
  REQUIRE_FALSE(result.hits.empty());
  CHECK(result.hits.front().entry->id == "teams-notifications");
}

TEST_CASE("synonym groups join product names and words across languages") {
  const auto lexicon = bundled_lexicon();
  faq::text::Analyzer en("en", lexicon);
  const auto od4b = en.terms("OD4B");
  const auto onedrive = en.terms("OneDrive");
  CHECK(od4b.back() == onedrive.back());
  CHECK(od4b.back().starts_with("~"));
}

TEST_CASE("a synonym of several words matches only the whole sequence, wherever it stands") {
  faq::text::Lexicon lexicon;
  lexicon.synonyms = {{"onedrive", "one drive"}, {"drive", "disk"}, {"one drive business", "od4b"}};
  faq::text::Analyzer en("en", lexicon);
  // "one drive" and "one drive business" start alike: each matches where all its words follow.
  CHECK(en.terms("my one drive") == Terms{"my", "one", "~0", "drive", "~1"});
  CHECK(en.terms("one drive business") == Terms{"one", "~0", "~2", "drive", "~1", "busi"});
  CHECK(en.terms("one business") == Terms{"one", "busi"});
  CHECK(en.terms("drive one") == Terms{"drive", "~1", "one"});  // a sequence cut at the end
}

TEST_CASE("a synonym group with a single term is reported with its file and line") {
  relais::testing::TempDir dir;
  dir.write("synonyms/x.txt", "# comment\nalpha, beta\nlonely\n");
  Problems problems;
  const auto lexicon = faq::load_lexicon(dir.path(), problems);
  CHECK(lexicon.synonyms.size() == 1);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].where.ends_with("x.txt:3"));
}

TEST_CASE("the query language is read from its words, the sender's language breaking ties") {
  const auto lexicon = bundled_lexicon();
  using faq::text::detect_language;
  CHECK(detect_language("Comment est-ce que je partage mon écran ?", lexicon, "en") == "fr");
  CHECK(detect_language("Hoe kan ik mijn wachtwoord wijzigen?", lexicon, "en") == "nl");
  CHECK(detect_language("Wie kann ich mein Passwort ändern?", lexicon, "en") == "de");
  CHECK(detect_language("How can I change my password?", lexicon, "fr") == "en");
  CHECK(detect_language("OneDrive", lexicon, "nl") == "nl");
}

TEST_CASE("the bundled FAQ answers everyday questions in all four languages") {
  Problems problems;
  faq::FaqIndex index(faq::load_entries(source_dir() / "knowledge/faq", problems), bundled_lexicon());
  const std::tuple<const char*, const char*, const char*, const char*> cases[] = {
      {"how do I present my screen in a teams call", "en", "teams-share-screen", "en"},
      {"comment partager mon écran pendant une réunion Teams", "fr", "teams-share-screen", "fr"},
      {"hoe stel ik een afwezigheidsbericht in", "nl", "outlook-out-of-office", "nl"},
      {"j'ai oublié mon mot de passe", "fr", "password-reset", "fr"},
      {"Wie teile ich meinen Bildschirm in Teams?", "en", "teams-share-screen", "de"},
      {"I deleted a file by mistake, how do I get it back?", "fr", "onedrive-restore-deleted", "en"},
      {"OD4B is full", "en", "onedrive-storage-full", "en"},
  };
  for (const auto& [query, sender, id, lang] : cases) {
    const auto& asked = query;  // CAPTURE makes a lambda, which clang 14 cannot give a structured binding
    CAPTURE(asked);
    const auto r = index.search(query, sender, 3);
    REQUIRE(!r.hits.empty());
    CHECK(r.hits[0].entry->id == id);
    CHECK(r.language == lang);
    CHECK(r.confidence >= 0.35);
  }
}

TEST_CASE("questions the FAQ does not cover get a low confidence") {
  Problems problems;
  faq::FaqIndex index(faq::load_entries(source_dir() / "knowledge/faq", problems), bundled_lexicon());
  for (const char* q : {"what is on the canteen menu on friday", "Le badge du parking ne s'ouvre plus",
                        "Wanneer is de volgende personeelsvergadering?", "ma voiture de service est en panne",
                        "quand est la fête du personnel", "I need a new chair for my desk"}) {
    CAPTURE(q);
    const auto r = index.search(q, "en", 3);
    CHECK(r.confidence < 0.25);
    CHECK(r.coverage < 0.25);  // not even worth suggesting: a person should answer
  }
}

TEST_CASE("a vague question about something the FAQ covers is offered choices") {
  Problems problems;
  faq::FaqIndex index(faq::load_entries(source_dir() / "knowledge/faq", problems), bundled_lexicon());
  for (const char* q : {"un souci avec Outlook", "problème avec teams"}) {
    CAPTURE(q);
    const auto r = index.search(q, "fr", 3);
    CHECK(r.confidence < 0.35);
    CHECK(r.coverage >= 0.25);
  }
}

TEST_CASE("a one-word question is offered choices rather than answered") {
  Problems problems;
  faq::FaqIndex index(faq::load_entries(source_dir() / "knowledge/faq", problems), bundled_lexicon());
  const auto r = index.search("partager", "fr", 3);
  CHECK(r.hits.size() == 3);
  CHECK(r.confidence < 0.35);
  CHECK(index.search("", "en", 3).hits.empty());
}
