// Slow and hostile clients on the public port: they are cut off or refused, memory stays bounded,
// and everyone else is still served.
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "support/net_client.hpp"
#include "support/relais_process.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"

using namespace relais::testing;
using nlohmann::json;
namespace http = boost::beast::http;

namespace {

long resident_kib(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.starts_with("VmRSS:")) return std::stol(line.substr(6));
  return -1;
}

long open_descriptors(int pid) {
  long n = 0;
  for ([[maybe_unused]] const auto& fd : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd")) ++n;
  return n;
}

/// A plain TCP connection to the port that sends nothing; -1 if it could not be opened.
int idle_connection(unsigned short port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

/// How many descriptors this process may open, after raising its soft limit to the hard one.
long descriptor_room() {
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);
  getrlimit(RLIMIT_NOFILE, &limit);
  return static_cast<long>(limit.rlim_cur);
}

std::string deep_json(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

bool served(unsigned short port) {
  if (http_request(port, http::verb::get, "/healthz").status != 200) return false;
  WsClient ws(port, "/ws?person=tom.baker");
  return ws.ask("still-" + std::to_string(std::rand()), "how do I share my screen in teams") == "accepted";
}

}  // namespace

TEST_SUITE("integration") {

TEST_CASE("a request whose body never ends is cut off, also on a kept-alive connection") {
  TempDir dir;
  RelaisProcess relais(dir.path(), {{"RELAIS_SERVER_HEADER_TIMEOUT_SECONDS", "2"}});
  relais.start();
  const auto port = relais.port();
  const std::string endless = "POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n{\"type\":";
  const std::string chunked = "POST /api/messages HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n";
  const std::string first = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  for (const auto& bytes : {endless, chunked, first + endless}) {
    const auto start = std::chrono::steady_clock::now();
    const auto reply = raw_exchange(port, bytes, std::chrono::seconds(15));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
    CHECK(reply.find("HTTP/1.1 2", 1) == std::string::npos);  // nothing was answered for the cut body
  }
  CHECK(served(port));
}

TEST_CASE("ten thousand idle connections: bounded memory, closed after the header timeout, others served") {
  TempDir dir;
  RelaisProcess relais(dir.path(), {{"RELAIS_SERVER_HEADER_TIMEOUT_SECONDS", "6"}});
  relais.start();
  const auto port = relais.port();
  const long wanted = std::min<long>(10000, descriptor_room() - 200);
  MESSAGE("opening " << wanted << " idle connections");
  const long rss_before = resident_kib(relais.pid());
  const long fds_before = open_descriptors(relais.pid());
  std::vector<int> idle;
  idle.reserve(static_cast<std::size_t>(wanted));
  while (static_cast<long>(idle.size()) < wanted) {
    const int fd = idle_connection(port);
    if (fd < 0) break;
    idle.push_back(fd);
  }
  CHECK(static_cast<long>(idle.size()) == wanted);
  CHECK(served(port));
  // Relais holds them all (accepted, waiting for headers) and stays small.
  for (int i = 0; i < 50 && open_descriptors(relais.pid()) < fds_before + wanted; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(open_descriptors(relais.pid()) >= fds_before + wanted);
  const long grown_kib = resident_kib(relais.pid()) - rss_before;
  MESSAGE("resident memory grew by " << grown_kib / 1024 << " MiB for " << idle.size() << " connections");
  CHECK(grown_kib < 64 * 1024);

  // After the header timeout they are all closed.
  for (int i = 0; i < 100 && open_descriptors(relais.pid()) > fds_before + 10; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(open_descriptors(relais.pid()) <= fds_before + 10);
  for (const int fd : idle) close(fd);
  CHECK(served(port));
}

TEST_CASE("deep-nested JSON, invalid UTF-8 and huge WebSocket frames are refused") {
  TempDir dir;
  RelaisProcess relais(dir.path(), {{"RELAIS_TEAMS_ENABLED", "true"},
                                    {"RELAIS_TEAMS_AUTH", "disabled-for-local-emulator"},
                                    {"RELAIS_SERVER_BODY_LIMIT", "1048576"},
                                    {"RELAIS_SERVER_WEBSOCKET_MESSAGE_LIMIT", "65536"}});
  relais.start();
  const auto port = relais.port();
  const std::map<std::string, std::string> json_headers{{"Content-Type", "application/json"}};

  SUBCASE("JSON nested half a million deep, as a Teams activity") {
    const auto r = http_request_with(port, http::verb::post, "/api/messages", deep_json(500000), json_headers);
    CHECK(r.status == 400);
  }
  SUBCASE("an activity whose text is not UTF-8") {
    const std::string activity = R"({"type":"message","id":"u1","text":"caf)" "\xC3\x28" R"(","from":{"id":"29:x"},)"
                                 R"("conversation":{"id":"c1"},"serviceUrl":"http://127.0.0.1:9"})";
    const auto r = http_request_with(port, http::verb::post, "/api/messages", activity, json_headers);
    CHECK(r.status == 400);
    CHECK(contains(r.body, "JSON"));
  }
  SUBCASE("a web chat frame nested deep") {
    WsClient ws(port, "/ws?person=tom.baker");
    ws.send_raw(R"({"type":"say","id":"d-1","text":"hi","extra":)" + deep_json(30000) + "}");
    const auto reply = ws.wait_for([](const json& f) { return f["type"] == "error" || f["type"] == "ack"; });
    REQUIRE(reply);
    CHECK((*reply)["code"] == "too_deep");
    CHECK(ws.ask("d-2", "how do I share my screen in teams") == "accepted");  // the connection lives on
  }
  SUBCASE("a web chat frame that is not UTF-8 closes with 1007") {
    WsClient ws(port, "/ws?person=tom.baker");
    ws.send_raw(R"({"type":"say","id":"u-1","text":"caf)" "\xC3\x28" R"("})");
    CHECK_FALSE(ws.wait_for([](const json& f) { return f["type"] == "ack"; }, std::chrono::seconds(2)));
    CHECK(ws.closed());
    CHECK(ws.close_reason().code == 1007);
  }
  SUBCASE("a frame announcing a terabyte is refused before it is read") {
    const std::string upgrade =
        "GET /ws?person=tom.baker HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
        "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        "Sec-WebSocket-Version: 13\r\nOrigin: http://127.0.0.1:" + std::to_string(port) + "\r\n\r\n";
    // FIN + text, masked, 64-bit length 2^40, a mask key, then a few bytes of the "payload".
    std::string frame = "\x81\xFF";
    for (int shift = 56; shift >= 0; shift -= 8) frame += static_cast<char>((1ULL << 40) >> shift & 0xFF);
    frame += std::string("\x01\x02\x03\x04", 4) + "abcdefgh";
    const long rss_before = resident_kib(relais.pid());
    const auto reply = raw_exchange(port, upgrade + frame, std::chrono::seconds(5));
    CHECK(contains(reply, "HTTP/1.1 101"));
    CHECK(contains(reply, std::string("\x88", 1)));  // a close frame came back
    CHECK(resident_kib(relais.pid()) - rss_before < 16 * 1024);
  }
  CHECK(served(port));
}

}  // TEST_SUITE
