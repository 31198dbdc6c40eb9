#include "bot/transports/webhook/webhook_sender.hpp"

#include "bot/transports/webhook/webhook_payload.hpp"

namespace relais::webhook {

core::Delivery delivery_of(const net::ClientResponse& response) {
  using Status = core::Delivery::Status;
  if (response.ok()) return {Status::delivered, "", std::nullopt};
  if (response.status == 0) return {Status::retry, response.error, std::nullopt};
  const std::string error = "HTTP " + std::to_string(response.status);
  const bool transient = response.status == 408 || response.status == 429 || response.status >= 500;
  if (!transient) return {Status::rejected, error, std::nullopt};
  std::optional<std::chrono::milliseconds> wait;
  if (const auto after = response.retry_after()) wait = *after;
  return {Status::retry, error, wait};
}

void WebhookSender::deliver(const storage::OutboxRow& row, std::function<void(core::Delivery)> done) {
  core::OutboundMessage message;
  try {
    message = row.payload.get<core::OutboundMessage>();
  } catch (const std::exception& e) {
    return done({core::Delivery::Status::rejected, std::string("unreadable payload: ") + e.what(), std::nullopt});
  }
  net::ClientRequest request;
  request.url = row.address;
  request.headers = {{"Content-Type", "application/json"}, {"Idempotency-Key", row.idempotency_key}};
  request.body = render_payload(message, row.recipient_id).dump();
  request.timeout = timeout_;
  client_.send(std::move(request), [done = std::move(done)](net::ClientResponse response) { done(delivery_of(response)); });
}

}  // namespace relais::webhook
