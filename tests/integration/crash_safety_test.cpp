// Crash safety: Relais is killed with SIGKILL twenty times while a homeserver keeps pushing
// messages, and restarted each time. The homeserver retries a transaction until it gets 200,
// as Synapse does. At the end every accepted message is a question in the database, and each
// was answered exactly once at the sink (the fake homeserver de-duplicates a retried send by
// its txnId, so a second answer would be a second, different send).
#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "bot/storage/database.hpp"
#include "support/fake_homeserver.hpp"
#include "support/matrix_setup.hpp"
#include "support/relais_process.hpp"
#include "support/temp_dir.hpp"

using namespace relais::testing;
using json = nlohmann::json;

namespace {
constexpr const char* fatima = "@fatima:localhost";

std::string room_of(int i) { return "!crash" + std::to_string(i) + ":localhost"; }

json message(int i) {
  return json::array({{{"type", "m.room.message"}, {"event_id", "$crash" + std::to_string(i)}, {"room_id", room_of(i)},
                       {"sender", fatima}, {"origin_server_ts", 1795399639548},
                       {"content", {{"msgtype", "m.text"}, {"body", "!ask Comment partager mon écran dans Teams ?"}}}}});
}
}  // namespace

TEST_SUITE("integration") {

TEST_CASE("killed twenty times under load: nothing accepted is lost, nothing is answered twice") {
  TempDir dir;
  FakeHomeserver hs{{matrix_as_token}};
  write_matrix_directory(dir, {{"fatima.elamrani", fatima}});
  auto env = matrix_appservice_env(dir, hs.url());
  env.insert({{"RELAIS_OUTBOX_INITIAL_BACKOFF_MS", "50"}, {"RELAIS_OUTBOX_MAX_BACKOFF_MS", "500"}});
  RelaisProcess relais(dir / "data", env);
  relais.start();
  std::atomic<unsigned short> port{relais.port()};
  std::atomic<bool> killing{true};
  std::atomic<int> next{0}, accepted{0}, refused{0};

  // Two homeservers' worth of traffic: each message is retried until it is accepted.
  auto load = [&] {
    int sent_after_killing = 0;
    while (killing || sent_after_killing++ < 10) {
      const int i = next++;
      while (hs.push(port, "txn-" + std::to_string(i), message(i), matrix_hs_token) != 200) {
        ++refused;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      ++accepted;
    }
  };
  std::thread a(load), b(load);
  std::mt19937 random(20261123);
  for (int kill = 0; kill < 20; ++kill) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100 + random() % 200));
    relais.kill_hard();
    relais.start();
    port = relais.port();
  }
  killing = false;
  a.join();
  b.join();
  const int messages = accepted;
  MESSAGE(messages << " messages accepted over 21 runs, " << refused.load() << " pushes refused while Relais was down");
  CHECK(refused > 0);  // the kills did land while messages were coming in

  // Every accepted message became a question, once.
  const bool all_answered = hs.wait_until([&] {
    std::set<std::string> answered;
    for (const auto& s : hs.sent()) answered.insert(s.room_id);
    return static_cast<int>(answered.size()) >= messages;
  }, std::chrono::seconds(60));
  if (!all_answered) {
    relais::storage::Database peek(relais.database(), relais::storage::Durability::normal);
    std::set<std::string> answered;
    for (const auto& s : hs.sent()) answered.insert(s.room_id);
    MESSAGE("answered rooms " << answered.size() << ", questions " << *peek.query_int("SELECT COUNT(*) FROM questions")
            << ", outbox pending " << *peek.query_int("SELECT COUNT(*) FROM outbox WHERE status = 'pending'")
            << ", failed " << *peek.query_int("SELECT COUNT(*) FROM outbox WHERE status = 'failed'")
            << ", delivered " << *peek.query_int("SELECT COUNT(*) FROM outbox WHERE status = 'delivered'")
            << ", sent " << *peek.query_int("SELECT COUNT(*) FROM outbox WHERE status = 'sent'"));
  }
  REQUIRE(all_answered);
  std::map<std::string, int> answers_per_room;
  for (const auto& s : hs.sent()) ++answers_per_room[s.room_id];
  for (int i = 0; i < messages; ++i) {
    CAPTURE(i);
    CHECK(answers_per_room[room_of(i)] == 1);
  }
  relais::storage::Database db(relais.database(), relais::storage::Durability::normal);
  CHECK(db.query_int("SELECT COUNT(*) FROM questions") == messages);
  // The homeserver has answered every send; the outbox records it a moment later.
  std::int64_t undelivered = -1;
  for (int i = 0; i < 100 && undelivered != 0; ++i) {
    undelivered = db.query_int("SELECT COUNT(*) FROM outbox WHERE status <> 'delivered'").value_or(-1);
    if (undelivered != 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(undelivered == 0);
}

}  // TEST_SUITE
