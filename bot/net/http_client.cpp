#include "bot/net/http_client.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cctype>
#include <memory>

#ifndef RELAIS_VERSION
#define RELAIS_VERSION "dev"
#endif

namespace relais::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;

ClientResponse failure(std::string why) {
  ClientResponse r;
  r.error = std::move(why);
  return r;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

template <class Stream>
awaitable<ClientResponse> exchange(Stream& stream, http::request<http::string_body>& request, std::size_t max_bytes) {
  co_await http::async_write(stream, request, use_awaitable);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(max_bytes);
  // The header first: reading it all at once, Beast 1.74 let a declared length past the limit through.
  co_await http::async_read_header(stream, buffer, parser, use_awaitable);
  co_await http::async_read(stream, buffer, parser, use_awaitable);
  auto& message = parser.get();
  ClientResponse out;
  out.status = static_cast<int>(message.result_int());
  for (const auto& field : message) out.headers[lower(std::string(field.name_string()))] = std::string(field.value());
  out.body = std::move(message.body());
  co_return out;
}

/// Cancels name resolution when the deadline passes (the stream has its own deadline).
struct Deadline {
  explicit Deadline(asio::any_io_executor ex) : resolver(ex), timer(ex) {}
  tcp::resolver resolver;
  asio::steady_timer timer;
};

awaitable<ClientResponse> perform(ClientRequest r, asio::ssl::context& tls, std::size_t max_bytes) {
  const auto url = parse_url(r.url);
  if (!url) co_return failure("not an http:// or https:// URL");
  const auto method = http::string_to_verb(r.method);
  if (method == http::verb::unknown) co_return failure("unknown method " + r.method);
  auto ex = co_await asio::this_coro::executor;
  try {
    auto deadline = std::make_shared<Deadline>(ex);
    deadline->timer.expires_after(r.timeout);
    deadline->timer.async_wait([weak = std::weak_ptr<Deadline>(deadline)](beast::error_code ec) {
      if (auto d = weak.lock(); d && !ec) d->resolver.cancel();
    });
    const auto endpoints = co_await deadline->resolver.async_resolve(url->host, url->port, use_awaitable);

    beast::tcp_stream stream(ex);
    stream.expires_after(r.timeout);
    co_await stream.async_connect(endpoints, use_awaitable);

    http::request<http::string_body> request(method, url->target, 11);
    const bool default_port = url->port == (url->tls ? "443" : "80");
    const auto host = url->host.find(':') != std::string::npos ? "[" + url->host + "]" : url->host;
    request.set(http::field::host, default_port ? host : host + ":" + url->port);
    request.set(http::field::user_agent, "Relais/" RELAIS_VERSION);
    for (const auto& [name, value] : r.headers) request.set(name, value);
    request.body() = std::move(r.body);
    request.keep_alive(false);
    request.prepare_payload();

    ClientResponse response;
    if (url->tls) {
      beast::ssl_stream<beast::tcp_stream> secure(std::move(stream), tls);
      if (!SSL_set_tlsext_host_name(secure.native_handle(), url->host.c_str()))
        co_return failure("cannot set the TLS server name");
      secure.set_verify_callback(asio::ssl::host_name_verification(url->host));
      co_await secure.async_handshake(asio::ssl::stream_base::client, use_awaitable);
      response = co_await exchange(secure, request, max_bytes);
    } else {
      response = co_await exchange(stream, request, max_bytes);
    }
    deadline->timer.cancel();
    co_return response;
  } catch (const boost::system::system_error& e) {
    if (e.code() == beast::error::timeout || e.code() == asio::error::operation_aborted)
      co_return failure("no answer within " + std::to_string(r.timeout.count()) + " ms");
    if (e.code() == http::error::body_limit)
      co_return failure("response larger than " + std::to_string(max_bytes) + " bytes");
    co_return failure(e.code().message());
  }
}

}  // namespace

std::string percent_encode(std::string_view value) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
    else out += {'%', hex[c >> 4], hex[c & 15]};
  }
  return out;
}

std::optional<Url> parse_url(std::string_view text) {
  Url url;
  if (text.starts_with("https://")) {
    url.tls = true;
    text.remove_prefix(8);
  } else if (text.starts_with("http://")) {
    text.remove_prefix(7);
  } else {
    return std::nullopt;
  }
  const auto slash = text.find_first_of("/?#");
  auto authority = text.substr(0, slash);
  url.target = slash == std::string_view::npos ? "/" : std::string(text.substr(slash));
  if (url.target.front() != '/') url.target.insert(0, "/");
  if (const auto hash = url.target.find('#'); hash != std::string::npos) url.target.resize(hash);
  if (authority.find('@') != std::string_view::npos) return std::nullopt;  // no credentials in URLs
  std::string_view port;
  if (authority.starts_with('[')) {  // an IPv6 literal
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    url.host = std::string(authority.substr(1, close - 1));
    const auto rest = authority.substr(close + 1);
    if (!rest.empty() && rest.front() != ':') return std::nullopt;
    if (!rest.empty()) port = rest.substr(1);
  } else {
    const auto colon = authority.rfind(':');
    url.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (url.host.empty()) return std::nullopt;
  for (char c : port)
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  url.port = port.empty() ? (url.tls ? "443" : "80") : std::string(port);
  if (url.port.size() > 5 || std::stoi(url.port) == 0 || std::stoi(url.port) > 65535) return std::nullopt;
  return url;
}

std::optional<std::chrono::seconds> ClientResponse::retry_after() const {
  const auto it = headers.find("retry-after");
  if (it == headers.end() || it->second.empty() || it->second.size() > 9) return std::nullopt;
  for (char c : it->second)
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;  // an HTTP date: use our own backoff
  return std::chrono::seconds(std::stol(it->second));
}

HttpClient::HttpClient(asio::io_context& io, std::size_t max_response_bytes)
    : io_(io), tls_(asio::ssl::context::tls_client), max_response_bytes_(max_response_bytes) {
  tls_.set_default_verify_paths();
  tls_.set_verify_mode(asio::ssl::verify_peer);
}

void HttpClient::send(ClientRequest request, std::function<void(ClientResponse)> done) {
  asio::co_spawn(io_, perform(std::move(request), tls_, max_response_bytes_),
                 [done = std::move(done)](std::exception_ptr failed, ClientResponse response) {
                   if (failed) response = failure("the request failed unexpectedly");
                   done(std::move(response));
                 });
}

}  // namespace relais::net
