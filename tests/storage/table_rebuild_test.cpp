// Migrations that rebuild a table others refer to (the only way SQLite drops a constraint): every
// row and reference survives, foreign keys are back on afterwards, and a rebuild that would leave
// a reference dangling is refused whole.
#include <doctest/doctest.h>

#include "bot/storage/migrations.hpp"
#include "skills/faq/faq_drafts.hpp"
#include "skills/routing/routing_store.hpp"
#include "support/temp_dir.hpp"

using namespace relais;
using relais::testing::TempDir;

namespace {

bool has_index(storage::Database& db, const char* name) {
  return db.query_int("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?1", name).has_value();
}

}  // namespace

TEST_CASE("core 9 rebuilds questions without the unique source key, keeping every row and reference") {
  TempDir dir;
  storage::Database db(dir / "relais.db", storage::Durability::normal);
  const auto core = storage::core_migrations();
  REQUIRE(core.size() >= 9);
  REQUIRE(core[8].version == 9);
  storage::migrate(db, core.first(8));
  db.exec("INSERT INTO people(id, name, language, updated_at) VALUES ('ann', 'Ann', 'en', 0)");
  db.exec("INSERT INTO questions(id, asker_id, text, language, state, source_key, created_at, updated_at) "
          "VALUES (7, 'ann', 'How do I share my screen?', 'en', 'answered', 'teams:a/1', 10, 20)");
  db.exec("INSERT INTO question_events(question_id, at, event, detail) VALUES (7, 10, 'asked', '{}')");
  REQUIRE(has_index(db, "sqlite_autoindex_questions_1"));

  CHECK(storage::migrate(db, core.first(9)) == 1);

  CHECK(db.query_int("SELECT COUNT(*) FROM questions WHERE id = 7 AND source_key = 'teams:a/1' AND state = 'answered' "
                     "AND created_at = 10 AND updated_at = 20") == 1);
  CHECK(db.query_int("SELECT COUNT(*) FROM question_events JOIN questions ON questions.id = question_id") == 1);
  CHECK(db.query_int("SELECT COUNT(*) FROM pragma_foreign_key_check") == 0);
  CHECK(db.query_int("PRAGMA foreign_keys") == 1);
  CHECK_FALSE(has_index(db, "sqlite_autoindex_questions_1"));
  for (const char* index : {"questions_by_state", "questions_by_claimant", "questions_by_time"})
    CHECK(has_index(db, index));
  CHECK_FALSE(db.has_table("questions_rebuilt"));
  // The key no longer has to be unique, and the rebuilt table's references are enforced.
  CHECK_NOTHROW(db.exec("INSERT INTO questions(asker_id, text, language, state, source_key, created_at, updated_at) "
                        "VALUES ('ann', 'again', 'en', 'routed', 'teams:a/1', 30, 30)"));
  CHECK_THROWS_AS(db.exec("INSERT INTO question_events(question_id, at, event) VALUES (999, 1, 'asked')"),
                  storage::StorageError);
  CHECK_THROWS_AS(db.exec("INSERT INTO questions(asker_id, text, language, state, created_at, updated_at) "
                          "VALUES ('nobody', 'x', 'en', 'routed', 1, 1)"),
                  storage::StorageError);

  // Core 10 then keeps only held questions in the claimant index: none here.
  REQUIRE(core.size() >= 10);
  CHECK(storage::migrate(db, core.first(10)) == 1);
  CHECK(has_index(db, "questions_by_claimant"));
  CHECK(db.query_int("SELECT SUM(ncell) FROM dbstat WHERE name = 'questions_by_claimant' AND pagetype = 'leaf'") == 0);
}

TEST_CASE("core 9 upgrades a database whose skill tables already refer to questions") {
  // As in production: the skills' migrations ran long before core 9, and their rows point at
  // questions while the table is rebuilt underneath them.
  TempDir dir;
  storage::Database db(dir / "relais.db", storage::Durability::normal);
  const auto core = storage::core_migrations();
  storage::migrate(db, core.first(8));
  storage::migrate(db, routing::routing_migrations());
  storage::migrate(db, faq::draft_migrations());
  db.exec("INSERT INTO people(id, name, language, updated_at) VALUES ('ann', 'Ann', 'en', 0)");
  db.exec("INSERT INTO questions(id, asker_id, text, language, state, source_key, created_at, updated_at) "
          "VALUES (7, 'ann', 'Wie richte ich Outlook ein?', 'de', 'resolved', 'teams:a/7', 10, 20)");
  db.exec("INSERT INTO question_topics(question_id, topic) VALUES (7, 'outlook')");
  db.exec("INSERT INTO faq_drafts(kind, question_id, language, question, author_id, created_at) "
          "VALUES ('entry', 7, 'de', 'Wie richte ich Outlook ein?', 'ann', 30)");

  CHECK(storage::migrate(db, core.first(9)) == 1);

  CHECK(db.query_int("SELECT COUNT(*) FROM question_topics JOIN questions ON questions.id = question_id") == 1);
  CHECK(db.query_int("SELECT COUNT(*) FROM faq_drafts JOIN questions ON questions.id = question_id") == 1);
  CHECK(db.query_int("SELECT COUNT(*) FROM pragma_foreign_key_check") == 0);
  CHECK(db.query_int("PRAGMA foreign_keys") == 1);
  CHECK_THROWS_AS(db.exec("INSERT INTO question_topics(question_id, topic) VALUES (999, 'teams')"),
                  storage::StorageError);
}

TEST_CASE("a table rebuild that would leave references dangling is refused and changes nothing") {
  TempDir dir;
  storage::Database db(dir / "relais.db", storage::Durability::normal);
  const storage::Migration mine[] = {
      {"test", 1, "CREATE TABLE parent(id INTEGER PRIMARY KEY); CREATE TABLE child(parent INTEGER REFERENCES parent(id));"
                  "INSERT INTO parent VALUES (1); INSERT INTO child VALUES (1);"},
      {"test", 2, "CREATE TABLE parent_rebuilt(id INTEGER PRIMARY KEY); DROP TABLE parent;"
                  "ALTER TABLE parent_rebuilt RENAME TO parent;", true},  // forgets to copy the rows
  };
  CHECK_THROWS_WITH_AS(storage::migrate(db, mine), doctest::Contains("references to missing rows"),
                       storage::StorageError);
  CHECK(db.query_int("SELECT COUNT(*) FROM parent") == 1);
  CHECK(db.query_int("SELECT COUNT(*) FROM child") == 1);
  CHECK(db.query_int("SELECT MAX(version) FROM schema_migrations WHERE owner = 'test'") == 1);
  CHECK(db.query_int("PRAGMA foreign_keys") == 1);
}

TEST_CASE("a table rebuild is refused inside a transaction, where foreign keys cannot be turned off") {
  TempDir dir;
  storage::Database db(dir / "relais.db", storage::Durability::normal);
  const storage::Migration mine[] = {{"test", 1, "CREATE TABLE t(v INTEGER);", true}};
  db.exec("BEGIN");
  CHECK_THROWS_WITH_AS(storage::migrate(db, mine), doctest::Contains("inside a transaction"), storage::StorageError);
  db.exec("ROLLBACK");
  CHECK(storage::migrate(db, mine) == 1);
  CHECK(db.query_int("PRAGMA foreign_keys") == 1);
}
