#include "bot/net/websocket_session.hpp"

#include <atomic>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include "bot/core/log.hpp"

namespace relais::net {
namespace {
std::atomic<std::uint64_t> next_id{1};
}

WebSocketSession::WebSocketSession(boost::asio::ip::tcp::socket socket, Limits limits, Handlers handlers)
    : socket_(std::move(socket)),
      limits_(limits),
      handlers_(std::move(handlers)),
      idle_timer_(socket_.get_executor()),
      id_(next_id++) {}

WebSocketSession::~WebSocketSession() = default;

void WebSocketSession::start(const std::string& upgrade_request, const std::string& leftover) {
  // Callbacks hold a weak pointer: the engine may call back while the session is going away.
  std::weak_ptr<WebSocketSession> weak = shared_from_this();
  WebSocketEngine::Callbacks callbacks;
  callbacks.write = [weak](const char* data, std::size_t size) {
    auto self = weak.lock();
    if (!self) return;
    self->queued_bytes_ += size;
    self->outgoing_.emplace_back(data, size);
    if (self->queued_bytes_ > self->limits_.max_queued_output) {
      log::warn("websocket_slow_consumer").kv("conn", self->id_);
      self->finish();
      return;
    }
    self->flush();
  };
  callbacks.open = [weak] {
    if (auto self = weak.lock(); self && self->handlers_.open) self->handlers_.open(*self);
  };
  callbacks.message = [weak](std::string text) {
    if (auto self = weak.lock(); self && self->handlers_.message) self->handlers_.message(*self, std::move(text));
  };
  callbacks.closed = [weak](std::uint16_t code, std::string reason) {
    auto self = weak.lock();
    if (!self) return;
    log::debug("websocket_closed").kv("conn", self->id_).kv("code", code).kv("reason", reason);
    // Let the engine unwind before the socket goes: close once pending bytes are written.
    boost::asio::post(self->socket_.get_executor(), [self] {
      self->close_after_flush_ = true;
      if (!self->writing_) self->finish();
    });
  };
  engine_ = std::make_unique<WebSocketEngine>(limits_.max_message, std::move(callbacks));
  last_read_ = std::chrono::steady_clock::now();
  if (!engine_->feed(upgrade_request.data(), upgrade_request.size())) return;
  if (!leftover.empty() && !engine_->feed(leftover.data(), leftover.size())) return;
  arm_idle();
  read();
}

void WebSocketSession::read() {
  socket_.async_read_some(boost::asio::buffer(read_buffer_),
                          [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                            if (self->finished_) return;
                            if (ec) {
                              self->engine_->eof();
                              return;
                            }
                            self->last_read_ = std::chrono::steady_clock::now();
                            if (self->engine_->feed(self->read_buffer_.data(), n)) self->read();
                          });
}

void WebSocketSession::flush() {
  if (writing_ || outgoing_.empty() || finished_) return;
  writing_ = true;
  boost::asio::async_write(socket_, boost::asio::buffer(outgoing_.front()),
                           [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                             self->writing_ = false;
                             if (ec) return self->finish();
                             self->queued_bytes_ -= self->outgoing_.front().size();
                             self->outgoing_.pop_front();
                             if (!self->outgoing_.empty()) return self->flush();
                             if (self->close_after_flush_) self->finish();
                           });
}

void WebSocketSession::arm_idle() {
  // Ping at half the idle timeout; a peer silent for the whole timeout is gone.
  idle_timer_.expires_after(limits_.idle_timeout / 2);
  idle_timer_.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
    auto self = weak.lock();
    if (ec || !self || self->finished_) return;
    if (std::chrono::steady_clock::now() - self->last_read_ > self->limits_.idle_timeout) {
      log::debug("websocket_idle").kv("conn", self->id_);
      return self->finish();
    }
    self->engine_->ping();
    self->arm_idle();
  });
}

void WebSocketSession::send(const std::string& text) {
  if (!finished_ && engine_) engine_->send_text(text);
}

void WebSocketSession::close(std::uint16_t code, const std::string& reason) {
  if (!finished_ && engine_) engine_->close(code, reason);
}

void WebSocketSession::finish() {
  if (finished_) return;
  finished_ = true;
  idle_timer_.cancel();
  boost::system::error_code ec;
  socket_.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
  socket_.close(ec);
  if (handlers_.closed) handlers_.closed(*this);
}

}  // namespace relais::net
