#include "bot/storage/migrations.hpp"

#include <string>

#include "bot/core/log.hpp"

namespace relais::storage {
namespace {

constexpr Migration core[] = {
    {"core", 1, R"sql(
CREATE TABLE circles (
  name TEXT PRIMARY KEY
);
CREATE TABLE people (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  email      TEXT NOT NULL DEFAULT '',
  language   TEXT NOT NULL,
  circle     TEXT REFERENCES circles(name),
  start_date TEXT NOT NULL DEFAULT '',
  active     INTEGER NOT NULL DEFAULT 1,
  updated_at INTEGER NOT NULL
);
CREATE TABLE person_roles (
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  role      TEXT NOT NULL,
  PRIMARY KEY (person_id, role)
) WITHOUT ROWID;
CREATE INDEX person_roles_by_role ON person_roles(role);
CREATE TABLE ambassador_topics (
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  topic     TEXT NOT NULL,
  PRIMARY KEY (person_id, topic)
) WITHOUT ROWID;
-- How to reach a person on each transport (the last address they used there).
CREATE TABLE conversations (
  person_id  TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  transport  TEXT NOT NULL,
  address    TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (person_id, transport)
) WITHOUT ROWID;
CREATE TABLE questions (
  id          INTEGER PRIMARY KEY,
  asker_id    TEXT NOT NULL REFERENCES people(id),
  text        TEXT NOT NULL,
  language    TEXT NOT NULL,
  state       TEXT NOT NULL,
  source_key  TEXT UNIQUE,
  faq_entry   TEXT,
  claimant_id TEXT REFERENCES people(id),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX questions_by_state ON questions(state);
CREATE INDEX questions_by_claimant ON questions(claimant_id, state);
-- The full history of every question: who did what, when.
CREATE TABLE question_events (
  id          INTEGER PRIMARY KEY,
  question_id INTEGER NOT NULL REFERENCES questions(id),
  at          INTEGER NOT NULL,
  actor_id    TEXT,
  event       TEXT NOT NULL,
  from_state  TEXT,
  to_state    TEXT,
  detail      TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX question_events_by_question ON question_events(question_id, id);
-- Who was shown a question's card, so every copy can be updated when its state changes.
CREATE TABLE question_offers (
  question_id INTEGER NOT NULL REFERENCES questions(id),
  person_id   TEXT NOT NULL REFERENCES people(id),
  offered_at  INTEGER NOT NULL,
  PRIMARY KEY (question_id, person_id)
) WITHOUT ROWID;
-- Replies waiting to be delivered, written in the same transaction as their cause.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  recipient_id    TEXT NOT NULL,
  transport       TEXT NOT NULL,
  address         TEXT NOT NULL,
  payload         TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'pending',
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_by_recipient ON outbox(transport, recipient_id, status);
-- Inbound ids already accepted, so a retried delivery is acknowledged but not processed twice.
CREATE TABLE inbound_keys (
  key         TEXT PRIMARY KEY,
  received_at INTEGER NOT NULL
) WITHOUT ROWID;
-- Durable timers: escalations, reminders, schedules. One wake-up for the earliest due_at.
CREATE TABLE timers (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL,
  subject    TEXT NOT NULL,
  due_at     INTEGER NOT NULL,
  payload    TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  fired_at   INTEGER,
  outcome    TEXT
);
CREATE INDEX timers_pending ON timers(due_at) WHERE fired_at IS NULL;
CREATE INDEX timers_by_subject ON timers(kind, subject) WHERE fired_at IS NULL;
)sql"},
    {"core", 2, R"sql(
-- A person's own working hours and time zone; empty means the organisation's.
ALTER TABLE people ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN working_hours TEXT NOT NULL DEFAULT '';
-- The person's Microsoft Entra ID object id: how a Teams user is recognised.
ALTER TABLE people ADD COLUMN aad_object_id TEXT NOT NULL DEFAULT '';
CREATE INDEX people_by_aad_object_id ON people(aad_object_id) WHERE aad_object_id <> '';
-- Rooms a question's card was posted in, where the card can be updated when it changes.
CREATE TABLE question_room_posts (
  question_id INTEGER NOT NULL REFERENCES questions(id),
  room        TEXT NOT NULL,
  transport   TEXT NOT NULL,
  address     TEXT NOT NULL,
  language    TEXT NOT NULL,
  audience    TEXT NOT NULL,
  PRIMARY KEY (question_id, room)
) WITHOUT ROWID;
)sql"},
    {"core", 3, R"sql(
-- The person's Matrix user id ("@alice:example.org"): how a Matrix user is recognised.
ALTER TABLE people ADD COLUMN matrix_id TEXT NOT NULL DEFAULT '';
CREATE INDEX people_by_matrix_id ON people(matrix_id) WHERE matrix_id <> '';
)sql"},
    {"core", 4, R"sql(
-- The last directory content imported from each source, so a restart with an unchanged
-- (or older) file does not undo a later import.
CREATE TABLE directory_imports (
  source      TEXT PRIMARY KEY,
  digest      TEXT NOT NULL,
  imported_at INTEGER NOT NULL,
  summary     TEXT NOT NULL
) WITHOUT ROWID;
)sql"},
    {"core", 5, R"sql(
-- Trends read questions by period and events by kind.
CREATE INDEX questions_by_time ON questions(created_at);
CREATE INDEX question_events_by_event ON question_events(event, question_id);
)sql"},
    {"core", 6, R"sql(
-- Where a person works, and the other languages an ambassador helps in (comma-separated).
ALTER TABLE people ADD COLUMN site TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN languages TEXT NOT NULL DEFAULT '';
-- Ambassadors accepted in Relais by a community lead. Kept apart from the directory's roles
-- so that a directory import never takes back a role a lead granted.
CREATE TABLE ambassador_grants (
  person_id  TEXT PRIMARY KEY REFERENCES people(id),
  topics     TEXT NOT NULL,
  languages  TEXT NOT NULL,
  granted_by TEXT NOT NULL,
  granted_at INTEGER NOT NULL
) WITHOUT ROWID;
)sql"},
    {"core", 7, R"sql(
-- A row under way is leased (due again only if that delivery never finishes); a restart
-- releases leases at once, since the process that held them is gone.
ALTER TABLE outbox ADD COLUMN leased INTEGER NOT NULL DEFAULT 0;
)sql"},
    {"core", 8, R"sql(
-- Without the status: with it, every delivery also moved the row's entry in this index, a page
-- at a random place (recipients are many) written once more per message. The queries by
-- recipient filter the status from that recipient's rows.
DROP INDEX outbox_by_recipient;
CREATE INDEX outbox_by_recipient ON outbox(transport, recipient_id);
)sql"},
    {"core", 9, R"sql(
-- source_key without UNIQUE: inbound_keys already refuses a second copy of an event, and the
-- unique index cost a page at a random place for every question (the keys are random), 18% of
-- the write-ahead log under load. It stays as a column: it ties a question to its message.
-- The rebuild runs once, at the upgrade: 6.5 s for a million questions (measured).
CREATE TABLE questions_rebuilt (
  id          INTEGER PRIMARY KEY,
  asker_id    TEXT NOT NULL REFERENCES people(id),
  text        TEXT NOT NULL,
  language    TEXT NOT NULL,
  state       TEXT NOT NULL,
  source_key  TEXT,
  faq_entry   TEXT,
  claimant_id TEXT REFERENCES people(id),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
INSERT INTO questions_rebuilt(id, asker_id, text, language, state, source_key, faq_entry, claimant_id, created_at, updated_at)
  SELECT id, asker_id, text, language, state, source_key, faq_entry, claimant_id, created_at, updated_at FROM questions;
DROP TABLE questions;
ALTER TABLE questions_rebuilt RENAME TO questions;
CREATE INDEX questions_by_state ON questions(state);
CREATE INDEX questions_by_claimant ON questions(claimant_id, state);
CREATE INDEX questions_by_time ON questions(created_at);
)sql", true},
    {"core", 10, R"sql(
-- Only questions someone holds: every query by claimant names one, and a question the FAQ answers
-- (most of them) never has a claimant, yet each of its state changes moved its entry here, a page
-- written once more per message. The index also stays as small as the questions ever claimed.
DROP INDEX questions_by_claimant;
CREATE INDEX questions_by_claimant ON questions(claimant_id, state) WHERE claimant_id IS NOT NULL;
)sql"},
};

}  // namespace

std::span<const Migration> core_migrations() { return core; }

int migrate(Database& db, std::span<const Migration> migrations) {
  db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (owner TEXT NOT NULL, version INTEGER NOT "
      "NULL, applied_at TEXT NOT NULL DEFAULT (datetime('now')), PRIMARY KEY (owner, version))");
  int applied = 0;
  for (const auto& m : migrations) {
    if (db.query_int("SELECT 1 FROM schema_migrations WHERE owner = ?1 AND version = ?2", m.owner,
                     m.version))
      continue;
    const auto latest =
        db.query_int("SELECT MAX(version) FROM schema_migrations WHERE owner = ?1", m.owner);
    if (latest && *latest > m.version)
      throw StorageError("migration " + std::string(m.owner) + "/" + std::to_string(m.version) +
                         " is older than the applied version " + std::to_string(*latest));
    if (m.rebuilds_tables) {
      if (db.in_transaction())
        throw StorageError("migration " + std::string(m.owner) + "/" + std::to_string(m.version) +
                           " rebuilds tables and cannot run inside a transaction");
      db.exec("PRAGMA foreign_keys=OFF");  // a no-op inside a transaction: hence the check above
    }
    try {
      Transaction tx(db);
      db.exec(m.sql);
      if (m.rebuilds_tables && db.query_int("SELECT COUNT(*) FROM pragma_foreign_key_check").value_or(0) > 0)
        throw StorageError("migration " + std::string(m.owner) + "/" + std::to_string(m.version) +
                           " would leave references to missing rows");
      db.run("INSERT INTO schema_migrations(owner, version) VALUES (?1, ?2)", m.owner, m.version);
      tx.commit();
    } catch (...) {
      if (m.rebuilds_tables) db.exec("PRAGMA foreign_keys=ON");
      throw;
    }
    if (m.rebuilds_tables) db.exec("PRAGMA foreign_keys=ON");
    log::info("migration_applied").kv("owner", m.owner).kv("version", m.version);
    ++applied;
  }
  return applied;
}

}  // namespace relais::storage
