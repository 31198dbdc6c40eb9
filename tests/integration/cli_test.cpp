// The relais command line: help, version, check and refusing to serve broken input.
#include <doctest/doctest.h>

#include "bot/core/files.hpp"

#include "support/text.hpp"
#include "bot/storage/migrations.hpp"
#include "skills/faq/faq_drafts.hpp"
#include "support/relais_process.hpp"
#include "support/temp_dir.hpp"

using namespace relais::testing;

namespace {

/// A knowledge folder and directory with one problem of each kind.
RelaisProcess::Env broken_setup(const TempDir& dir) {
  std::filesystem::copy(source_dir() / "knowledge", dir / "knowledge", std::filesystem::copy_options::recursive);
  dir.write("knowledge/faq/broken.md", "---\nid: Broken Id\n---\n# en: Q?\n\n");
  dir.write("knowledge/messages/de.json", "{\"help.intro\": 1}");
  dir.write("knowledge/onboarding/bad.md", "---\nid: bad\nday: 1\nminutes: 10\ncircles: Legal\n---\n# en: Bad\n");
  dir.write("knowledge/onboarding/worse.md", "---\nid: worse\nday: 400\nminutes: 10\nlink: https://l.example\n---\n# en: W\n");
  dir.write("people.csv", "id,name,email,language,circle,roles,topics,start_date\np1,,,xx,Ops,,,\n");
  dir.write("relais.json", "{\"server\": {\"port\": \"high\"}, \"extra\": {}}");
  return {{"RELAIS_KNOWLEDGE_PATH", (dir / "knowledge").string()},
          {"RELAIS_DIRECTORY_PATH", (dir / "people.csv").string()}};
}
}  // namespace

TEST_SUITE("integration") {

TEST_CASE("--version, --help and bad usage") {
  std::string out;
  CHECK(RelaisProcess::run({"--version"}, {}, out) == 0);
  CHECK(contains(out, "relais 0."));
  CHECK(RelaisProcess::run({"--help"}, {}, out) == 0);
  CHECK(contains(out, "serve"));
  CHECK(contains(out, "check"));
  CHECK(RelaisProcess::run({"check", "--help"}, {}, out) == 0);
  CHECK(contains(out, "exits 2"));
  CHECK(RelaisProcess::run({"frobnicate"}, {}, out) == 64);
  CHECK(contains(out, "unknown command \"frobnicate\""));
  CHECK(RelaisProcess::run({"serve", "--config"}, {}, out) == 64);
}

TEST_CASE("teams-manifest writes the app package, and names what is wrong with its arguments") {
  TempDir dir;
  std::string out;
  const auto zip = (dir / "app.zip").string();
  CHECK(RelaisProcess::run({"teams-manifest", "--app-id", "11111111-2222-3333-4444-555555555555", "--host",
                            "relais.example.org", "--out", zip}, {}, out) == 0);
  CHECK(contains(out, "wrote"));
  const auto bytes = relais::read_file(zip);
  REQUIRE(bytes);
  CHECK(bytes->substr(0, 4) == std::string("PK\x03\x04", 4));
  CHECK(RelaisProcess::run({"teams-manifest", "--host", "relais.example.org"}, {}, out) == 64);
  CHECK(contains(out, "--app-id and --host are required"));
  CHECK(RelaisProcess::run({"teams-manifest", "--app-id", "x", "--host", "relais.example.org"}, {}, out) == 64);
  CHECK(contains(out, "a GUID"));
}

TEST_CASE("check passes on the bundled content") {
  std::string out;
  CHECK(RelaisProcess::run({"check", "--config", (source_dir() / "config/relais.example.json").string()}, {}, out) == 0);
  CHECK(contains(out, "20 people"));
  CHECK(contains(out, "5 onboarding modules"));
}

TEST_CASE("check lists every problem with its file:line or key and exits 2") {
  TempDir dir;
  const auto env = broken_setup(dir);
  std::string out;
  CHECK(RelaisProcess::run({"check", "--config", (dir / "relais.json").string()}, env, out) == 2);
  CHECK(contains(out, "server.port: expected an integer"));
  CHECK(contains(out, "extra: unknown section"));
  CHECK(contains(out, "broken.md:2: id must use a-z, 0-9 and -"));
  CHECK(contains(out, "broken.md:4: the en answer is empty"));
  CHECK(contains(out, "de.json: help.intro: must be a string"));
  CHECK(contains(out, "people.csv:2: name is empty"));
  CHECK(contains(out, "people.csv:2: language \"xx\""));
  CHECK(contains(out, "bad.md:1: the module has no link"));
  CHECK(contains(out, "worse.md:3: day \"400\" is not a whole number of days from 0 to 365"));
}

TEST_CASE("serve refuses to start on broken input and says why") {
  TempDir dir;
  const auto env = broken_setup(dir);
  std::string out;
  CHECK(RelaisProcess::run({"serve", "--config", (dir / "relais.json").string()}, env, out) == 2);
  CHECK(contains(out, "not starting"));
  CHECK(contains(out, "people.csv:2"));
}

}  // TEST_SUITE

