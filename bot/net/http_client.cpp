#include "bot/net/http_client.hpp"
#include "bot/core/ascii.hpp"

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

/// A response, and whether the peer lets the connection carry the next request.
struct Exchanged {
  ClientResponse response;
  bool keep_alive = false;
};

template <class Stream>
awaitable<Exchanged> exchange(Stream& stream, beast::flat_buffer& buffer, http::request<http::string_body>& request,
                              std::size_t max_bytes) {
  co_await http::async_write(stream, request, use_awaitable);
  http::response_parser<http::string_body> parser;
  parser.body_limit(max_bytes);
  // The header first: reading it all at once, Beast 1.74 let a declared length past the limit through.
  co_await http::async_read_header(stream, buffer, parser, use_awaitable);
  co_await http::async_read(stream, buffer, parser, use_awaitable);
  auto& message = parser.get();
  Exchanged out;
  out.keep_alive = parser.keep_alive();
  out.response.status = static_cast<int>(message.result_int());
  for (const auto& field : message)
    out.response.headers[core::ascii_lower(std::string(field.name_string()))] = std::string(field.value());
  out.response.body = std::move(message.body());
  co_return out;
}

/// Cancels name resolution when the deadline passes (the stream has its own deadline).
struct Deadline {
  explicit Deadline(asio::any_io_executor ex) : resolver(ex), timer(ex) {}
  tcp::resolver resolver;
  asio::steady_timer timer;
};

/// A connection the peer closed while it sat idle fails at once on reuse: such a request is
/// sent again on a new connection (nothing of it can have been handled).
bool closed_while_idle(const boost::system::error_code& ec) {
  return ec == http::error::end_of_stream || ec == asio::error::eof || ec == asio::error::connection_reset ||
         ec == asio::error::broken_pipe || ec == http::error::partial_message;
}

constexpr std::size_t max_idle_per_peer = 64;

}  // namespace

struct HttpClient::Connection {
  explicit Connection(beast::tcp_stream stream) : plain(std::move(stream)) {}
  std::optional<beast::tcp_stream> plain;  ///< moved into `secure` for TLS
  std::optional<beast::ssl_stream<beast::tcp_stream>> secure;
  beast::flat_buffer buffer;
  std::chrono::steady_clock::time_point idle_since;

  beast::tcp_stream& tcp() { return secure ? beast::get_lowest_layer(*secure) : *plain; }
};

