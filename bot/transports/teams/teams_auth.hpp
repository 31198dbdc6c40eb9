#pragma once
// Bot Framework authentication of incoming requests, checked before the body is read:
// "Authorization: Bearer <JWT>", RS256 only, signed by a key from the OpenID metadata
// document's JWKS (cached; fetched again when a token names an unknown key, at most once a
// minute), issuer and audience (our app id) as configured, not expired (5 minutes of clock
// skew), and the key endorsed for the channel. The token's serviceurl claim is returned: the
// activity must name the same serviceUrl.
//
// The Bot Connector sends the same token with every activity for about an hour, so a token
// whose signature was verified is remembered (its exact text, with its claims): later requests
// carrying it only have their claims checked again, expiry first. The RS256 check was a tenth of
// the CPU under load. Forgetting happens when the keys are fetched again, when the token
// expires, and when the memo is full (a bounded map: only validly signed tokens enter it).
#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/core/result.hpp"
#include "bot/net/http.hpp"
#include "bot/net/http_client.hpp"
#include <nlohmann/json.hpp>

namespace relais::teams {

struct AuthSettings {
  std::string app_id;
  std::string issuer = "https://api.botframework.com";
  std::string metadata_url;
  std::string channel_id = "msteams";
  std::chrono::seconds clock_skew{300};
};

/// An RSA public key from a JWKS, with the channels it is endorsed for.
struct SigningKey {
  std::string modulus;   ///< big-endian bytes
  std::string exponent;  ///< big-endian bytes
  std::vector<std::string> endorsements;
};

/// The parts of a compact JWT; `signed_part` is "header.payload" as sent.
struct Jwt {
  nlohmann::json header;
  nlohmann::json claims;
  std::string signed_part;
  std::string signature;
};

std::string base64url_decode(std::string_view text, bool& ok);
Result<Jwt> decode_jwt(std::string_view compact);
/// Reads a JWKS document's RSA keys by kid (other key types are skipped).
std::map<std::string, SigningKey> parse_jwks(std::string_view body);
bool verify_rs256(const SigningKey& key, std::string_view signed_part, std::string_view signature);
/// The claims' checks, once the signature is good: the serviceurl claim, or why not.
Result<std::string> check_claims(const nlohmann::json& claims, const AuthSettings& settings, core::TimePoint now);

class BotFrameworkAuth {
 public:
  using Done = std::function<void(Result<std::string> service_url)>;

  BotFrameworkAuth(net::HttpClient& client, const core::Clock& clock, AuthSettings settings)
      : client_(client), clock_(clock), settings_(std::move(settings)) {}

  /// Fetches the signing keys now, so the first request does not wait for them.
  void prefetch();
  /// Checks the request's token; `done` runs once (later if the keys must be fetched first).
  void check(const net::Request& request, Done done);
  int key_fetches() const { return fetches_; }
  /// How many RS256 signature checks were made (a remembered token needs none).
  int signature_checks() const { return signature_checks_; }

 private:
  void with_key(Jwt token, std::string compact, Done done);
  void remember(std::string compact, nlohmann::json claims);
  void refresh(std::function<void()> then);

  net::HttpClient& client_;
  const core::Clock& clock_;
  AuthSettings settings_;
  std::map<std::string, SigningKey> keys_;
  core::TimePoint last_refresh_{};
  bool refreshing_ = false;
  std::vector<std::function<void()>> after_refresh_;
  int fetches_ = 0;
  int signature_checks_ = 0;
  /// Verified tokens (the compact text after "Bearer ") and their claims.
  std::unordered_map<std::string, nlohmann::json> verified_;
  static constexpr std::size_t max_verified = 1024;
};

}  // namespace relais::teams
