#pragma once
#include <map>
// Loopback clients for integration tests: plain HTTP and a real WebSocket (Beast's, so the
// server's websocketpp engine is checked against an independent implementation).
#include <boost/asio/io_context.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace relais::testing {

struct HttpResult {
  int status = 0;
  std::string body;
  std::string content_type;
};

/// One request on a fresh connection; status 0 when the connection failed or timed out.
HttpResult http_request(unsigned short port, boost::beast::http::verb method, const std::string& target,
                        const std::string& body = "", std::chrono::seconds timeout = std::chrono::seconds(5));
/// The same, with extra request headers (an empty value leaves the header out).
HttpResult http_request_with(unsigned short port, boost::beast::http::verb method, const std::string& target,
                             const std::string& body, const std::map<std::string, std::string>& headers,
                             std::chrono::seconds timeout = std::chrono::seconds(5));

/// Sends raw bytes and returns whatever comes back before the server closes or the timeout.
std::string raw_exchange(unsigned short port, const std::string& bytes, std::chrono::seconds timeout = std::chrono::seconds(5));

class WsClient {
 public:
  /// Connects to ws://127.0.0.1:port/target; throws if the handshake fails.
  WsClient(unsigned short port, const std::string& target);
  ~WsClient();

  void send(const nlohmann::json& frame);
  void send_raw(const std::string& text);
  /// The next frame, or nothing on timeout or close.
  std::optional<nlohmann::json> next(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  /// Frames until one matches (returned); the others are kept in `seen`.
  std::optional<nlohmann::json> wait_for(const std::function<bool(const nlohmann::json&)>& match,
                                         std::chrono::milliseconds timeout = std::chrono::seconds(5));
  /// Sends "say" and waits for its ack; returns the ack status.
  std::string ask(const std::string& id, const std::string& text);
  /// Acknowledges a delivered message, as the page does.
  void receipt(std::int64_t id);
  bool closed() const { return closed_; }
  boost::beast::websocket::close_reason close_reason() const { return ws_.reason(); }

  std::deque<nlohmann::json> seen;

 private:
  boost::asio::io_context io_;
  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  bool closed_ = false;
};

}  // namespace relais::testing
