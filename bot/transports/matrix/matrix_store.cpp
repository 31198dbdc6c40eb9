#include "bot/transports/matrix/matrix_store.hpp"

namespace relais::matrix {
namespace {
constexpr storage::Migration migrations[] = {
    {"matrix", 1, R"sql(
CREATE TABLE matrix_seen_events (
  event_id TEXT PRIMARY KEY,
  seen_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX matrix_seen_by_time ON matrix_seen_events(seen_at);
CREATE TABLE matrix_rooms (
  room_id        TEXT PRIMARY KEY,
  membership     TEXT NOT NULL,
  direct_with    TEXT NOT NULL DEFAULT '',
  encrypted      INTEGER NOT NULL DEFAULT 0,
  told_encrypted INTEGER NOT NULL DEFAULT 0,
  updated_at     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX matrix_rooms_direct ON matrix_rooms(direct_with) WHERE direct_with <> '';
CREATE TABLE matrix_sent_events (
  event_id     TEXT PRIMARY KEY,
  room_id      TEXT NOT NULL,
  recipient_id TEXT NOT NULL,
  thread_root  TEXT NOT NULL DEFAULT '',
  card_key     TEXT NOT NULL DEFAULT '',
  choices      TEXT NOT NULL DEFAULT '[]',
  sent_at      INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX matrix_sent_cards ON matrix_sent_events(recipient_id, card_key, room_id) WHERE card_key <> '';
CREATE TABLE matrix_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
)sql"},
};
}  // namespace

std::span<const storage::Migration> matrix_migrations() { return migrations; }

bool MatrixStore::seen(const std::string& event_id) {
  return db_.query_int("SELECT 1 FROM matrix_seen_events WHERE event_id = ?1", event_id).has_value();
}

void MatrixStore::mark_seen(const std::string& event_id, core::TimePoint now) {
  db_.run("INSERT OR IGNORE INTO matrix_seen_events(event_id, seen_at) VALUES (?1, ?2)", event_id, core::to_millis(now));
}

int MatrixStore::forget_seen_before(core::TimePoint before) {
  db_.run("DELETE FROM matrix_seen_events WHERE seen_at < ?1", core::to_millis(before));
  return db_.changes();
}

std::optional<RoomInfo> MatrixStore::room(const std::string& room_id) {
  auto& st = db_.prepare(
      "SELECT room_id, membership, direct_with, encrypted, told_encrypted FROM matrix_rooms WHERE room_id = ?1");
  st.bind(room_id);
  if (!st.step()) return std::nullopt;
  RoomInfo r{st.text(0), st.text(1), st.text(2), st.int64(3) != 0, st.int64(4) != 0};
  st.reset();
  return r;
}

void MatrixStore::save_room(const RoomInfo& r, core::TimePoint now) {
  db_.run("INSERT INTO matrix_rooms(room_id, membership, direct_with, encrypted, told_encrypted, updated_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO UPDATE SET membership = ?2, direct_with = ?3, "
          "encrypted = ?4, told_encrypted = ?5, updated_at = ?6",
          r.room_id, r.membership, r.direct_with, r.encrypted ? 1 : 0, r.told_encrypted ? 1 : 0, core::to_millis(now));
}

std::optional<std::string> MatrixStore::direct_room_with(const std::string& user_id) {
  auto& st = db_.prepare(
      "SELECT room_id FROM matrix_rooms WHERE direct_with = ?1 AND membership <> 'left' AND encrypted = 0 "
      "ORDER BY updated_at DESC LIMIT 1");
  st.bind(user_id);
  if (!st.step()) return std::nullopt;
  auto id = st.text(0);
  st.reset();
  return id;
}

std::vector<std::string> MatrixStore::rooms_to_join() {
  std::vector<std::string> out;
  auto& st = db_.prepare("SELECT room_id FROM matrix_rooms WHERE membership = 'invited' ORDER BY updated_at");
  while (st.step()) out.push_back(st.text(0));
  return out;
}

void MatrixStore::save_sent(const SentEvent& s, const std::string& card_key, core::TimePoint now) {
  // Written once the homeserver has the event, riding on the next sync like the delivery's own
  // record. Lost with it in a power cut, it is written again: the row is sent again with the same
  // transaction id, and the homeserver answers with this event id.
  db_.run_unsynced("INSERT OR REPLACE INTO matrix_sent_events(event_id, room_id, recipient_id, thread_root, card_key, choices, "
          "sent_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
          s.event_id, s.room_id, s.recipient_id, s.thread_root, card_key, s.choices.dump(), core::to_millis(now));
}

std::optional<SentEvent> MatrixStore::sent(const std::string& event_id) {
  auto& st = db_.prepare(
      "SELECT event_id, room_id, recipient_id, thread_root, choices FROM matrix_sent_events WHERE event_id = ?1");
  st.bind(event_id);
  if (!st.step()) return std::nullopt;
  SentEvent s{st.text(0), st.text(1), st.text(2), st.text(3), nlohmann::json::parse(st.text(4), nullptr, false)};
  st.reset();
  if (!s.choices.is_array()) s.choices = nlohmann::json::array();
  return s;
}

std::optional<std::string> MatrixStore::card_event(const std::string& recipient, const std::string& card_key,
                                                   const std::string& room_id) {
  auto& st = db_.prepare(
      "SELECT event_id FROM matrix_sent_events WHERE recipient_id = ?1 AND card_key = ?2 AND room_id = ?3 "
      "ORDER BY sent_at DESC LIMIT 1");
  st.bind(recipient, card_key, room_id);
  if (!st.step()) return std::nullopt;
  auto id = st.text(0);
  st.reset();
  return id;
}

void MatrixStore::update_choices(const std::string& event_id, const nlohmann::json& choices) {
  db_.run("UPDATE matrix_sent_events SET choices = ?2 WHERE event_id = ?1", event_id, choices.dump());
}

std::optional<std::string> MatrixStore::value(const std::string& key) {
  auto& st = db_.prepare("SELECT value FROM matrix_state WHERE key = ?1");
  st.bind(key);
  if (!st.step()) return std::nullopt;
  auto v = st.text(0);
  st.reset();
  return v;
}

void MatrixStore::set_value(const std::string& key, const std::string& value) {
  db_.run("INSERT INTO matrix_state(key, value) VALUES (?1, ?2) ON CONFLICT DO UPDATE SET value = ?2", key, value);
}

}  // namespace relais::matrix
