// The outbound HTTP client and the webhook transport against real servers on loopback.
#include <doctest/doctest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <poll.h>

#include <atomic>
#include <optional>
#include <thread>

#include "bot/core/outbound_message.hpp"
#include "bot/core/outbox.hpp"
#include "bot/net/http_client.hpp"
#include "bot/net/http_server.hpp"
#include "bot/storage/migrations.hpp"
#include "bot/transports/webhook/webhook_sender.hpp"
#include "support/manual_clock.hpp"
#include "support/temp_dir.hpp"

using namespace relais;
namespace http = net::http;

namespace {

/// A loopback HTTP server whose routes the test writes, and a client on the same event loop.
struct Loopback {
  boost::asio::io_context io;
  core::Metrics metrics;
  net::Routes routes;
  net::HttpServer server{io, routes, {}, metrics};
  net::HttpClient client{io, 1 << 20};
  std::vector<net::Request> seen;

  std::string url(const std::string& path) { return "http://127.0.0.1:" + std::to_string(server.port()) + path; }
  void listen() { server.listen("127.0.0.1", 0); }

  /// Sends and runs the loop until the answer is in.
  net::ClientResponse send(net::ClientRequest request) {
    std::optional<net::ClientResponse> answer;
    client.send(std::move(request), [&](net::ClientResponse r) { answer = std::move(r); });
    io.restart();
    while (!answer && io.run_one_for(std::chrono::seconds(10)) > 0) {
    }
    REQUIRE(answer.has_value());
    return *answer;
  }
};

}  // namespace

