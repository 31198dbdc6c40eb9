#pragma once
// What the Matrix transport remembers, in the one database:
// - event ids already handled: a homeserver retries transactions, and after its restart may
//   reuse a transaction id for new events, so de-duplication is by event id, and persisted;
// - the rooms the bot was invited to or joined (direct chats, encrypted rooms);
// - the events it sent with buttons (the reactions and replies that press them), and the
//   message showing each card, which is edited when the card changes;
// - in client mode, the /sync position and the access token from a password login.
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>

#include "bot/core/clock.hpp"
#include "bot/storage/database.hpp"
#include "bot/storage/migrations.hpp"

namespace relais::matrix {

std::span<const storage::Migration> matrix_migrations();

struct RoomInfo {
  std::string room_id;
  std::string membership;   ///< invited | joined | left
  std::string direct_with;  ///< the other person of a direct chat, else empty
  bool encrypted = false;
  bool told_encrypted = false;  ///< the bot has said it cannot read this room
};

struct SentEvent {
  std::string event_id;
  std::string room_id;
  std::string recipient_id;
  std::string thread_root;
  nlohmann::json choices = nlohmann::json::array();  ///< [{key, button}] (see matrix_renderer.hpp)
};

class MatrixStore {
 public:
  explicit MatrixStore(storage::Database& db) : db_(db) {}

  bool seen(const std::string& event_id);
  void mark_seen(const std::string& event_id, core::TimePoint now);
  /// Forgets handled event ids older than `before` (a homeserver retries for minutes, not weeks).
  int forget_seen_before(core::TimePoint before);

  std::optional<RoomInfo> room(const std::string& room_id);
  void save_room(const RoomInfo& room, core::TimePoint now);
  /// The direct chat the bot has with `user_id`, if any (joined or being joined).
  std::optional<std::string> direct_room_with(const std::string& user_id);
  std::vector<std::string> rooms_to_join();

  void save_sent(const SentEvent& sent, const std::string& card_key, core::TimePoint now);
  std::optional<SentEvent> sent(const std::string& event_id);
  /// The first message that showed `card_key` to `recipient` in `room` (edits keep its id).
  std::optional<std::string> card_event(const std::string& recipient, const std::string& card_key,
                                        const std::string& room_id);
  void update_choices(const std::string& event_id, const nlohmann::json& choices);

  std::optional<std::string> value(const std::string& key);
  void set_value(const std::string& key, const std::string& value);

 private:
  storage::Database& db_;
};

}  // namespace relais::matrix
