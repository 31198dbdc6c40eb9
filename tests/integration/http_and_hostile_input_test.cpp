// The one public port under ordinary and hostile requests.
#include <doctest/doctest.h>

#include "support/text.hpp"
#include "support/net_client.hpp"
#include "support/relais_process.hpp"
#include "support/temp_dir.hpp"

using namespace relais::testing;
using nlohmann::json;
namespace http = boost::beast::http;


TEST_SUITE("integration") {

TEST_CASE("health, metrics, the page and its errors on one port") {
  TempDir dir;
  RelaisProcess relais(dir.path(), {{"RELAIS_SERVER_BODY_LIMIT", "4096"}, {"RELAIS_SERVER_HEADER_TIMEOUT_SECONDS", "2"}});
  relais.start();
  const auto port = relais.port();

  SUBCASE("health") {
    const auto r = http_request(port, http::verb::get, "/healthz");
    CHECK(r.status == 200);
    CHECK(json::parse(r.body)["status"] == "ok");
    CHECK(json::parse(r.body)["people"] == 20);
  }
  SUBCASE("metrics in the Prometheus text format") {
    {
      WsClient ws(port, "/ws?person=fatima.elamrani");
      ws.ask("m-1", "Le badge du parking ne s'ouvre plus");
    }
    const auto r = http_request(port, http::verb::get, "/metrics");
    CHECK(r.status == 200);
    CHECK(contains(r.content_type, "text/plain"));
    CHECK(contains(r.body, "relais_messages_in_total{transport=\"webchat\"} 1"));
    CHECK(contains(r.body, "relais_questions{state=\"routed\"} 1"));
    CHECK(contains(r.body, "relais_outbox_depth "));
    CHECK(contains(r.body, "relais_handle_seconds_count 1"));
    // The question's commit went through the WAL. (Test servers run with durability "normal":
    // no syncs; tests/storage/wal_syncer_test.cpp covers them.)
    const auto counter = [&](const std::string& name) {
      const auto at = r.body.find("\n" + name + " ");
      return at == std::string::npos ? -1 : std::stoll(r.body.substr(at + name.size() + 2));
    };
    CHECK(counter("relais_wal_frames_total") > 0);
    CHECK(counter("relais_wal_syncs_total") == 0);
    CHECK(counter("relais_wal_checkpoints_total") >= 0);
  }
  SUBCASE("the web chat page and its assets, with no outside resources") {
    const auto page = http_request(port, http::verb::get, "/");
    CHECK(page.status == 200);
    CHECK(contains(page.content_type, "text/html"));
    CHECK(contains(page.body, "/chat.js"));
    CHECK_FALSE(contains(page.body, "https://"));
    CHECK(http_request(port, http::verb::get, "/chat.js").status == 200);
    CHECK(http_request(port, http::verb::get, "/chat.css").status == 200);
    const auto head = http_request(port, http::verb::head, "/");
    CHECK(head.status == 200);
    CHECK(head.body.empty());
  }
  SUBCASE("unknown paths and methods get a JSON error") {
    const auto r = http_request(port, http::verb::get, "/nowhere");
    CHECK(r.status == 404);
    CHECK(json::parse(r.body)["error"] == "not_found");
    CHECK(http_request(port, http::verb::delete_, "/healthz").status == 405);
  }
  SUBCASE("an oversize body is refused with 413 naming the limit") {
    const auto r = http_request(port, http::verb::post, "/healthz", std::string(5000, 'x'));
    CHECK(r.status == 413);
    CHECK(contains(r.body, "4096"));
  }
  SUBCASE("a malformed request line gets 400") {
    const auto reply = raw_exchange(port, "GET / HTTP/1.1\r\nHost x\r\n\r\n");
    CHECK(contains(reply, "HTTP/1.1 400"));
  }
  SUBCASE("a client that never finishes its headers is cut off") {
    const auto start = std::chrono::steady_clock::now();
    raw_exchange(port, "GET / HTTP/1.1\r\nHost: x\r\n", std::chrono::seconds(6));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  }
  // Whatever happened above, everyone else is still served.
  CHECK(http_request(port, http::verb::get, "/healthz").status == 200);
}

TEST_CASE("the web chat refuses unknown users and bad frames, and survives them") {
  TempDir dir;
  RelaisProcess relais(dir.path(), {{"RELAIS_SERVER_WEBSOCKET_MESSAGE_LIMIT", "2048"}});
  relais.start();
  const auto port = relais.port();

  CHECK_THROWS(WsClient(port, "/ws"));
  CHECK_THROWS(WsClient(port, "/ws?person=mallory"));

  WsClient ws(port, "/ws?person=tom.baker");
  REQUIRE(ws.wait_for([](const json& f) { return f["type"] == "hello"; }));
  ws.send_raw("{not json");
  auto err = ws.wait_for([](const json& f) { return f["type"] == "error"; });
  REQUIRE(err);
  CHECK((*err)["code"] == "bad_json");
  ws.send({{"type", "say"}, {"id", "x 1"}, {"text", "hi"}});
  err = ws.wait_for([](const json& f) { return f["type"] == "error"; });
  REQUIRE(err);
  CHECK(contains((*err)["message"], "\"id\""));
  CHECK(ws.ask("ok-1", "how do I share my screen in teams") == "accepted");  // still working

  WsClient big(port, "/ws?person=tom.baker");
  big.send({{"type", "say"}, {"id", "b-1"}, {"text", std::string(3000, 'a')}});
  CHECK_FALSE(big.wait_for([](const json& f) { return f["type"] == "ack"; }, std::chrono::seconds(2)));
  CHECK(big.closed());
  CHECK(big.close_reason().code == 1009);  // message too big

  CHECK(http_request(port, http::verb::get, "/healthz").status == 200);
}

TEST_CASE("outside demo mode the web chat needs a signed token") {
  TempDir dir;
  const std::string secret = "an-integration-test-secret-of-40-chars!!";
  const RelaisProcess::Env env = {{"RELAIS_WEBCHAT_DEMO", "false"}, {"RELAIS_WEBCHAT_SECRET", secret}};
  RelaisProcess relais(dir.path(), env);
  relais.start();
  CHECK_FALSE(contains(relais.log(), secret));
  CHECK(http_request(relais.port(), http::verb::get, "/api/v1/webchat/people").status == 404);
  CHECK_THROWS(WsClient(relais.port(), "/ws?person=tom.baker"));
  CHECK_THROWS(WsClient(relais.port(), "/ws?token=forged.123.abc"));

  std::string token;
  REQUIRE(RelaisProcess::run({"webchat-token", "--person", "tom.baker"}, env, token) == 0);
  while (!token.empty() && token.back() == '\n') token.pop_back();
  WsClient ws(relais.port(), "/ws?token=" + token);
  const auto hello = ws.wait_for([](const json& f) { return f["type"] == "hello"; });
  REQUIRE(hello);
  CHECK((*hello)["person"]["id"] == "tom.baker");
}

}  // TEST_SUITE

TEST_SUITE("integration") {

TEST_CASE("a WebSocket opened by a page from another site is refused") {
  TempDir dir;
  RelaisProcess relais(dir.path());
  relais.start();
  const std::string upgrade =
      "GET /ws?person=tom.baker HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(relais.port()) +
      "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
      "Sec-WebSocket-Version: 13\r\n";
  const auto foreign = raw_exchange(relais.port(), upgrade + "Origin: https://evil.example\r\n\r\n");
  CHECK(contains(foreign, "HTTP/1.1 401"));
  CHECK(contains(foreign, "cross-site"));
  const auto own = raw_exchange(relais.port(), upgrade + "Origin: http://127.0.0.1:" + std::to_string(relais.port()) + "\r\n\r\n",
                                std::chrono::seconds(1));
  CHECK(contains(own, "HTTP/1.1 101"));
}

}  // TEST_SUITE
