#pragma once
// Delivers outbox rows to Teams through the Bot Framework connector of the conversation's
// serviceUrl: POST a new activity, or PUT over the activity that already shows the same card
// to the same person (so a claimed question's card changes everywhere it was shown).
// 401 drops the cached token and retries; 429 and 5xx are retried by the outbox, honouring
// Retry-After; other answers are permanent failures.
#include "bot/core/clock.hpp"
#include "bot/core/outbox.hpp"
#include "bot/net/http_client.hpp"
#include "bot/transports/teams/teams_store.hpp"
#include "bot/transports/teams/teams_token.hpp"

namespace relais::teams {

class TeamsSender final : public core::TransportSender {
 public:
  TeamsSender(net::HttpClient& client, TokenSource& tokens, TeamsStore& store, const core::Clock& clock)
      : client_(client), tokens_(tokens), store_(store), clock_(clock) {}
  void deliver(const storage::OutboxRow& row, std::function<void(core::Delivery)> done) override;

 private:
  net::HttpClient& client_;
  TokenSource& tokens_;
  TeamsStore& store_;
  const core::Clock& clock_;
};

/// A path segment with everything but unreserved characters percent-encoded.
std::string path_escape(std::string_view segment);

}  // namespace relais::teams
