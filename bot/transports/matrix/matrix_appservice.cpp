#include "bot/transports/matrix/matrix_appservice.hpp"

#include <openssl/crypto.h>

#include "bot/core/log.hpp"

namespace relais::matrix {

namespace http = net::http;
using json = nlohmann::json;

namespace {
constexpr std::string_view prefix = "/_matrix/app/v1";

/// The last path segment, decoded: ".../transactions/{txnId}" -> txnId.
std::string last_segment(const net::Request& req) {
  const auto path = net::path_of(req.target());
  return net::path_segment_decode(path.substr(path.rfind('/') + 1));
}

net::Response ok(const net::Request& req) {
  return net::make_response(req, http::status::ok, "{}", "application/json");
}

bool same_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}
}  // namespace

net::Response matrix_error(const net::Request& req, http::status status, std::string_view errcode,
                           std::string_view message) {
  const json body = {{"errcode", errcode}, {"error", message}};
  return net::make_response(req, status, body.dump(), "application/json");
}

void MatrixAppservice::add_routes(net::Routes& routes) {
  auto sync = [](auto handler) {
    return [handler](const net::Request& req, net::Routes::Respond respond) { respond(handler(req)); };
  };
  auto transaction_handler = sync([this](const net::Request& r) { return transaction(r); });
  routes.add_prefix(http::verb::put, std::string(prefix) + "/transactions/", transaction_handler);
  routes.add_prefix(http::verb::put, "/transactions/", transaction_handler);  // homeservers before spec v1.1
  routes.add_prefix(http::verb::get, std::string(prefix) + "/users/", sync([this](const net::Request& r) { return user_query(r); }));
  routes.add_prefix(http::verb::get, std::string(prefix) + "/rooms/", sync([this](const net::Request& r) { return room_query(r); }));
  routes.add(http::verb::post, std::string(prefix) + "/ping", [this](const net::Request& r) { return ping(r); });
}

std::optional<net::Response> MatrixAppservice::refuse_unless_homeserver(const net::Request& req) {
  std::string token;
  const auto auth = req[http::field::authorization];
  if (auth.starts_with("Bearer ")) token = std::string(auth.substr(7));
  else if (const auto q = net::query_of(req.target()); q.contains("access_token")) token = q.at("access_token");
  if (token.empty()) {
    metrics_.rejected_input("matrix_auth");
    log::warn_throttled(unauthorized_log_, "matrix_unauthorized", "no token");
    return matrix_error(req, http::status::unauthorized, "M_UNAUTHORIZED", "the homeserver's hs_token is missing");
  }
  if (!same_secret(token, hs_token_)) {
    metrics_.rejected_input("matrix_auth");
    log::warn_throttled(unauthorized_log_, "matrix_unauthorized", "wrong token");
    return matrix_error(req, http::status::forbidden, "M_FORBIDDEN", "the token is not this application service's hs_token");
  }
  return std::nullopt;
}

net::Response MatrixAppservice::transaction(const net::Request& req) {
  if (auto refusal = refuse_unless_homeserver(req)) return *refusal;
  const auto txn_id = last_segment(req);
  auto batch = parse_transaction(req.body());
  if (!batch) {
    metrics_.rejected_input("matrix_bad_transaction");
    log::warn("matrix_bad_transaction").kv("reason", batch.error());
    return matrix_error(req, http::status::bad_request, "M_BAD_JSON", batch.error());
  }
  log::debug("matrix_transaction").kv("txn", txn_id).kv("events", batch->events.size());
  inbox_.handle(batch.value());
  return ok(req);
}

net::Response MatrixAppservice::user_query(const net::Request& req) {
  if (auto refusal = refuse_unless_homeserver(req)) return *refusal;
  // Only the bot itself lives in this namespace; the homeserver registers it.
  if (last_segment(req) == bot_user_id_) return ok(req);
  return matrix_error(req, http::status::not_found, "M_NOT_FOUND", "no such user in this application service");
}

net::Response MatrixAppservice::room_query(const net::Request& req) {
  if (auto refusal = refuse_unless_homeserver(req)) return *refusal;
  return matrix_error(req, http::status::not_found, "M_NOT_FOUND", "this application service creates no room aliases");
}

net::Response MatrixAppservice::ping(const net::Request& req) {
  if (auto refusal = refuse_unless_homeserver(req)) return *refusal;
  return ok(req);
}

}  // namespace relais::matrix
