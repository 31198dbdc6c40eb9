#include "bot/transports/matrix/matrix_api.hpp"

#include "bot/transports/http_delivery.hpp"

namespace relais::matrix {

using json = nlohmann::json;

namespace {
std::string segment(std::string_view s) { return net::percent_encode(s); }
constexpr const char* client_v3 = "/_matrix/client/v3";
}  // namespace

void MatrixApi::call(std::string method, const std::string& path, std::optional<json> body, Reply reply,
                     std::optional<std::chrono::milliseconds> timeout) {
  net::ClientRequest request;
  request.method = std::move(method);
  request.url = base_ + path;
  request.timeout = timeout.value_or(request_timeout_);
  if (!token_.empty()) request.headers.emplace_back("Authorization", "Bearer " + token_);
  if (body) {
    request.headers.emplace_back("Content-Type", "application/json");
    request.body = body->dump();
  }
  client_.send(std::move(request), std::move(reply));
}

void MatrixApi::send(const std::string& room_id, const std::string& type, const std::string& txn_id,
                     const json& content, Reply reply) {
  call("PUT", std::string(client_v3) + "/rooms/" + segment(room_id) + "/send/" + segment(type) + "/" + segment(txn_id),
       content, std::move(reply));
}

void MatrixApi::join(const std::string& room_id, Reply reply) {
  call("POST", std::string(client_v3) + "/join/" + segment(room_id), json::object(), std::move(reply));
}

void MatrixApi::leave(const std::string& room_id, Reply reply) {
  call("POST", std::string(client_v3) + "/rooms/" + segment(room_id) + "/leave", json::object(), std::move(reply));
}

void MatrixApi::create_direct_room(const std::string& user_id, Reply reply) {
  const json body = {{"preset", "trusted_private_chat"}, {"is_direct", true}, {"invite", json::array({user_id})}};
  call("POST", std::string(client_v3) + "/createRoom", body, std::move(reply));
}

void MatrixApi::account_data(const std::string& type, Reply reply) {
  call("GET", std::string(client_v3) + "/user/" + segment(bot_user_id_) + "/account_data/" + segment(type),
       std::nullopt, std::move(reply));
}

void MatrixApi::set_account_data(const std::string& type, const json& content, Reply reply) {
  call("PUT", std::string(client_v3) + "/user/" + segment(bot_user_id_) + "/account_data/" + segment(type), content,
       std::move(reply));
}

void MatrixApi::sync(const std::string& since, const std::string& filter, std::chrono::milliseconds timeout,
                     Reply reply) {
  std::string path = std::string(client_v3) + "/sync?timeout=" + std::to_string(timeout.count()) +
                     "&filter=" + segment(filter);
  if (!since.empty()) path += "&since=" + segment(since);
  call("GET", path, std::nullopt, std::move(reply), timeout + std::chrono::seconds(30));
}

void MatrixApi::login(const std::string& user, const std::string& password, Reply reply) {
  const json body = {{"type", "m.login.password"},
                     {"identifier", {{"type", "m.id.user"}, {"user", user}}},
                     {"password", password},
                     {"initial_device_display_name", "Relais"}};
  call("POST", std::string(client_v3) + "/login", body, std::move(reply));
}

std::string errcode_of(const net::ClientResponse& response) {
  const auto j = json::parse(response.body, nullptr, false);
  return j.is_object() && j.contains("errcode") && j["errcode"].is_string() ? j["errcode"].get<std::string>() : "";
}

core::Delivery delivery_of(const net::ClientResponse& response) {
  auto delivery = transports::delivery_of(response);
  if (response.status == 429) {
    const auto j = json::parse(response.body, nullptr, false);
    if (j.is_object() && j.contains("retry_after_ms") && j["retry_after_ms"].is_number_integer())
      delivery.retry_after = std::chrono::milliseconds(j["retry_after_ms"].get<std::int64_t>());
  }
  if (!response.ok() && response.status != 0) {
    const auto code = errcode_of(response);
    if (!code.empty()) delivery.error += " " + code;
  }
  return delivery;
}

}  // namespace relais::matrix
