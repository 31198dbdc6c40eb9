// A homeserver in trouble: its sends fail with 500, with 429 and a wait, go unanswered, or it is
// down altogether. Meanwhile Relais keeps accepting messages and answering health checks, the
// replies wait in the outbox (visible in /metrics), and once the homeserver recovers every reply
// is delivered, each exactly once.
#include <doctest/doctest.h>

#include <set>
#include <thread>

#include "bot/storage/database.hpp"
#include "support/fake_homeserver.hpp"
#include "support/matrix_setup.hpp"
#include "support/net_client.hpp"
#include "support/relais_process.hpp"
#include "support/temp_dir.hpp"

using namespace relais::testing;
using json = nlohmann::json;
namespace http = boost::beast::http;

namespace {
constexpr const char* fatima = "@fatima:localhost";

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
  FakeHomeserver hs{{matrix_as_token}};
  write_matrix_directory(dir, {{"fatima.elamrani", fatima}});
  auto env = matrix_appservice_env(dir, hs.url());
  env.insert({{"RELAIS_MATRIX_REQUEST_TIMEOUT_SECONDS", "1"},
              {"RELAIS_OUTBOX_INITIAL_BACKOFF_MS", "50"},
              {"RELAIS_OUTBOX_MAX_BACKOFF_MS", "400"}});
  RelaisProcess relais(dir / "data", env);
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
      REQUIRE(hs.push(port, "txn-" + std::to_string(next), message(next), matrix_hs_token) == 200);

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
