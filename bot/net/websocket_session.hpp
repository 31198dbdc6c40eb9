#pragma once
// One WebSocket connection: pumps socket bytes through the protocol engine, keeps one write in
// flight, pings when idle and drops peers that stop answering or stop reading.
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include "bot/net/websocket_engine.hpp"

namespace relais::net {

class WebSocketSession : public std::enable_shared_from_this<WebSocketSession> {
 public:
  struct Handlers {
    std::function<void(WebSocketSession&)> open;
    std::function<void(WebSocketSession&, std::string)> message;
    std::function<void(WebSocketSession&)> closed;
  };
  struct Limits {
    std::size_t max_message = 1 << 20;
    std::size_t max_queued_output = 8 << 20;  ///< a client that stops reading is dropped
    std::chrono::seconds idle_timeout{120};
  };

  WebSocketSession(boost::asio::ip::tcp::socket socket, Limits limits, Handlers handlers);
  ~WebSocketSession();

  /// Replays the upgrade request (and any bytes read past it) into the engine and starts reading.
  void start(const std::string& upgrade_request, const std::string& leftover);
  void send(const std::string& text);
  void close(std::uint16_t code, const std::string& reason);
  std::uint64_t id() const { return id_; }

  std::string person_id;  ///< who is on the other end, once authenticated

 private:
  void read();
  void flush();
  void arm_idle();
  void finish();

  boost::asio::ip::tcp::socket socket_;
  Limits limits_;
  Handlers handlers_;
  std::unique_ptr<WebSocketEngine> engine_;
  std::deque<std::string> outgoing_;
  std::size_t queued_bytes_ = 0;
  bool writing_ = false;
  bool finished_ = false;
  bool close_after_flush_ = false;
  std::array<char, 16 * 1024> read_buffer_{};
  boost::asio::steady_timer idle_timer_;
  std::chrono::steady_clock::time_point last_read_;
  std::uint64_t id_;
};

}  // namespace relais::net
