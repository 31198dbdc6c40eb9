#pragma once
// The application-service side of the spec (Application Service API v1): the homeserver
// PUTs transactions of events, asks whether users and room aliases exist, and pings.
// The hs_token is checked before a body is read (header, or the legacy ?access_token=);
// missing: 401 M_UNAUTHORIZED, wrong: 403 M_FORBIDDEN. A transaction is acknowledged once its
// events are durably handled; a retried one is acknowledged again and nothing runs twice.
#include <string>

#include "bot/core/log_throttle.hpp"
#include "bot/core/metrics.hpp"
#include "bot/net/http.hpp"
#include "bot/transports/matrix/matrix_inbox.hpp"

namespace relais::matrix {

class MatrixAppservice {
 public:
  MatrixAppservice(std::string hs_token, std::string bot_user_id, MatrixInbox& inbox, core::Metrics& metrics)
      : hs_token_(std::move(hs_token)), bot_user_id_(std::move(bot_user_id)), inbox_(inbox), metrics_(metrics) {}

  void add_routes(net::Routes& routes);
  net::Response transaction(const net::Request& req);
  net::Response user_query(const net::Request& req);
  net::Response room_query(const net::Request& req);
  net::Response ping(const net::Request& req);

 private:
  /// The refusal for a request without the right hs_token, if it lacks it.
  std::optional<net::Response> refuse_unless_homeserver(const net::Request& req);

  std::string hs_token_;
  std::string bot_user_id_;
  MatrixInbox& inbox_;
  core::Metrics& metrics_;
  log::Throttle unauthorized_log_;  ///< a peer retrying with a bad token is one line per reason and period
};

/// A Matrix error body: {"errcode": ..., "error": ...}.
net::Response matrix_error(const net::Request& req, net::http::status status, std::string_view errcode,
                           std::string_view message);

}  // namespace relais::matrix
