#pragma once
// What an HTTP peer's answer means for the outbox, shared by every HTTP transport (webhooks,
// the Bot Framework connector, a Matrix homeserver): 2xx is delivered; no answer, 408, 429 and
// 5xx are retried (honouring Retry-After); anything else is a permanent failure.
#include "bot/core/outbox.hpp"
#include "bot/net/http_client.hpp"

namespace relais::transports {

core::Delivery delivery_of(const net::ClientResponse& response);

}  // namespace relais::transports
