#include "bot/transports/api/api_endpoint.hpp"

#include <openssl/crypto.h>

#include "bot/core/csv.hpp"
#include "bot/core/log.hpp"
#include "bot/identity/directory_csv.hpp"
#include "bot/identity/directory_sync.hpp"
#include "skills/onboarding/onboarding_store.hpp"

namespace relais::api {

namespace http = net::http;
using json = nlohmann::json;

namespace {
const std::vector<std::string> columns = {"id",        "name",          "email",         "language",
                                          "circle",    "roles",         "topics",        "start_date",
                                          "time_zone", "working_hours", "aad_object_id", "matrix_id",
                                          "site",      "languages"};

net::Response json_response(const net::Request& req, http::status status, const json& body) {
  return net::make_response(req, status, body.dump(), "application/json");
}
}  // namespace

Result<std::string> people_as_csv(const json& body) {
  if (!body.is_object() || !body.contains("people") || !body["people"].is_array() || body["people"].empty())
    return Result<std::string>::failure("expected {\"people\": [{\"id\": ..., \"name\": ..., ...}]}");
  std::string text = csv::format_row(columns);
  for (std::size_t i = 0; i < body["people"].size(); ++i) {
    const auto& p = body["people"][i];
    const auto where = "people[" + std::to_string(i) + "]";
    if (!p.is_object()) return Result<std::string>::failure(where + " is not an object");
    for (const auto& [key, value] : p.items())
      if (std::find(columns.begin(), columns.end(), key) == columns.end())
        return Result<std::string>::failure(where + ": unknown field \"" + key + "\"");
    std::vector<std::string> cells;
    for (const auto& c : columns) {
      const auto it = p.find(c);
      if (it == p.end() || it->is_null()) {
        cells.emplace_back();
      } else if (it->is_string()) {
        cells.push_back(it->get<std::string>());
      } else if ((c == "roles" || c == "topics" || c == "languages") && it->is_array()) {
        std::string joined;
        for (const auto& item : *it) {
          if (!item.is_string()) return Result<std::string>::failure(where + "." + c + " must hold strings");
          joined += (joined.empty() ? "" : ";") + item.get<std::string>();
        }
        cells.push_back(joined);
      } else {
        return Result<std::string>::failure(where + "." + c + " must be a string");
      }
    }
    text += csv::format_row(cells);
  }
  return text;
}

void ApiEndpoint::add_routes(net::Routes& routes) {
  routes.add(http::verb::post, "/api/v1/people", [this](const net::Request& r) { return people(r); });
  routes.add(http::verb::post, "/api/v1/onboarding/completions", [this](const net::Request& r) { return completion(r); });
}

std::optional<net::Response> ApiEndpoint::refuse(const net::Request& req) {
  if (token_.empty()) return net::error_response(req, http::status::not_found, "api_off", "the API is off: set api.token");
  const auto auth = req[http::field::authorization];
  if (!auth.starts_with("Bearer ")) {
    metrics_.rejected_input("api_auth");
    return net::error_response(req, http::status::unauthorized, "unauthorized", "a Bearer token is required");
  }
  const auto token = auth.substr(7);
  if (token.size() != token_.size() || CRYPTO_memcmp(token.data(), token_.data(), token_.size()) != 0) {
    metrics_.rejected_input("api_auth");
    log::warn("api_unauthorized").kv("path", std::string(net::path_of(req.target())));
    return net::error_response(req, http::status::forbidden, "forbidden", "the token is not valid");
  }
  return std::nullopt;
}

net::Response ApiEndpoint::people(const net::Request& req) {
  if (auto refusal = refuse(req)) return *refusal;
  const auto body = json::parse(req.body(), nullptr, false);
  if (body.is_discarded()) return net::error_response(req, http::status::bad_request, "bad_json", "the body is not JSON");
  const auto text = people_as_csv(body);
  if (!text) return net::error_response(req, http::status::unprocessable_entity, "bad_people", text.error());
  Problems problems;
  const auto directory = identity::parse_directory(text.value(), "people", problems);
  if (!problems.empty()) {
    json list = json::array();
    for (const auto& p : problems) {
      // "people:3" is the third CSV line: the second person, people[1].
      auto where = p.where;
      if (const auto colon = where.rfind(':'); colon != std::string::npos)
        where = "people[" + std::to_string(std::stoi(where.substr(colon + 1)) - 2) + "]";
      list.push_back(where + ": " + p.what);
    }
    return json_response(req, http::status::unprocessable_entity,
                         {{"error", "bad_people"}, {"message", "nothing was imported"}, {"problems", list}});
  }
  storage::Transaction tx(db_);
  const auto summary = identity::sync_directory(people_, directory, false, clock_.now());
  tx.commit();
  log::info("people_api").kv("summary", summary.text());
  router_.refresh();
  return json_response(req, http::status::ok,
                       {{"added", summary.added}, {"changed", summary.changed}, {"unchanged", summary.unchanged}});
}

net::Response ApiEndpoint::completion(const net::Request& req) {
  if (auto refusal = refuse(req)) return *refusal;
  const auto body = json::parse(req.body(), nullptr, false);
  if (!body.is_object() || !body.contains("person") || !body["person"].is_string() || !body.contains("module") ||
      !body["module"].is_string())
    return net::error_response(req, http::status::bad_request, "bad_completion",
                               "expected {\"person\": \"<directory id>\", \"module\": \"<module id>\"}");
  const auto person = body["person"].get<std::string>();
  const auto module = body["module"].get<std::string>();
  if (!people_.find(person)) return net::error_response(req, http::status::not_found, "unknown_person", "no such person");
  if (!onboarding::OnboardingStore(db_).module(person, module))
    return net::error_response(req, http::status::not_found, "unknown_module", "that module is not on this person's path");
  core::InboundEvent event;
  event.transport = "api";
  event.message_id = "lms:" + person + ":" + module;  // a learning platform's retry is recorded once
  event.sender_address = person;
  event.personal = false;
  event.action = "onboarding_done";
  event.args = {{"module", module}, {"via", "lms"}};
  event.received_at = clock_.now();
  const auto outcome = router_.handle(event);
  return json_response(req, http::status::ok, {{"status", outcome == core::Outcome::duplicate ? "duplicate" : "recorded"}});
}

}  // namespace relais::api
