#pragma once
// POST /api/messages: the Bot Framework's activities in, acknowledged as soon as they are
// committed; the work's replies leave through the outbox (see teams_sender.hpp). A card
// button (Action.Execute) is answered in the HTTP response with the refreshed card.
// HEAD and GET answer the emulator's and load balancers' probes.
#include <functional>
#include <optional>
#include <string>

#include "bot/core/clock.hpp"
#include "bot/core/log_throttle.hpp"
#include "bot/core/metrics.hpp"
#include "bot/core/outbox.hpp"
#include "bot/core/router.hpp"
#include "bot/net/http.hpp"
#include "bot/storage/outbox_store.hpp"
#include "bot/storage/people_store.hpp"
#include "bot/transports/teams/teams_activity.hpp"
#include "bot/transports/teams/teams_store.hpp"

namespace relais::teams {

/// The 1:1 chat of `user_id` with the bot, known from a conversation they were seen in; it has
/// no conversation id until the connector creates it.
ConversationRef personal_chat(const ConversationRef& seen_in, const std::string& user_id);

class TeamsEndpoint {
 public:
  /// Checks the request's token before its body is read (see teams_auth.hpp), then calls
  /// `done`: the failure says why; success gives the token's serviceUrl claim, which the
  /// activity must match (empty: auth is off).
  using Authenticator = std::function<void(const net::Request&, std::function<void(Result<std::string>)> done)>;

  TeamsEndpoint(Authenticator authenticate, core::Router& router, storage::PeopleStore& people,
                storage::OutboxStore& outbox, core::OutboxDispatcher& dispatcher, TeamsStore& store,
                const core::MessageCatalog& messages, const core::Clock& clock, core::Metrics& metrics);

  void add_routes(net::Routes& routes);
  /// Authenticates, then handles; `respond` gets the answer.
  void on_activity(const net::Request& req, const net::Routes::Respond& respond);
  /// Handles an authenticated request (`claim`: the token's serviceUrl, or why it failed).
  net::Response handle(const net::Request& req, const Result<std::string>& claim);

 private:
  net::Response on_person_event(const net::Request& req, const Activity& activity);
  void welcome(const Activity& activity);
  void tell_unknown(const Activity& activity);
  /// Someone seen in a team or group chat can be reached 1:1 later (a proactive message).
  void remember_contact(const std::string& person_id, const ConversationRef& seen_in, const std::string& user_id);

  Authenticator authenticate_;
  core::Router& router_;
  storage::PeopleStore& people_;
  storage::OutboxStore& outbox_;
  core::OutboxDispatcher& dispatcher_;
  TeamsStore& store_;
  const core::MessageCatalog& messages_;
  const core::Clock& clock_;
  core::Metrics& metrics_;
  log::Throttle unauthorized_log_;  ///< a peer retrying with a bad token is one line per reason and period
};

}  // namespace relais::teams
