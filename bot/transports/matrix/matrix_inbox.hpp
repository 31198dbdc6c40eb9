#pragma once
// What Relais does with the Matrix events it receives, pushed by the homeserver (application
// service) or read from /sync (client mode): each event once (ids persisted), never its own;
// invites from allowed servers joined (an encrypted room is told the bot cannot read it);
// messages for the bot, reactions and replies that press a button, to the router; a person
// joining the onboarding room welcomed in a direct chat.
#include <boost/asio/io_context.hpp>
#include <string>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/core/messages.hpp"
#include "bot/core/metrics.hpp"
#include "bot/core/outbox.hpp"
#include "bot/core/router.hpp"
#include "bot/storage/outbox_store.hpp"
#include "bot/storage/people_store.hpp"
#include "bot/transports/matrix/matrix_api.hpp"
#include "bot/transports/matrix/matrix_event.hpp"
#include "bot/transports/matrix/matrix_store.hpp"

namespace relais::matrix {

struct InboxSettings {
  std::string bot_user_id;
  std::string bot_name = "Relais";
  std::vector<std::string> allowed_servers;  ///< invites from users of these servers are accepted
  std::string onboarding_room;               ///< people joining this room are welcomed
};

/// "@alice:example.org" -> "example.org".
std::string server_of(std::string_view user_id);

class MatrixInbox {
 public:
  MatrixInbox(boost::asio::io_context& io, InboxSettings settings, core::Router& router, storage::PeopleStore& people,
              storage::OutboxStore& outbox, core::OutboxDispatcher& dispatcher, MatrixStore& store, MatrixApi& api,
              const core::MessageCatalog& messages, const core::Clock& clock, core::Metrics& metrics);

  /// Handles every event not handled before. Returns once all are durably recorded.
  void handle(const Batch& batch);
  /// Joins the rooms whose invites were accepted but not yet joined (after a restart).
  void resume_joins();

 private:
  void handle_one(const Event& e);
  void on_invite(const Event& e);
  void on_member_joined(const Event& e);
  void on_message(const Event& e);
  void on_reaction(const Event& e);
  void on_encrypted(const Event& e);
  void join(const std::string& room_id, int attempt);
  void joined(const std::string& room_id);
  void route(const core::InboundEvent& event);
  /// A notice through the outbox (so it survives a restart), once per `key`.
  void notify(const std::string& key, const std::string& recipient, const Address& to, const std::string& text);
  std::string language_for(const std::string& user_id);

  boost::asio::io_context& io_;
  InboxSettings settings_;
  core::Router& router_;
  storage::PeopleStore& people_;
  storage::OutboxStore& outbox_;
  core::OutboxDispatcher& dispatcher_;
  MatrixStore& store_;
  MatrixApi& api_;
  const core::MessageCatalog& messages_;
  const core::Clock& clock_;
  core::Metrics& metrics_;
};

}  // namespace relais::matrix
