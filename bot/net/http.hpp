#pragma once
// HTTP types shared by the server, the routes and the endpoints.
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http.hpp>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace relais::net {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

Response make_response(const Request& req, http::status status, std::string body,
                       std::string_view content_type);
/// A JSON error body: {"error": code, "message": message}.
Response error_response(const Request& req, http::status status, std::string_view code,
                        std::string_view message);
/// The path of a target, without its query string.
std::string_view path_of(std::string_view target);
/// A percent-encoded path segment, decoded ("%40relais%3Aexample.org" -> "@relais:example.org").
std::string path_segment_decode(std::string_view segment);
/// The query parameters of a target (percent-decoded).
std::map<std::string, std::string> query_of(std::string_view target);

/// Maps method + path to handlers; paths match exactly, or by the longest registered prefix.
class Routes {
 public:
  using Handler = std::function<Response(const Request&)>;
  /// A handler that answers later (after its own I/O) by calling `respond` exactly once; the
  /// request stays alive until then.
  using Respond = std::function<void(Response)>;
  using AsyncHandler = std::function<void(const Request&, Respond respond)>;
  /// A WebSocket path: `check` may refuse the upgrade with an HTTP response (401, ...);
  /// otherwise `take` gets the socket, the request and any bytes read past it.
  struct Upgrade {
    std::function<std::optional<Response>(const Request&)> check;
    std::function<void(boost::asio::ip::tcp::socket socket, Request request, std::string leftover)> take;
  };

  void add(http::verb method, std::string path, Handler handler);
  void add_async(http::verb method, std::string path, AsyncHandler handler);
  /// Every path that starts with `prefix` and goes on (".../transactions/{txnId}").
  void add_prefix(http::verb method, std::string prefix, AsyncHandler handler);
  void add_websocket(std::string path, Upgrade upgrade);
  /// Holds every answer until `gate` calls back (true: send it; false: what the request wrote
  /// was lost, so a success becomes 503): no 2xx before the writes behind it are durable.
  void gate_responses(std::function<void(std::function<void(bool)>)> gate) { gate_ = std::move(gate); }
  /// Sends `res` through the gate, if any.
  void answer(Response res, const Respond& respond) const;

  Response dispatch(const Request& req) const;
  /// Dispatches to a synchronous or an asynchronous handler.
  void dispatch(const Request& req, const Respond& respond) const;
  const Upgrade* websocket(std::string_view path) const;

 private:
  std::map<std::pair<http::verb, std::string>, Handler, std::less<>> handlers_;
  const AsyncHandler* prefix_handler(http::verb method, std::string_view path) const;

  std::map<std::pair<http::verb, std::string>, AsyncHandler, std::less<>> async_handlers_;
  std::map<std::pair<http::verb, std::string>, AsyncHandler, std::less<>> prefix_handlers_;
  std::map<std::string, Upgrade, std::less<>> websockets_;
  std::function<void(std::function<void(bool)>)> gate_;
};

}  // namespace relais::net
