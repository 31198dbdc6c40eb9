#include "bot/transports/http_delivery.hpp"

namespace relais::transports {

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

}  // namespace relais::transports
