#include "bot/core/room.hpp"

#include "bot/net/http_client.hpp"

namespace relais::core {

std::optional<Room> parse_room(std::string name, std::string_view spec, std::string language, Role audience,
                               std::string& error) {
  const auto colon = spec.find(':');
  const auto transport = spec.substr(0, colon);
  const auto address = colon == std::string_view::npos ? std::string_view() : spec.substr(colon + 1);
  if (transport == "teams") {
    if (address.empty()) {
      error = "expected \"teams:<channel id>\", the id of a channel the bot was added to";
      return std::nullopt;
    }
    return Room{std::move(name), "teams", std::string(address), std::move(language), audience};
  }
  if (transport == "matrix") {
    if (!address.starts_with("!") || address.find(':') == std::string_view::npos) {
      error = "expected \"matrix:<room id>\", e.g. \"matrix:!abc123:example.org\", a room the bot was invited to";
      return std::nullopt;
    }
    return Room{std::move(name), "matrix", std::string(address), std::move(language), audience};
  }
  if (transport != "webhook") {
    error = "expected \"webhook:<URL>\", \"teams:<channel id>\" or \"matrix:<room id>\", e.g. "
            "\"webhook:https://hooks.example/relais\"";
    return std::nullopt;
  }
  if (!net::parse_url(address)) {
    error = "the webhook address is not an http:// or https:// URL";
    return std::nullopt;
  }
  return Room{std::move(name), std::string(transport), std::string(address), std::move(language), audience};
}

}  // namespace relais::core
