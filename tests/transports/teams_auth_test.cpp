// Bot Framework token checks against a JWKS served on loopback, signed with a locally generated
// RSA key, as Microsoft's identity service would sign them.
#include <doctest/doctest.h>

#include <memory>

#include "bot/core/files.hpp"
#include "bot/net/http_server.hpp"
#include "bot/storage/database.hpp"
#include "bot/transports/teams/teams_auth.hpp"
#include "support/manual_clock.hpp"
#include "support/net_client.hpp"
#include "support/relais_process.hpp"
#include "support/signing_key.hpp"
#include "support/temp_dir.hpp"

#include <thread>

using namespace relais;
using json = nlohmann::json;
namespace http = net::http;

namespace {

using Key = testing::SigningKey;
using testing::base64url;

const std::int64_t now_s = 1795424400;  // the manual clock's start

json good_claims() {
  return {{"iss", "https://api.botframework.com"}, {"aud", "app-123"}, {"exp", now_s + 3600},
          {"nbf", now_s - 60}, {"serviceurl", "https://smba.trafficmanager.net/emea/"}};
}

std::string token(const Key& key, const std::string& kid, const json& claims) { return key.token(kid, claims); }

/// The identity provider on loopback: OpenID metadata and a JWKS the test can change.
struct IdentityProvider {
  boost::asio::io_context io;
  core::Metrics metrics;
  net::Routes routes;
  net::HttpServer server{io, routes, {}, metrics};
  net::HttpClient client{io};
  testing::ManualClock clock;
  json keys = json::array();
  int jwks_served = 0;
  std::unique_ptr<teams::BotFrameworkAuth> auth;

  IdentityProvider() {
    routes.add(http::verb::get, "/openid", [this](const net::Request& req) {
      const json doc = {{"jwks_uri", "http://127.0.0.1:" + std::to_string(server.port()) + "/keys"}};
      return net::make_response(req, http::status::ok, doc.dump(), "application/json");
    });
    routes.add(http::verb::get, "/keys", [this](const net::Request& req) {
      ++jwks_served;
      return net::make_response(req, http::status::ok, json{{"keys", keys}}.dump(), "application/json");
    });
    server.listen("127.0.0.1", 0);
    auth = std::make_unique<teams::BotFrameworkAuth>(
        client, clock,
        teams::AuthSettings{"app-123", "https://api.botframework.com",
                            "http://127.0.0.1:" + std::to_string(server.port()) + "/openid"});
  }

  /// Checks a request carrying `authorization`, running the loop until the answer is in.
  Result<std::string> check(const std::string& authorization) {
    net::Request req{http::verb::post, "/api/messages", 11};
    if (!authorization.empty()) req.set(http::field::authorization, authorization);
    std::optional<Result<std::string>> answer;
    auth->check(req, [&](Result<std::string> r) { answer = std::move(r); });
    io.restart();
    while (!answer && io.run_one_for(std::chrono::seconds(5)) > 0) {
    }
    REQUIRE(answer.has_value());
    return *answer;
  }
};

}  // namespace

