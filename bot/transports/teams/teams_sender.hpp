#pragma once
// Delivers outbox rows to Teams through the Bot Framework connector of the conversation's
// serviceUrl: POST a new activity, or PUT over the activity that already shows the same card
// to the same person (so a claimed question's card changes everywhere it was shown).
// A person known only from a team or group chat gets a 1:1 chat first (POST /v3/conversations;
// Teams answers with the same chat for the same person), remembered as their address.
// 401 drops the cached token and retries; 429 and 5xx are retried by the outbox, honouring
// Retry-After; other answers are permanent failures.
#include "bot/core/clock.hpp"
#include "bot/core/outbox.hpp"
#include "bot/net/http_client.hpp"
#include "bot/storage/people_store.hpp"
#include "bot/transports/teams/teams_activity.hpp"
#include "bot/transports/teams/teams_store.hpp"
#include "bot/transports/teams/teams_token.hpp"

namespace relais::teams {

class TeamsSender final : public core::TransportSender {
 public:
  TeamsSender(net::HttpClient& client, TokenSource& tokens, TeamsStore& store, storage::PeopleStore& people,
              const core::Clock& clock)
      : client_(client), tokens_(tokens), store_(store), people_(people), clock_(clock) {}
  void deliver(const storage::OutboxRow& row, std::function<void(core::Delivery)> done) override;

 private:
  void post(const storage::OutboxRow& row, const ConversationRef& to, std::function<void(core::Delivery)> done);
  void open_chat(const storage::OutboxRow& row, ConversationRef to, std::function<void(core::Delivery)> done);
  /// Sends with the bot's token (when there are credentials).
  void send(net::ClientRequest request, std::function<void(net::ClientResponse)> then);

  net::HttpClient& client_;
  TokenSource& tokens_;
  TeamsStore& store_;
  storage::PeopleStore& people_;
  const core::Clock& clock_;
};

}  // namespace relais::teams
