// Built as C++17 (see CMakeLists.txt): the only file that includes websocketpp.
#include "bot/net/websocket_engine.hpp"

#include <websocketpp/config/core.hpp>
#include <websocketpp/server.hpp>

namespace relais::net {
namespace {

using Server = websocketpp::server<websocketpp::config::core>;

// One endpoint for every connection: it only holds settings and loggers, and all connections
// live on the single event-loop thread.
Server& endpoint() {
  static Server* server = [] {
    auto* s = new Server();
    s->clear_access_channels(websocketpp::log::alevel::all);
    s->clear_error_channels(websocketpp::log::elevel::all);
    return s;
  }();
  return *server;
}

}  // namespace

struct WebSocketEngine::Impl {
  Callbacks callbacks;
  Server::connection_ptr connection;
  bool finished = false;

  void finish(std::uint16_t code, const std::string& reason) {
    if (finished) return;
    finished = true;
    if (callbacks.closed) callbacks.closed(code, reason);
  }
};

WebSocketEngine::WebSocketEngine(std::size_t max_message_size, Callbacks callbacks)
    : impl_(new Impl{std::move(callbacks), nullptr, false}) {
  Impl* impl = impl_.get();
  impl->connection = endpoint().get_connection();
  auto& con = *impl->connection;
  con.set_max_message_size(max_message_size);
  con.set_write_handler([impl](websocketpp::connection_hdl, char const* data, size_t size) {
    if (impl->callbacks.write) impl->callbacks.write(data, size);
    return websocketpp::lib::error_code();
  });
  con.set_open_handler([impl](websocketpp::connection_hdl) {
    if (impl->callbacks.open) impl->callbacks.open();
  });
  con.set_message_handler([impl](websocketpp::connection_hdl, Server::message_ptr msg) {
    if (msg->get_opcode() != websocketpp::frame::opcode::text) {
      impl->connection->close(websocketpp::close::status::unsupported_data, "text frames only");
      return;
    }
    if (impl->callbacks.message) impl->callbacks.message(msg->get_payload());
  });
  con.set_close_handler([impl](websocketpp::connection_hdl) {
    impl->finish(impl->connection->get_remote_close_code(), impl->connection->get_remote_close_reason());
  });
  con.set_fail_handler([impl](websocketpp::connection_hdl) {
    impl->finish(1006, impl->connection->get_ec().message());
  });
  con.set_shutdown_handler([impl](websocketpp::connection_hdl) {
    impl->finish(1000, "shutdown");
    return websocketpp::lib::error_code();
  });
  con.start();
}

WebSocketEngine::~WebSocketEngine() {
  // Handlers capture impl; clear them so nothing calls back into a dead engine.
  auto& con = *impl_->connection;
  con.set_write_handler(nullptr);
  con.set_open_handler(nullptr);
  con.set_message_handler(nullptr);
  con.set_close_handler(nullptr);
  con.set_fail_handler(nullptr);
  con.set_shutdown_handler(nullptr);
}

bool WebSocketEngine::feed(const char* data, std::size_t size) {
  if (impl_->finished) return false;
  const std::size_t used = impl_->connection->read_all(data, size);
  return used == size && !impl_->finished;
}

void WebSocketEngine::send_text(const std::string& text) {
  if (!is_open()) return;
  websocketpp::lib::error_code ec;
  impl_->connection->send(text, websocketpp::frame::opcode::text);
}

void WebSocketEngine::ping() {
  if (!is_open()) return;
  websocketpp::lib::error_code ec;
  impl_->connection->ping("", ec);
}

void WebSocketEngine::close(std::uint16_t code, const std::string& reason) {
  if (!is_open()) return;
  websocketpp::lib::error_code ec;
  impl_->connection->close(code, reason, ec);
}

void WebSocketEngine::eof() {
  impl_->connection->eof();
  impl_->finish(1006, "connection lost");
}

bool WebSocketEngine::is_open() const {
  return !impl_->finished && impl_->connection->get_state() == websocketpp::session::state::open;
}

}  // namespace relais::net