TEST_SUITE("integration") {

TEST_CASE("URLs are parsed strictly") {
  auto u = net::parse_url("https://hooks.example/a/b?x=1#frag");
  REQUIRE(u);
  CHECK(u->tls);
  CHECK(u->host == "hooks.example");
  CHECK(u->port == "443");
  CHECK(u->target == "/a/b?x=1");
  u = net::parse_url("http://[::1]:8080");
  REQUIRE(u);
  CHECK(u->host == "::1");
  CHECK(u->port == "8080");
  CHECK(u->target == "/");
  CHECK_FALSE(net::parse_url("ftp://x.example/"));
  CHECK_FALSE(net::parse_url("http://user:pw@x.example/"));
  CHECK_FALSE(net::parse_url("http://x.example:99999/"));
  CHECK_FALSE(net::parse_url("http://:80/"));
  CHECK_FALSE(net::parse_url("x.example/hook"));
}

TEST_CASE("a request reaches a real server and its answer, headers and Retry-After come back") {
  Loopback lo;
  lo.routes.add(http::verb::post, "/echo", [&](const net::Request& req) {
    lo.seen.push_back(req);
    return net::make_response(req, http::status::created, "got " + req.body(), "text/plain");
  });
  lo.routes.add(http::verb::post, "/busy", [&](const net::Request& req) {
    auto res = net::make_response(req, http::status::service_unavailable, "", "text/plain");
    res.set(http::field::retry_after, "7");
    return res;
  });
  lo.listen();
  auto r = lo.send({.url = lo.url("/echo"), .headers = {{"X-Test", "1"}}, .body = R"({"a":1})"});
  CHECK(r.error == "");
  CHECK(r.status == 201);
  CHECK(r.ok());
  CHECK(r.body == R"(got {"a":1})");
  CHECK(r.headers.at("content-type") == "text/plain");
  REQUIRE(lo.seen.size() == 1);
  CHECK(lo.seen[0][http::field::host] == "127.0.0.1:" + std::to_string(lo.server.port()));
  CHECK(lo.seen[0]["X-Test"] == "1");

  r = lo.send({.url = lo.url("/busy")});
  CHECK(r.status == 503);
  CHECK_FALSE(r.ok());
  CHECK(r.retry_after() == std::chrono::seconds(7));
}

TEST_CASE("connections are kept alive and reused; one the peer closed while idle is replaced unseen") {
  // A peer that counts its connections and closes each after `per_connection` answers.
  boost::asio::io_context peer_io;
  boost::asio::ip::tcp::acceptor acceptor(peer_io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  const auto port = acceptor.local_endpoint().port();
  std::atomic<int> connections{0}, answered{0};
  std::atomic<bool> stopping{false};
  const int per_connection = 3;
  std::thread peer([&] {
    for (;;) {
      boost::asio::ip::tcp::socket socket(peer_io);
      boost::system::error_code ec;
      acceptor.accept(socket, ec);
      if (ec || stopping) return;
      ++connections;
      boost::beast::flat_buffer buffer;
      for (int i = 0; i < per_connection; ++i) {
        net::Request req;
        http::read(socket, buffer, req, ec);
        if (ec) break;
        auto res = net::make_response(req, http::status::ok, "n" + std::to_string(++answered), "text/plain");
        res.keep_alive(true);  // promises more, yet closes after the third: a peer's idle timeout
        http::write(socket, res, ec);
      }
      socket.close(ec);
    }
  });

  {
    Loopback lo;
    const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/x";
    for (int i = 1; i <= 3; ++i) CHECK(lo.send({.url = url, .body = "hi"}).body == "n" + std::to_string(i));
    CHECK(connections == 1);  // three requests, one connection
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the peer has closed it meanwhile
    const auto after_close = lo.send({.url = url, .body = "hi"});
    CHECK(after_close.error == "");
    CHECK(after_close.body == "n4");
    CHECK(connections == 2);
    CHECK(answered == 4);  // the request on the dead connection was not handled twice
  }  // the client goes, and with it the connection it kept
  stopping = true;
  boost::asio::ip::tcp::socket poke(peer_io);
  boost::system::error_code ignored;
  poke.connect({boost::asio::ip::make_address("127.0.0.1"), port}, ignored);  // unblocks accept()
  peer.join();
}

TEST_CASE("a kept-alive connection left idle is closed after the idle timeout, not left half-open") {
  // A peer that answers one request, then waits for the next on the same connection.
  boost::asio::io_context peer_io;
  boost::asio::ip::tcp::acceptor acceptor(peer_io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  const auto port = acceptor.local_endpoint().port();
  std::atomic<bool> closed_by_client{false};
  std::thread peer([&] {
    boost::asio::ip::tcp::socket socket(peer_io);
    boost::system::error_code ec;
    acceptor.accept(socket, ec);
    boost::beast::flat_buffer buffer;
    net::Request req;
    http::read(socket, buffer, req, ec);
    auto res = net::make_response(req, http::status::ok, "one", "text/plain");
    res.keep_alive(true);
    http::write(socket, res, ec);
    pollfd readable{socket.native_handle(), POLLIN, 0};
    if (::poll(&readable, 1, 5000) != 1) return;  // a client that never closes fails the test, not hangs it
    net::Request next;
    http::read(socket, buffer, next, ec);  // returns when the client closes its end
    closed_by_client = ec == http::error::end_of_stream || ec == boost::asio::error::eof;
  });

  boost::asio::io_context io;
  net::HttpClient client(io, 1 << 20, std::chrono::milliseconds(200));
  std::optional<net::ClientResponse> answer;
  client.send({.url = "http://127.0.0.1:" + std::to_string(port) + "/x", .body = "hi"},
              [&](net::ClientResponse r) { answer = std::move(r); });
  io.run_for(std::chrono::seconds(3));  // returns early once the sweep left nothing to wait for
  REQUIRE(answer.has_value());
  CHECK(answer->body == "one");
  peer.join();
  CHECK(closed_by_client);
}

TEST_CASE("no answer, a refused connection, an oversize answer and a bad URL are errors, not hangs") {
  Loopback lo;
  lo.routes.add(http::verb::get, "/big", [](const net::Request& req) {
    return net::make_response(req, http::status::ok, std::string(2 << 20, 'x'), "text/plain");
  });
  lo.listen();
  auto r = lo.send({.method = "GET", .url = lo.url("/big")});
  CHECK(r.status == 0);
  CHECK(r.error == "response larger than 1048576 bytes");

  // A server that accepts and never answers.
  boost::asio::ip::tcp::acceptor silent(lo.io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  boost::asio::ip::tcp::socket held(lo.io);
  silent.async_accept(held, [](boost::system::error_code) {});
  r = lo.send({.url = "http://127.0.0.1:" + std::to_string(silent.local_endpoint().port()) + "/",
               .timeout = std::chrono::milliseconds(300)});
  CHECK(r.status == 0);
  CHECK(r.error == "no answer within 300 ms");

  unsigned short closed_port = 0;
  {
    boost::asio::ip::tcp::acceptor gone(lo.io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    closed_port = gone.local_endpoint().port();
  }
  r = lo.send({.url = "http://127.0.0.1:" + std::to_string(closed_port) + "/"});
  CHECK(r.status == 0);
  CHECK(r.error != "");

  r = lo.send({.url = "mailto:it@example.org"});
  CHECK(r.error == "not an http:// or https:// URL");
}

TEST_CASE("the webhook transport posts the message as Markdown text and structured JSON, and the outbox "
          "retries or gives up by the answer") {
  Loopback lo;
  int busy_left = 1;
  lo.routes.add(http::verb::post, "/hook", [&](const net::Request& req) {
    lo.seen.push_back(req);
    if (busy_left-- > 0) {
      auto res = net::make_response(req, http::status::too_many_requests, "", "text/plain");
      res.set(http::field::retry_after, "30");
      return res;
    }
    return net::make_response(req, http::status::ok, "1", "text/plain");
  });
  lo.routes.add(http::verb::post, "/gone", [&](const net::Request& req) {
    return net::make_response(req, http::status::not_found, "", "text/plain");
  });
  lo.listen();

  relais::testing::TempDir dir;
  relais::testing::ManualClock clock;
  storage::Database db(dir / "relais.db", storage::Durability::normal);
  storage::migrate(db, storage::core_migrations());
  storage::OutboxStore store(db);
  core::OutboxDispatcher dispatcher(lo.io, store, clock, {}, lo.metrics);
  webhook::WebhookSender sender(lo.client);
  dispatcher.add_transport("webhook", sender);

  core::OutboundMessage m{"Question #7 is now with IT support."};
  m.card = core::Card{.key = "question-7", .title = "Question #7", .facts = {{"Asked by", "Fatima"}},
                      .body = "The parking badge no longer opens", .status = "With IT"};
  m.buttons.push_back({.label = "Claim", .action = "claim"});
  const auto id = store.enqueue("k1", "room:it", "webhook", lo.url("/hook"), nlohmann::json(m), clock.now());
  const auto lost = store.enqueue("k2", "room:it", "webhook", lo.url("/gone"), nlohmann::json(m), clock.now());

  auto settle = [&] {
    dispatcher.run_once();
    lo.io.restart();
    for (int i = 0; i < 200 && lo.io.run_one_for(std::chrono::milliseconds(50)) > 0;) {
      if (store.get(id) && store.get(lost)) ++i;
    }
  };
  settle();
  CHECK(store.count_by_status()["failed"] == 1);  // 404: retrying cannot help
  REQUIRE(lo.seen.size() == 1);
  CHECK(store.count_by_status()["pending"] == 1);  // 429: again after Retry-After
  clock.advance(std::chrono::seconds(29));
  CHECK(store.due(clock.now(), 10).empty());
  clock.advance(std::chrono::seconds(1));
  settle();
  REQUIRE(lo.seen.size() == 2);
  CHECK(store.count_by_status()["delivered"] == 1);

  const auto body = nlohmann::json::parse(lo.seen[1].body());
  CHECK(lo.seen[1][http::field::content_type] == "application/json");
  CHECK(lo.seen[1]["Idempotency-Key"] == "k1");
  const std::string text = body.at("text");
  CHECK(text.find("Question #7 is now with IT support.") == 0);
  CHECK(text.find("**Question #7**") != std::string::npos);
  CHECK(text.find("- Asked by: Fatima") != std::string::npos);
  CHECK(text.find("Claim") == std::string::npos);  // a webhook cannot press buttons
  CHECK(body.at("relais").at("room") == "room:it");
  CHECK(body.at("relais").at("card").at("facts").at(0).at("value") == "Fatima");
}

}  // TEST_SUITE
