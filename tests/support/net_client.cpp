#include "support/net_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <stdexcept>

namespace relais::testing {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

HttpResult http_request(unsigned short port, http::verb method, const std::string& target, const std::string& body,
                        std::chrono::seconds timeout) {
  return http_request_with(port, method, target, body, {}, timeout);
}

HttpResult http_request_with(unsigned short port, http::verb method, const std::string& target, const std::string& body,
                             const std::map<std::string, std::string>& headers, std::chrono::seconds timeout) {
  boost::asio::io_context io;
  beast::tcp_stream stream(io);
  HttpResult result;
  http::request<http::string_body> req{method, target, 11};
  req.set(http::field::host, "127.0.0.1");
  req.body() = body;
  if (!body.empty()) req.set(http::field::content_type, "application/json");
  for (const auto& [name, value] : headers)
    if (!value.empty()) req.set(name, value);
  req.prepare_payload();
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 << 20);
  parser.skip(method == http::verb::head);  // HEAD: GET's headers, no body
  stream.expires_after(timeout);
  stream.async_connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port), [&](beast::error_code ec) {
    if (ec) return;
    http::async_write(stream, req, [&](beast::error_code ec2, std::size_t) {
      // A server may answer (413) before reading the whole body: still read the response.
      (void)ec2;
      http::async_read(stream, buffer, parser, [&](beast::error_code ec3, std::size_t) {
        if (ec3) return;
        result.status = static_cast<int>(parser.get().result_int());
        result.body = parser.get().body();
        result.content_type = std::string(parser.get()[http::field::content_type]);
      });
    });
  });
  io.run_for(timeout + std::chrono::seconds(1));
  return result;
}

std::string raw_exchange(unsigned short port, const std::string& bytes, std::chrono::seconds timeout) {
  boost::asio::io_context io;
  tcp::socket socket(io);
  std::string received;
  std::array<char, 4096> buf{};
  std::function<void()> read_more = [&] {
    socket.async_read_some(boost::asio::buffer(buf), [&](boost::system::error_code ec, std::size_t n) {
      received.append(buf.data(), n);
      if (!ec) read_more();
    });
  };
  socket.async_connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port), [&](boost::system::error_code ec) {
    if (ec) return;
    boost::asio::async_write(socket, boost::asio::buffer(bytes), [&](boost::system::error_code, std::size_t) { read_more(); });
  });
  io.run_for(timeout);
  return received;
}

WsClient::WsClient(unsigned short port, const std::string& target) : ws_(io_) {
  beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(5));
  beast::get_lowest_layer(ws_).connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  beast::get_lowest_layer(ws_).expires_never();
  ws_.read_message_max(64 << 20);
  ws_.handshake("127.0.0.1:" + std::to_string(port), target);
}

WsClient::~WsClient() {
  if (closed_) return;
  beast::error_code ec;
  beast::get_lowest_layer(ws_).socket().close(ec);
}

void WsClient::send(const nlohmann::json& frame) { send_raw(frame.dump()); }

void WsClient::send_raw(const std::string& text) {
  ws_.text(true);
  beast::error_code ec;
  ws_.write(boost::asio::buffer(text), ec);
  if (ec) closed_ = true;
}

std::optional<nlohmann::json> WsClient::next(std::chrono::milliseconds timeout) {
  if (!seen.empty()) {
    auto f = seen.front();
    seen.pop_front();
    return f;
  }
  if (closed_) return std::nullopt;
  beast::flat_buffer buffer;
  bool done = false;
  beast::error_code error;
  ws_.async_read(buffer, [&](beast::error_code ec, std::size_t) {
    done = true;
    error = ec;
  });
  io_.restart();
  io_.run_for(timeout);
  if (!done) {
    // Timed out: cancel the read and let the handler run so the stream stays usable.
    beast::get_lowest_layer(ws_).cancel();
    io_.restart();
    io_.run();
    return std::nullopt;
  }
  if (error) {
    closed_ = true;
    return std::nullopt;
  }
  return nlohmann::json::parse(beast::buffers_to_string(buffer.data()));
}

std::optional<nlohmann::json> WsClient::wait_for(const std::function<bool(const nlohmann::json&)>& match,
                                                 std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::deque<nlohmann::json> skipped;
  std::optional<nlohmann::json> found;
  while (std::chrono::steady_clock::now() < deadline) {
    auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    auto f = next(remaining);
    if (!f) break;
    if (match(*f)) {
      found = f;
      break;
    }
    skipped.push_back(*f);
  }
  for (auto it = skipped.rbegin(); it != skipped.rend(); ++it) seen.push_front(*it);
  return found;
}

std::string WsClient::ask(const std::string& id, const std::string& text) {
  send({{"type", "say"}, {"id", id}, {"text", text}});
  const auto ack = wait_for([&](const nlohmann::json& f) { return f.value("type", "") == "ack" && f.value("id", "") == id; });
  return ack ? ack->value("status", "") : "";
}

void WsClient::receipt(std::int64_t id) { send({{"type", "received"}, {"ids", {id}}}); }

}  // namespace relais::testing
