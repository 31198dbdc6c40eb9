#pragma once
// The client-server API calls Relais makes to its homeserver (spec v1.x, /_matrix/client/v3),
// with the bot's token: the application service's as_token, or a client's access token.
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "bot/core/outbox.hpp"
#include "bot/net/http_client.hpp"

namespace relais::matrix {

using Reply = std::function<void(net::ClientResponse)>;

class MatrixApi {
 public:
  /// `request_timeout`: how long one call (a send, a join…) may take before it counts as failed
  /// (a send is then retried by the outbox). /sync has its own, longer, deadline.
  MatrixApi(net::HttpClient& client, std::string homeserver_url, std::string bot_user_id,
            std::chrono::milliseconds request_timeout = std::chrono::seconds(30))
      : client_(client), base_(std::move(homeserver_url)), bot_user_id_(std::move(bot_user_id)),
        request_timeout_(request_timeout) {
    while (!base_.empty() && base_.back() == '/') base_.pop_back();
  }

  void set_token(std::string token) { token_ = std::move(token); }
  bool has_token() const { return !token_.empty(); }
  const std::string& bot_user_id() const { return bot_user_id_; }

  /// PUT .../rooms/{room}/send/{type}/{txnId}: the same txnId never sends twice.
  void send(const std::string& room_id, const std::string& type, const std::string& txn_id,
            const nlohmann::json& content, Reply reply);
  void join(const std::string& room_id, Reply reply);
  void leave(const std::string& room_id, Reply reply);
  /// A private direct chat with `user_id` (invited, marked is_direct).
  void create_direct_room(const std::string& user_id, Reply reply);
  void account_data(const std::string& type, Reply reply);
  void set_account_data(const std::string& type, const nlohmann::json& content, Reply reply);
  void sync(const std::string& since, const std::string& filter, std::chrono::milliseconds timeout, Reply reply);
  void login(const std::string& user, const std::string& password, Reply reply);

 private:
  void call(std::string method, const std::string& path, std::optional<nlohmann::json> body, Reply reply,
            std::optional<std::chrono::milliseconds> timeout = std::nullopt);

  net::HttpClient& client_;
  std::string base_;
  std::string bot_user_id_;
  std::string token_;
  std::chrono::milliseconds request_timeout_;
};

/// A Matrix error body's errcode ("M_FORBIDDEN"), if any.
std::string errcode_of(const net::ClientResponse& response);
/// What a homeserver's answer means for the outbox: as any HTTP peer, and 429's
/// `retry_after_ms` honoured.
core::Delivery delivery_of(const net::ClientResponse& response);

}  // namespace relais::matrix
