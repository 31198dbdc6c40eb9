#include "bot/net/http_server.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <optional>
#include <sstream>

#include "bot/core/error.hpp"
#include "bot/core/log.hpp"

namespace relais::net {
namespace {

namespace beast = boost::beast;
using tcp = boost::asio::ip::tcp;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const Routes& routes, HttpLimits limits, core::Metrics& metrics)
      : stream_(std::move(socket)), routes_(routes), limits_(limits), metrics_(metrics) {}

  void start() { read(limits_.header_timeout); }

 private:
  /// The headers must arrive within `timeout` (short for a new connection, the idle timeout
  /// between keep-alive requests), then the body within the header timeout: a client that
  /// trickles either is cut off.
  void read(std::chrono::seconds timeout) {
    parser_.emplace();
    parser_->body_limit(limits_.body_limit);
    parser_->header_limit(16 * 1024);
    stream_.expires_after(timeout);
    http::async_read_header(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (self->failed(ec)) return;
      if (self->parser_->is_done()) return self->handle();
      self->stream_.expires_after(self->limits_.header_timeout);
      http::async_read(self->stream_, self->buffer_, *self->parser_, [self](beast::error_code body_ec, std::size_t) {
        if (!self->failed(body_ec)) self->handle();
      });
    });
  }

  /// Ends the connection (with an answer where one helps) if reading failed.
  bool failed(beast::error_code ec) {
    if (!ec) return false;
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == boost::asio::error::operation_aborted || ec == boost::asio::error::connection_reset) {
      close();
    } else if (ec == http::error::body_limit) {
      metrics_.rejected_input("body_too_large");
      reply_and_close(http::status::payload_too_large, "body_too_large",
                      "the body exceeds the limit of " + std::to_string(limits_.body_limit) + " bytes");
    } else if (ec == http::error::header_limit) {
      metrics_.rejected_input("headers_too_large");
      reply_and_close(http::status::request_header_fields_too_large, "headers_too_large",
                      "the request headers are too large");
    } else if (&ec.category() == &http::make_error_code(http::error::bad_target).category()) {
      metrics_.rejected_input("malformed_http");
      reply_and_close(http::status::bad_request, "malformed_http", ec.message());
    } else {
      close();
    }
    return true;
  }

  void handle() {
    Request req = parser_->release();
    if (beast::websocket::is_upgrade(req)) {
      if (const auto* upgrade = routes_.websocket(path_of(req.target()))) {
        if (auto refusal = upgrade->check(req)) {
          metrics_.rejected_input("websocket_refused");
          refusal->keep_alive(false);
          return write(std::move(*refusal));
        }
        stream_.expires_never();
        const auto data = buffer_.data();
        std::string leftover(static_cast<const char*>(data.data()), data.size());
        upgrade->take(stream_.release_socket(), std::move(req), std::move(leftover));
        return;
      }
    }
    // The request lives until its answer is written: an asynchronous route answers later.
    auto request = std::make_shared<Request>(std::move(req));
    auto respond = [self = shared_from_this(), request](Response res) {
      self->routes_.answer(std::move(res), [self](Response ready) { self->write(std::move(ready)); });
    };
    try {
      routes_.dispatch(*request, respond);
    } catch (const std::exception& e) {
      // Catch-all boundary for one request: report, answer 500, keep serving everyone else.
      log::error("request_failed").kv("path", path_of(request->target())).kv("error", e.what());
      respond(error_response(*request, http::status::internal_server_error, "internal_error",
                             "the request could not be handled; it has been logged"));
    }
  }

  void write(Response res) {
    const bool keep_alive = res.keep_alive();
    auto shared = std::make_shared<Response>(std::move(res));
    stream_.expires_after(limits_.header_timeout);
    http::async_write(stream_, *shared,
                      [self = shared_from_this(), shared, keep_alive](beast::error_code ec, std::size_t) {
                        if (ec || !keep_alive) return self->close();
                        self->read(self->limits_.idle_timeout);
                      });
  }

  void reply_and_close(http::status status, std::string_view code, const std::string& message) {
    Request req;
    req.version(11);
    req.keep_alive(false);
    auto res = error_response(req, status, code, message);
    res.keep_alive(false);
    write(std::move(res));
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  const Routes& routes_;
  HttpLimits limits_;
  core::Metrics& metrics_;
};

}  // namespace

HttpServer::HttpServer(boost::asio::io_context& io, const Routes& routes, HttpLimits limits,
                       core::Metrics& metrics)
    : io_(io), routes_(routes), limits_(limits), metrics_(metrics), acceptor_(io), accept_pause_(io) {}

void HttpServer::listen(const std::string& host, unsigned short port) {
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(host == "localhost" ? "127.0.0.1" : host, ec);
  if (ec) throw Error("server.host: \"" + host + "\" is not an IP address");
  const tcp::endpoint endpoint(address, port);
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(boost::asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(boost::asio::socket_base::max_listen_connections, ec);
  if (ec) throw Error("cannot listen on " + host + ":" + std::to_string(port) + ": " + ec.message());
  accept();
}

unsigned short HttpServer::port() const { return acceptor_.local_endpoint().port(); }

void HttpServer::stop() {
  boost::system::error_code ec;
  acceptor_.close(ec);
  accept_pause_.cancel();
}

void HttpServer::accept() {
  acceptor_.async_accept(io_, [this](boost::system::error_code ec, tcp::socket socket) {
    if (ec == boost::asio::error::operation_aborted) return;
    if (!ec) {
      std::make_shared<Session>(std::move(socket), routes_, limits_, metrics_)->start();
      return accept();
    }
    // Out of descriptors or similar: pause instead of spinning on the same error.
    log::warn("accept_failed").kv("error", ec.message());
    accept_pause_.expires_after(std::chrono::milliseconds(100));
    accept_pause_.async_wait([this](boost::system::error_code wait_ec) {
      if (!wait_ec && acceptor_.is_open()) accept();
    });
  });
}

}  // namespace relais::net
