#include "bot/transports/webhook/webhook_sender.hpp"

#include "bot/transports/http_delivery.hpp"
#include "bot/transports/webhook/webhook_payload.hpp"

namespace relais::webhook {

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
  client_.send(std::move(request), [done = std::move(done)](net::ClientResponse response) { done(transports::delivery_of(response)); });
}

}  // namespace relais::webhook
