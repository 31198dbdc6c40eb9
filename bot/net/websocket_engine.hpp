#pragma once
// The WebSocket protocol (RFC 6455) for one connection, done by websocketpp over its iostream
// transport: we feed it the bytes read from the socket and it hands back bytes to write.
// Beast owns the socket and the HTTP side, so one port serves plain HTTP with keep-alive and
// WebSockets alike. This header is plain C++17: websocketpp 0.8 does not build as C++20.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace relais::net {

class WebSocketEngine {
 public:
  struct Callbacks {
    std::function<void(const char* data, std::size_t size)> write;  ///< bytes for the socket
    std::function<void()> open;                                      ///< handshake accepted
    std::function<void(std::string text)> message;                   ///< a complete text message
    /// The connection is over (closed, failed or refused); close the socket after this.
    std::function<void(std::uint16_t code, std::string reason)> closed;
  };

  WebSocketEngine(std::size_t max_message_size, Callbacks callbacks);
  ~WebSocketEngine();
  WebSocketEngine(const WebSocketEngine&) = delete;
  WebSocketEngine& operator=(const WebSocketEngine&) = delete;

  /// Feeds socket bytes (the HTTP upgrade request first). False once no more input is wanted.
  bool feed(const char* data, std::size_t size);
  void send_text(const std::string& text);
  void ping();
  /// Starts the closing handshake.
  void close(std::uint16_t code, const std::string& reason);
  /// The peer's socket is gone.
  void eof();
  bool is_open() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace relais::net
