#pragma once
// The one public port: Beast sessions with header/idle timeouts, body limits and keep-alive.
// WebSocket upgrades are handed to the route that owns the path.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>

#include "bot/core/metrics.hpp"
#include "bot/net/http.hpp"

namespace relais::net {

struct HttpLimits {
  std::size_t body_limit = 1 << 20;
  std::chrono::seconds header_timeout{10};
  std::chrono::seconds idle_timeout{120};
};

class HttpServer {
 public:
  HttpServer(boost::asio::io_context& io, const Routes& routes, HttpLimits limits, core::Metrics& metrics);

  /// Binds and starts accepting. Throws relais::Error when the address cannot be bound.
  void listen(const std::string& host, unsigned short port);
  unsigned short port() const;
  void stop();

 private:
  void accept();

  boost::asio::io_context& io_;
  const Routes& routes_;
  HttpLimits limits_;
  core::Metrics& metrics_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer accept_pause_;
};

}  // namespace relais::net
