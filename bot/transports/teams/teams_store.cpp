#include "bot/transports/teams/teams_store.hpp"

namespace relais::teams {
namespace {
constexpr storage::Migration migrations[] = {
    {"teams", 1, R"sql(
CREATE TABLE teams_card_activities (
  recipient_id    TEXT NOT NULL,
  card_key        TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  activity_id     TEXT NOT NULL,
  updated_at      INTEGER NOT NULL,
  PRIMARY KEY (recipient_id, card_key, conversation_id)
) WITHOUT ROWID;
CREATE TABLE teams_installations (
  conversation_id TEXT PRIMARY KEY,
  address         TEXT NOT NULL,
  installed_at    INTEGER NOT NULL
) WITHOUT ROWID;
)sql"},
};
}  // namespace

std::span<const storage::Migration> teams_migrations() { return migrations; }

std::optional<std::string> TeamsStore::card_activity(const std::string& recipient, const std::string& card_key,
                                                     const std::string& conversation_id) {
  auto& st = db_.prepare(
      "SELECT activity_id FROM teams_card_activities WHERE recipient_id = ?1 AND card_key = ?2 AND conversation_id = ?3");
  st.bind(recipient, card_key, conversation_id);
  if (!st.step()) return std::nullopt;
  auto id = st.text(0);
  st.reset();
  return id;
}

void TeamsStore::save_card_activity(const std::string& recipient, const std::string& card_key,
                                    const std::string& conversation_id, const std::string& activity_id,
                                    core::TimePoint now) {
  db_.run("INSERT INTO teams_card_activities(recipient_id, card_key, conversation_id, activity_id, updated_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE SET activity_id = ?4, updated_at = ?5",
          recipient, card_key, conversation_id, activity_id, core::to_millis(now));
}

void TeamsStore::forget_card_activity(const std::string& recipient, const std::string& card_key,
                                      const std::string& conversation_id) {
  db_.run("DELETE FROM teams_card_activities WHERE recipient_id = ?1 AND card_key = ?2 AND conversation_id = ?3",
          recipient, card_key, conversation_id);
}

void TeamsStore::remember_installation(const std::string& conversation_id, const std::string& address,
                                       core::TimePoint now) {
  db_.run("INSERT INTO teams_installations(conversation_id, address, installed_at) VALUES (?1, ?2, ?3) "
          "ON CONFLICT DO UPDATE SET address = ?2",
          conversation_id, address, core::to_millis(now));
}

std::optional<std::string> TeamsStore::installation_address(const std::string& conversation_id) {
  auto& st = db_.prepare("SELECT address FROM teams_installations WHERE conversation_id = ?1");
  st.bind(conversation_id);
  if (!st.step()) return std::nullopt;
  auto address = st.text(0);
  st.reset();
  return address;
}

}  // namespace relais::teams
