#pragma once
// The HTTP API for other systems, under /api/v1, with a Bearer token (api.token):
// - POST /api/v1/people: an HR system adds or updates people (a starter's first day, ...),
//   validated exactly as a directory file; nobody leaves through it.
// - POST /api/v1/onboarding/completions: a learning platform marks a module done.
// Missing token: 401; wrong: 403; api.token unset: the API is off (404).
#include <string>

#include "bot/core/clock.hpp"
#include "bot/core/metrics.hpp"
#include "bot/core/router.hpp"
#include "bot/net/http.hpp"
#include "bot/storage/database.hpp"
#include "bot/storage/people_store.hpp"

namespace relais::api {

class ApiEndpoint {
 public:
  ApiEndpoint(std::string token, core::Router& router, storage::Database& db, storage::PeopleStore& people,
              const core::Clock& clock, core::Metrics& metrics)
      : token_(std::move(token)), router_(router), db_(db), people_(people), clock_(clock), metrics_(metrics) {}

  void add_routes(net::Routes& routes);
  net::Response people(const net::Request& req);
  net::Response completion(const net::Request& req);

 private:
  std::optional<net::Response> refuse(const net::Request& req);

  std::string token_;
  core::Router& router_;
  storage::Database& db_;
  storage::PeopleStore& people_;
  const core::Clock& clock_;
  core::Metrics& metrics_;
};

/// {"people": [{...}]} as directory CSV text (same columns), or why it cannot be.
Result<std::string> people_as_csv(const nlohmann::json& body);

}  // namespace relais::api
