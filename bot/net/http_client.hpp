#pragma once
// Outbound HTTP(S) requests with a deadline, over kept-alive connections per peer: webhooks,
// the Bot Framework connector, a Matrix homeserver. HTTPS verifies the peer against the system's CA certificates.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace relais::net {

struct Url {
  bool tls = false;
  std::string host;  ///< without brackets for IPv6 literals
  std::string port;
  std::string target;  ///< path and query, at least "/"
};

/// Everything but unreserved characters percent-encoded: a path segment, a query or form value.
std::string percent_encode(std::string_view value);

/// Parses an http:// or https:// URL; nothing if it is anything else.
std::optional<Url> parse_url(std::string_view url);

struct ClientRequest {
  std::string method = "POST";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds timeout{std::chrono::seconds(15)};
};

struct ClientResponse {
  int status = 0;                             ///< 0 when no response arrived
  std::map<std::string, std::string> headers;  ///< names in lower case
  std::string body;
  std::string error;  ///< why no response arrived (bad URL, DNS, connect, TLS, timeout, oversize)

  bool ok() const { return status >= 200 && status < 300; }
  /// A Retry-After header given in seconds, if any.
  std::optional<std::chrono::seconds> retry_after() const;
};

class HttpClient {
 public:
  /// A kept-alive connection idle for `idle_timeout` is closed (peers close theirs too, and an
  /// unused one would otherwise linger half-closed until that peer is called again).
  explicit HttpClient(boost::asio::io_context& io, std::size_t max_response_bytes = 4 << 20,
                      std::chrono::milliseconds idle_timeout = std::chrono::seconds(30));

  /// Sends the request; `done` runs once, on the io_context.
  void send(ClientRequest request, std::function<void(ClientResponse)> done);

  /// An open connection to one peer, kept after a response that allows it; defined in the .cpp.
  struct Connection;
  using Pool = std::map<std::string, std::vector<std::shared_ptr<Connection>>>;

 private:
  /// Closes the connections idle too long, once a timeout from now (if any are kept).
  void sweep_later();

  boost::asio::io_context& io_;
  boost::asio::ssl::context tls_;
  std::size_t max_response_bytes_;
  std::chrono::milliseconds idle_timeout_;
  Pool idle_;  ///< by "scheme://host:port"; a connection is either here or in one request's hands
  boost::asio::steady_timer sweep_;
  bool sweeping_ = false;
};

}  // namespace relais::net
