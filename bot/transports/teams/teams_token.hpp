#pragma once
// The bot's own access token for the Bot Framework connector: OAuth 2.0 client credentials
// (app id + secret), cached until five minutes before it expires. Without an app id (a local
// emulator) there is no token and requests go without one.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/net/http_client.hpp"

namespace relais::teams {

struct Credentials {
  std::string app_id;
  std::string app_password;
  std::string token_url;
  std::string scope;
};

class TokenSource {
 public:
  /// `token` is empty without credentials; `error` says why there is none when there should be.
  using Callback = std::function<void(std::optional<std::string> token, std::string error)>;

  TokenSource(net::HttpClient& client, const core::Clock& clock, Credentials credentials)
      : client_(client), clock_(clock), credentials_(std::move(credentials)) {}

  void get(Callback done);
  /// The connector refused the token (401): fetch a new one next time.
  void invalidate() { token_.clear(); }

 private:
  net::HttpClient& client_;
  const core::Clock& clock_;
  Credentials credentials_;
  std::string token_;
  core::TimePoint refresh_after_{};
  std::vector<Callback> waiting_;  ///< callers while a fetch is under way: one fetch for all
};

}  // namespace relais::teams