namespace {

std::shared_ptr<HttpClient::Connection> take_idle(HttpClient::Pool& pool, const std::string& peer,
                                                  std::chrono::milliseconds idle_timeout) {
  auto it = pool.find(peer);
  while (it != pool.end() && !it->second.empty()) {
    auto connection = std::move(it->second.back());
    it->second.pop_back();
    if (std::chrono::steady_clock::now() - connection->idle_since < idle_timeout) return connection;
  }
  return nullptr;
}

awaitable<std::shared_ptr<HttpClient::Connection>> open(const Url& url, std::chrono::milliseconds timeout,
                                                        asio::ssl::context& tls) {
  auto ex = co_await asio::this_coro::executor;
  auto deadline = std::make_shared<Deadline>(ex);
  deadline->timer.expires_after(timeout);
  deadline->timer.async_wait([weak = std::weak_ptr<Deadline>(deadline)](beast::error_code ec) {
    if (auto d = weak.lock(); d && !ec) d->resolver.cancel();
  });
  const auto endpoints = co_await deadline->resolver.async_resolve(url.host, url.port, use_awaitable);
  deadline->timer.cancel();
  beast::tcp_stream stream(ex);
  stream.expires_after(timeout);
  co_await stream.async_connect(endpoints, use_awaitable);
  auto connection = std::make_shared<HttpClient::Connection>(std::move(stream));
  if (url.tls) {
    connection->secure.emplace(std::move(*connection->plain), tls);
    connection->plain.reset();
    if (!SSL_set_tlsext_host_name(connection->secure->native_handle(), url.host.c_str()))
      throw boost::system::system_error(asio::error::invalid_argument, "cannot set the TLS server name");
    connection->secure->set_verify_callback(asio::ssl::host_name_verification(url.host));
    co_await connection->secure->async_handshake(asio::ssl::stream_base::client, use_awaitable);
  }
  co_return connection;
}

awaitable<ClientResponse> perform(ClientRequest r, asio::ssl::context& tls, std::size_t max_bytes, HttpClient::Pool& pool,
                                  std::chrono::milliseconds idle_timeout) {
  const auto url = parse_url(r.url);
  if (!url) co_return failure("not an http:// or https:// URL");
  const auto method = http::string_to_verb(r.method);
  if (method == http::verb::unknown) co_return failure("unknown method " + r.method);
  const std::string peer = (url->tls ? "https://" : "http://") + url->host + ":" + url->port;

  http::request<http::string_body> request(method, url->target, 11);
  const bool default_port = url->port == (url->tls ? "443" : "80");
  const auto host = url->host.find(':') != std::string::npos ? "[" + url->host + "]" : url->host;
  request.set(http::field::host, default_port ? host : host + ":" + url->port);
  request.set(http::field::user_agent, "Relais/" RELAIS_VERSION);
  for (const auto& [name, value] : r.headers) request.set(name, value);
  request.body() = std::move(r.body);
  request.keep_alive(true);
  request.prepare_payload();

  // (GCC 12 miscompiles co_await inside ?: and co_return from deep scopes: kept plain on purpose.)
  Exchanged done;
  try {
    for (int attempt = 0;; ++attempt) {
      std::shared_ptr<HttpClient::Connection> connection;
      if (attempt == 0) connection = take_idle(pool, peer, idle_timeout);
      const bool reused = connection != nullptr;
      if (!connection) connection = co_await open(*url, r.timeout, tls);
      connection->tcp().expires_after(r.timeout);
      bool retry = false;
      try {
        if (connection->secure) done = co_await exchange(*connection->secure, connection->buffer, request, max_bytes);
        else done = co_await exchange(*connection->plain, connection->buffer, request, max_bytes);
      } catch (const boost::system::system_error& e) {
        if (!reused || !closed_while_idle(e.code())) throw;
        retry = true;
      }
      if (retry) continue;
      auto& kept = pool[peer];
      if (done.keep_alive && kept.size() < max_idle_per_peer) {
        connection->tcp().expires_never();
        connection->idle_since = std::chrono::steady_clock::now();
        kept.push_back(std::move(connection));
      }
      break;
    }
  } catch (const boost::system::system_error& e) {
    if (e.code() == beast::error::timeout || e.code() == asio::error::operation_aborted)
      co_return failure("no answer within " + std::to_string(r.timeout.count()) + " ms");
    if (e.code() == http::error::body_limit)
      co_return failure("response larger than " + std::to_string(max_bytes) + " bytes");
    co_return failure(e.code().message());
  }
  co_return std::move(done.response);
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

HttpClient::HttpClient(asio::io_context& io, std::size_t max_response_bytes, std::chrono::milliseconds idle_timeout)
    : io_(io),
      tls_(asio::ssl::context::tls_client),
      max_response_bytes_(max_response_bytes),
      idle_timeout_(idle_timeout),
      sweep_(io) {
  tls_.set_default_verify_paths();
  tls_.set_verify_mode(asio::ssl::verify_peer);
}

void HttpClient::send(ClientRequest request, std::function<void(ClientResponse)> done) {
  asio::co_spawn(io_, perform(std::move(request), tls_, max_response_bytes_, idle_, idle_timeout_),
                 [this, done = std::move(done)](std::exception_ptr failed, ClientResponse response) {
                   if (failed) response = failure("the request failed unexpectedly");
                   sweep_later();
                   done(std::move(response));
                 });
}

void HttpClient::sweep_later() {
  if (sweeping_ || idle_.empty()) return;
  sweeping_ = true;
  sweep_.expires_after(idle_timeout_);
  sweep_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;  // cancelled: the client is going
    sweeping_ = false;
    const auto now = std::chrono::steady_clock::now();
    for (auto peer = idle_.begin(); peer != idle_.end();) {
      std::erase_if(peer->second, [&](const auto& c) { return now - c->idle_since >= idle_timeout_; });
      peer = peer->second.empty() ? idle_.erase(peer) : std::next(peer);
    }
    sweep_later();
  });
}

}  // namespace relais::net
