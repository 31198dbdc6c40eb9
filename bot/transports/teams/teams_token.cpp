#include "bot/transports/teams/teams_token.hpp"

#include <nlohmann/json.hpp>

#include "bot/core/log.hpp"

namespace relais::teams {

void TokenSource::get(Callback done) {
  if (credentials_.app_id.empty()) return done(std::nullopt, "");
  if (!token_.empty() && clock_.now() < refresh_after_) return done(token_, "");
  waiting_.push_back(std::move(done));
  if (waiting_.size() > 1) return;  // a fetch is already under way

  net::ClientRequest request;
  request.url = credentials_.token_url;
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  request.body = "grant_type=client_credentials&client_id=" + net::percent_encode(credentials_.app_id) +
                 "&client_secret=" + net::percent_encode(credentials_.app_password) +
                 "&scope=" + net::percent_encode(credentials_.scope);
  client_.send(std::move(request), [this](net::ClientResponse response) {
    std::string error;
    if (!response.ok()) {
      error = response.status ? "token endpoint answered HTTP " + std::to_string(response.status) : response.error;
    } else {
      const auto j = nlohmann::json::parse(response.body, nullptr, false);
      const auto token = j.is_object() ? j.value("access_token", std::string()) : std::string();
      const auto expires_in = j.is_object() && j.contains("expires_in") && j["expires_in"].is_number()
                                  ? j["expires_in"].get<long>()
                                  : 3600;
      if (token.empty()) {
        error = "token endpoint answered without an access_token";
      } else {
        token_ = token;
        refresh_after_ = clock_.now() + std::chrono::seconds(std::max(60L, expires_in - 300));
      }
    }
    if (!error.empty()) log::warn("teams_token_failed").kv("error", error);  // never the secret or the token
    auto callers = std::move(waiting_);
    waiting_.clear();
    for (auto& callback : callers)
      error.empty() ? callback(token_, "") : callback(std::nullopt, error);
  });
}

}  // namespace relais::teams
