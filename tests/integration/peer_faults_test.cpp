// A homeserver in trouble: its sends fail with 500, with 429 and a wait, go unanswered, or it is
// down altogether. Meanwhile Relais keeps accepting messages and answering health checks, the
// replies wait in the outbox (visible in /metrics), and once the homeserver recovers every reply
// is delivered, each exactly once.
#include <doctest/doctest.h>

#include <fstream>
#include <thread>

#include "bot/storage/database.hpp"
#include "bot/transports/matrix/matrix_registration.hpp"
#include "support/fake_homeserver.hpp"
#include "support/net_client.hpp"
#include "support/relais_process.hpp"
#include "support/temp_dir.hpp"

using namespace relais::testing;
using json = nlohmann::json;
namespace http = boost::beast::http;

namespace {
constexpr const char* as_token = "as-token-0123456789abcdef";
constexpr const char* hs_token = "hs-token-fedcba9876543210";
constexpr const char* fatima = "@fatima:localhost";

void write_directory(const TempDir& dir) {
  std::ifstream in(demo_directory());
  std::ofstream out(dir / "directory.csv");
  std::string line;
  std::getline(in, line);
  out << line << ",matrix_id\n";
  while (std::getline(in, line)) out << line << "," << (line.starts_with("fatima.elamrani,") ? fatima : "") << "\n";
}

std::string room_of(int i) { return "!fault" + std::to_string(i) + ":localhost"; }

json message(int i) {
  return json::array({{{"type", "m.room.message"}, {"event_id", "$fault" + std::to_string(i)}, {"room_id", room_of(i)},
                       {"sender", fatima}, {"origin_server_ts", 1795399639548},
                       {"content", {{"msgtype", "m.text"}, {"body", "!ask Comment partager mon écran dans Teams ?"}}}}});
}

long outbox_depth(unsigned short port) {
  const auto metrics = http_request(port, http::verb::get, "/metrics").body;
  const std::string name = "\nrelais_outbox_depth ";
  const auto at = metrics.find(name);
  return at == std::string::npos ? -1 : std::stol(metrics.substr(at + name.size()));
}

std::size_t rooms_answered(const FakeHomeserver& hs) {
  std::set<std::string> rooms;
  for (const auto& s : hs.sent()) rooms.insert(s.room_id);
  return rooms.size();
}
}  // namespace

TEST_SUITE("integration") {

TEST_CASE("replies wait in the outbox while the homeserver fails, and are all delivered once it recovers") {
  TempDir dir;
  FakeHomeserver hs{{as_token}};
  write_directory(dir);
  relais::matrix::Registration reg{"relais", "http://127.0.0.1", as_token, hs_token, "relais", "localhost"};
  std::ofstream(dir / "registration.yaml") << relais::matrix::to_yaml(reg);
  RelaisProcess relais(dir / "data", {{"RELAIS_DIRECTORY_PATH", (dir / "directory.csv").string()},
                                      {"RELAIS_MATRIX_ENABLED", "true"},
                                      {"RELAIS_MATRIX_HOMESERVER_URL", hs.url()},
                                      {"RELAIS_MATRIX_USER_ID", "@relais:localhost"},
                                      {"RELAIS_MATRIX_REGISTRATION_FILE", (dir / "registration.yaml").string()},
                                      {"RELAIS_MATRIX_REQUEST_TIMEOUT_SECONDS", "1"},
                                      {"RELAIS_OUTBOX_INITIAL_BACKOFF_MS", "50"},
                                      {"RELAIS_OUTBOX_MAX_BACKOFF_MS", "400"}});
  relais.start();
  const auto port = relais.port();
  constexpr int per_fault = 6;
  int next = 0;

  using Fault = FakeHomeserver::SendFault;
  for (const auto fault : {Fault::server_error, Fault::rate_limited, Fault::no_answer, Fault::down}) {
    CAPTURE(static_cast<int>(fault));
    const int failed_before = hs.failed_sends();
    hs.fail_sends(fault, 700);
    const int first = next;
    for (int k = 0; k < per_fault; ++k, ++next)
      REQUIRE(hs.push(port, "txn-" + std::to_string(next), message(next), hs_token) == 200);

    // The sends are failing (a refused connection leaves no trace at the homeserver: wait instead).
    if (fault == Fault::down) std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    else CHECK(hs.wait_until([&] { return hs.failed_sends() >= failed_before + per_fault; }));
    CHECK(rooms_answered(hs) == static_cast<std::size_t>(first));
    CHECK(outbox_depth(port) >= per_fault);
    CHECK(http_request(port, http::verb::get, "/healthz").status == 200);

    hs.fail_sends(Fault::none);
    CHECK(hs.wait_until([&] { return rooms_answered(hs) == static_cast<std::size_t>(next); }, std::chrono::seconds(20)));
    for (int i = 0; i < 50 && outbox_depth(port) != 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK(outbox_depth(port) == 0);
  }

  std::map<std::string, int> answers_per_room;
  for (const auto& s : hs.sent()) ++answers_per_room[s.room_id];
  for (int i = 0; i < next; ++i) {
    CAPTURE(i);
    CHECK(answers_per_room[room_of(i)] == 1);
  }
  relais::storage::Database db(relais.database(), relais::storage::Durability::normal);
  CHECK(db.query_int("SELECT COUNT(*) FROM questions") == next);
  CHECK(db.query_int("SELECT COUNT(*) FROM outbox WHERE status <> 'delivered'") == 0);
}

}  // TEST_SUITE