TEST_SUITE("integration") {

TEST_CASE("a token signed by a published key, for this bot, in time, is accepted") {
  Key key;
  IdentityProvider idp;
  idp.keys.push_back(key.jwk("k1"));
  const auto ok = idp.check("Bearer " + token(key, "k1", good_claims()));
  REQUIRE_MESSAGE(ok, ok.error());
  CHECK(ok.value() == "https://smba.trafficmanager.net/emea/");
  CHECK(idp.check("Bearer " + token(key, "k1", good_claims())));
  CHECK(idp.jwks_served == 1);  // the keys are cached
}

TEST_CASE("expired, wrong audience, wrong issuer, bad signature and missing tokens are refused") {
  Key key, other;
  IdentityProvider idp;
  idp.keys.push_back(key.jwk("k1"));
  auto claims = good_claims();
  claims["exp"] = now_s - 301;  // past the 5 minutes of skew
  CHECK(idp.check("Bearer " + token(key, "k1", claims)).error() == "the token has expired");
  claims = good_claims();
  claims["exp"] = now_s - 200;  // within the skew
  CHECK(idp.check("Bearer " + token(key, "k1", claims)));
  claims = good_claims();
  claims["aud"] = "someone-else";
  CHECK(idp.check("Bearer " + token(key, "k1", claims)).error() == "the token is not for this bot (audience)");
  claims = good_claims();
  claims["iss"] = "https://evil.example";
  CHECK(idp.check("Bearer " + token(key, "k1", claims)).error() == "the token's issuer is not https://api.botframework.com");
  CHECK(idp.check("Bearer " + token(other, "k1", good_claims())).error() == "the token's signature is not valid");
  CHECK(idp.check("").error() == "no Authorization header");
  CHECK(idp.check("Basic dXNlcjpwdw==").error() == "the Authorization header is not a Bearer token");
  CHECK(idp.check("Bearer not-a-jwt").error() == "the token is not a JWT (header.payload.signature)");
  claims = good_claims();
  claims.erase("serviceurl");
  CHECK(idp.check("Bearer " + token(key, "k1", claims)).error() == "the token has no serviceurl claim");
}

TEST_CASE("HS256 and none tokens are refused whatever they say") {
  Key key;
  IdentityProvider idp;
  idp.keys.push_back(key.jwk("k1"));
  // The emulator's sample dummy token, and a forged one: HMAC with the public key as secret.
  CHECK(idp.check("Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzZXJ2aWNldXJsIjoiaHR0cDovLzEyNy4wLjAuMTozNTM2MS9fY29ubmVjdG9yIiwiaWF0IjoxNzk1Mzk4MDAyfQ.zv9skRhe4kOnKOA0MKEp7qVJANvAWzBC7LOYPuGyfAg")
            .error() == "the token's algorithm must be RS256, not \"HS256\"");
  const auto input = base64url(json{{"alg", "none"}, {"kid", "k1"}}.dump()) + "." + base64url(good_claims().dump());
  CHECK(idp.check("Bearer " + input + ".").error() == "the token's algorithm must be RS256, not \"none\"");
}

TEST_CASE("an unknown key id makes the keys be fetched again: a rolled-over key is then accepted, a made-up one is not") {
  Key old_key, new_key;
  IdentityProvider idp;
  idp.keys.push_back(old_key.jwk("old"));
  CHECK(idp.check("Bearer " + token(old_key, "old", good_claims())));
  CHECK(idp.jwks_served == 1);
  idp.clock.advance(std::chrono::minutes(2));
  idp.keys.push_back(new_key.jwk("new"));  // later, the provider rolls its keys over
  CHECK(idp.check("Bearer " + token(new_key, "new", good_claims())));
  CHECK(idp.jwks_served == 2);
  CHECK(idp.check("Bearer " + token(new_key, "made-up", good_claims())).error() == "the token's signing key is unknown");
  CHECK(idp.jwks_served == 2);  // not again within a minute: random kids cannot hammer the provider
  idp.clock.advance(std::chrono::minutes(2));
  CHECK_FALSE(idp.check("Bearer " + token(new_key, "made-up", good_claims())));
  CHECK(idp.jwks_served == 3);
}

TEST_CASE("a verified token is remembered: sent again it needs no signature check, yet expiry and withdrawn keys "
          "still count") {
  Key key, other;
  IdentityProvider idp;
  idp.keys.push_back(key.jwk("k1"));
  auto claims = good_claims();
  claims["exp"] = now_s + 600;
  const auto bearer = "Bearer " + token(key, "k1", claims);
  CHECK(idp.check(bearer));
  CHECK(idp.check(bearer));
  CHECK(idp.check(bearer));
  CHECK(idp.auth->signature_checks() == 1);
  // A forged token is never remembered, however often it comes.
  const auto forged = "Bearer " + token(other, "k1", claims);
  CHECK_FALSE(idp.check(forged));
  CHECK_FALSE(idp.check(forged));
  CHECK(idp.auth->signature_checks() == 3);
  // Past its expiry (and the skew), the remembered token is refused.
  idp.clock.advance(std::chrono::seconds(600 + 301));
  CHECK(idp.check(bearer).error() == "the token has expired");
  // When the provider withdraws the key, the next fetch of the keys forgets what it signed.
  Key rolled;
  const auto fresh = "Bearer " + token(key, "k1", good_claims());
  CHECK(idp.check(fresh));
  idp.keys = json::array({rolled.jwk("k2")});
  CHECK(idp.check("Bearer " + token(rolled, "k2", good_claims())));  // an unknown kid: the keys are fetched again
  CHECK(idp.check(fresh).error() == "the token's signing key is unknown");
}

TEST_CASE("a key not endorsed for Teams is refused") {
  Key key;
  IdentityProvider idp;
  auto jwk = key.jwk("k1");
  jwk["endorsements"] = {"skype"};
  idp.keys.push_back(jwk);
  CHECK(idp.check("Bearer " + token(key, "k1", good_claims())).error() == "the signing key is not endorsed for msteams");
}

TEST_CASE("the real binary: no token, a dummy token or another serviceUrl get 401 and store nothing; a valid one is "
          "handled and answered through the connector with the bot's own token") {
  Key key;
  IdentityProvider idp;  // also plays the Bot Framework token endpoint and connector
  idp.keys.push_back(key.jwk("k1"));
  std::vector<net::Request> connector_calls, token_calls;
  idp.routes.add(http::verb::post, "/token", [&](const net::Request& req) {
    token_calls.push_back(req);
    return net::make_response(req, http::status::ok, R"({"access_token":"bot-token-1","expires_in":3600})", "application/json");
  });
  idp.routes.add(http::verb::post, "/connector/v3/conversations/personal-chat-user-alice/activities", [&](const net::Request& req) {
    connector_calls.push_back(req);
    return net::make_response(req, http::status::ok, R"({"id":"activity-1"})", "application/json");
  });
  const std::string base = "http://127.0.0.1:" + std::to_string(idp.server.port());
  struct Loop {  // serves the identity provider and connector while the binary talks to them
    explicit Loop(IdentityProvider& provider) : idp(provider) {}
    IdentityProvider& idp;
    std::atomic<bool> stop{false};
    std::thread thread{[this] {
      while (!stop) {
        idp.io.restart();
        idp.io.run_for(std::chrono::milliseconds(50));
      }
    }};
    ~Loop() {
      stop = true;
      thread.join();
    }
  };
  auto loop = std::make_unique<Loop>(idp);

  testing::TempDir dir;
  {
    std::ofstream out(dir / "directory.csv");
    out << "id,name,email,language,circle,roles,topics,start_date,aad_object_id\n"
        << "alice,Alice Example,,en,Finance,employee,,,00000000-0000-0000-0000-000000000100\n";
  }
  testing::RelaisProcess relais(dir / "data", {{"RELAIS_DIRECTORY_PATH", (dir / "directory.csv").string()},
                                               {"RELAIS_DIRECTORY_CIRCLES_PATH", ""},
                                               {"RELAIS_TEAMS_ENABLED", "true"},
                                               {"RELAIS_TEAMS_APP_ID", "app-123"},
                                               {"RELAIS_TEAMS_APP_PASSWORD", "s3cret-password"},
                                               {"RELAIS_TEAMS_OPENID_METADATA_URL", base + "/openid"},
                                               {"RELAIS_TEAMS_TOKEN_URL", base + "/token"}});
  relais.start();
  const auto fixture = json::parse(read_file(testing::source_dir() / "tests/fixtures/teams/message-personal-with-auth-header.json").value());
  auto activity = fixture["body"];
  activity["serviceUrl"] = base + "/connector";
  auto post = [&](const std::string& authorization) {
    return testing::http_request_with(relais.port(), http::verb::post, "/api/messages", activity.dump(),
                                      {{"Authorization", authorization}});
  };
  for (int i = 0; i < 20; ++i) CHECK(post("").status == 401);  // a client retrying: one log line, not twenty
  CHECK(post(fixture["headers"]["authorization"]).status == 401);  // the emulator's HS256 dummy token
  auto claims = good_claims();
  claims["exp"] = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count() + 600;
  claims["nbf"] = claims["exp"].get<std::int64_t>() - 1200;
  CHECK(post("Bearer " + token(key, "k1", claims)).status == 401);  // its serviceurl is another connector's
  {
    storage::Database db(relais.database(), storage::Durability::normal);
    CHECK(db.query_int("SELECT COUNT(*) FROM inbound_keys") == 0);
    CHECK(db.query_int("SELECT COUNT(*) FROM questions") == 0);
  }
  claims["serviceurl"] = base + "/connector";
  const auto accepted = post("Bearer " + token(key, "k1", claims));
  CHECK(accepted.status == 200);
  for (int i = 0; i < 100 && connector_calls.empty(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  loop.reset();
  REQUIRE(connector_calls.size() == 1);
  CHECK(connector_calls[0][http::field::authorization] == "Bearer bot-token-1");
  REQUIRE(token_calls.size() == 1);
  CHECK(token_calls[0].body().find("client_secret=s3cret-password") != std::string::npos);
  CHECK(token_calls[0].body().find("grant_type=client_credentials") != std::string::npos);
  const auto log = relais.log();
  CHECK(log.find("s3cret-password") == std::string::npos);  // secrets never appear in logs
  CHECK(log.find("bot-token-1") == std::string::npos);
  CHECK(log.find("event=teams_unauthorized") != std::string::npos);
  std::size_t no_header_lines = 0;
  for (auto at = log.find("no Authorization header"); at != std::string::npos;
       at = log.find("no Authorization header", at + 1))
    ++no_header_lines;
  CHECK(no_header_lines == 1);
}

}  // TEST_SUITE
