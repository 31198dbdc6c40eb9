#pragma once
// Delivers outbox rows addressed to a webhook URL with an HTTP POST. 2xx is delivered; 408, 429
// and 5xx (or no answer) are retried by the outbox, honouring Retry-After; any other answer is
// a permanent failure. The URL is never logged: incoming-webhook URLs carry their own token.
#include "bot/core/outbox.hpp"
#include "bot/net/http_client.hpp"

namespace relais::webhook {

class WebhookSender final : public core::TransportSender {
 public:
  explicit WebhookSender(net::HttpClient& client, std::chrono::milliseconds timeout = std::chrono::seconds(15))
      : client_(client), timeout_(timeout) {}
  void deliver(const storage::OutboxRow& row, std::function<void(core::Delivery)> done) override;

 private:
  net::HttpClient& client_;
  std::chrono::milliseconds timeout_;
};

}  // namespace relais::webhook
