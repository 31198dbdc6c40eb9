#pragma once
// What the Teams transport remembers: which activity shows each card to each person, so a
// card that changes (a question claimed) is updated in place rather than posted again; and the
// teams and channels the bot was added to.
#include <optional>
#include <span>
#include <string>

#include "bot/core/clock.hpp"
#include "bot/storage/database.hpp"
#include "bot/storage/migrations.hpp"

namespace relais::teams {

std::span<const storage::Migration> teams_migrations();

class TeamsStore {
 public:
  explicit TeamsStore(storage::Database& db) : db_(db) {}

  std::optional<std::string> card_activity(const std::string& recipient, const std::string& card_key,
                                           const std::string& conversation_id);
  void save_card_activity(const std::string& recipient, const std::string& card_key,
                          const std::string& conversation_id, const std::string& activity_id, core::TimePoint now);
  void forget_card_activity(const std::string& recipient, const std::string& card_key, const std::string& conversation_id);

  /// A team or group chat the bot was added to, with the address to post there.
  void remember_installation(const std::string& conversation_id, const std::string& address, core::TimePoint now);
  std::optional<std::string> installation_address(const std::string& conversation_id);

 private:
  storage::Database& db_;
};

}  // namespace relais::teams