TEST_SUITE("integration") {

TEST_CASE("relais kb exports a sheet, imports it back, and lints with file:line") {
  TempDir dir;
  std::filesystem::copy(source_dir() / "knowledge", dir / "knowledge", std::filesystem::copy_options::recursive);
  const RelaisProcess::Env env = {{"RELAIS_KNOWLEDGE_PATH", (dir / "knowledge").string()}};
  std::string out;
  CHECK(RelaisProcess::run({"kb", "lint"}, env, out) == 0);
  CHECK(contains(out, "21 FAQ entries"));
  CHECK(RelaisProcess::run({"kb", "export", "--out", (dir / "faq.csv").string()}, env, out) == 0);
  CHECK(RelaisProcess::run({"kb", "import", (dir / "faq.csv").string()}, env, out) == 0);
  CHECK(contains(out, "0 added, 0 updated, 21 unchanged"));

  dir.write("bad.csv", "id,language,question,alternatives,answer,topics,link\r\nnew-one,en,,,A,,\r\n");
  CHECK(RelaisProcess::run({"kb", "import", (dir / "bad.csv").string()}, env, out) == 2);
  CHECK(contains(out, "bad.csv:2: the question is empty"));
  CHECK_FALSE(std::filesystem::exists(dir / "knowledge/faq/new-one.md"));

  dir.write("knowledge/faq/oops.md", "---\nid: oops\n---\n# en: Q?\n");
  CHECK(RelaisProcess::run({"kb", "lint"}, env, out) == 2);
  CHECK(contains(out, "oops.md:4: the en answer is empty"));
  CHECK(RelaisProcess::run({"kb", "frobnicate"}, env, out) == 64);
}

}  // TEST_SUITE

TEST_SUITE("integration") {

TEST_CASE("relais kb drafts lists pending drafts and approves one into the knowledge files") {
  TempDir dir;
  std::filesystem::copy(source_dir() / "knowledge", dir / "knowledge", std::filesystem::copy_options::recursive);
  {
    relais::storage::Database db(dir / "relais.db", relais::storage::Durability::normal);
    relais::storage::migrate(db, relais::storage::core_migrations());
    relais::storage::migrate(db, relais::faq::draft_migrations());
    relais::faq::DraftStore drafts(db);
    const auto now = relais::core::from_millis(0);
    drafts.add({.kind = "entry", .language = "en", .question = "How do I book a parking space for a visitor?",
                .answer = "Send the plate number to reception the day before.", .author_id = "amelie.dubois"}, now);
    drafts.add({.kind = "phrasing", .entry_id = "teams-share-screen", .language = "en",
                .question = "show my slides to everyone in a call", .author_id = "tom.baker"}, now);
  }
  const RelaisProcess::Env env = {{"RELAIS_KNOWLEDGE_PATH", (dir / "knowledge").string()},
                                  {"RELAIS_STORAGE_PATH", (dir / "relais.db").string()}};
  std::string out;
  CHECK(RelaisProcess::run({"kb", "drafts"}, env, out) == 0);
  CHECK(contains(out, "#1  entry  en  How do I book a parking space for a visitor?"));
  CHECK(contains(out, "#2  phrasing  en  for teams-share-screen: show my slides"));
  CHECK(RelaisProcess::run({"kb", "drafts", "approve", "1"}, env, out) == 0);
  CHECK(contains(out, "approved: how-do-i-book-a-parking-space-for-a-visitor"));
  CHECK(std::filesystem::exists(dir / "knowledge/faq/how-do-i-book-a-parking-space-for-a-visitor.md"));
  CHECK(RelaisProcess::run({"kb", "drafts", "reject", "2"}, env, out) == 0);
  CHECK(RelaisProcess::run({"kb", "drafts", "approve", "2"}, env, out) == 2);
  CHECK(RelaisProcess::run({"kb", "lint"}, env, out) == 0);
}

}  // TEST_SUITE
