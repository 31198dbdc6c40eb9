// The real binary on loopback, driven like two browser tabs over real WebSockets.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "bot/storage/database.hpp"
#include "support/text.hpp"
#include "support/net_client.hpp"
#include "support/relais_process.hpp"
#include "support/temp_dir.hpp"

using namespace relais::testing;
using nlohmann::json;

namespace {
constexpr const char* asker = "fatima.elamrani";
constexpr const char* ambassador = "amelie.dubois";
constexpr const char* unanswerable = "Le badge du parking ne s'ouvre plus depuis ce matin";

std::string ws_target(const std::string& person) { return "/ws?person=" + person; }


/// Waits for a message frame whose text or card matches, and confirms it as the page does.
std::optional<json> expect_message(WsClient& ws, const std::function<bool(const json&)>& match,
                                   std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
  auto frame = ws.wait_for([&](const json& f) { return f.value("type", "") == "message" && match(f); }, timeout);
  if (frame) ws.receipt(frame->at("id").get<std::int64_t>());
  return frame;
}

auto text_has(const std::string& needle) {
  return [needle](const json& f) { return contains(f.value("text", ""), needle); };
}

auto card_with_button(const std::string& action) {
  return [action](const json& f) {
    if (!f.contains("card")) return false;
    for (const auto& b : f["buttons"])
      if (b["action"] == action) return true;
    return false;
  };
}

std::int64_t count(const std::filesystem::path& db_file, const std::string& sql) {
  relais::storage::Database db(db_file, relais::storage::Durability::normal);
  return db.query_int(sql).value_or(-1);
}
}  // namespace

TEST_SUITE("integration") {

TEST_CASE("a French question over the web chat is answered from the FAQ in French") {
  TempDir dir;
  RelaisProcess relais(dir.path());
  relais.start();
  WsClient ws(relais.port(), ws_target(asker));
  const auto hello = ws.wait_for([](const json& f) { return f["type"] == "hello"; });
  REQUIRE(hello);
  CHECK((*hello)["person"]["name"] == "Fatima El Amrani");
  CHECK(ws.ask("c-1", "Comment partager mon écran dans Teams ?") == "accepted");
  const auto answer = expect_message(ws, text_has("Voici ce que j'ai trouvé"));
  REQUIRE(answer);
  CHECK(contains((*answer)["text"], "Arrêter le partage"));
  CHECK((*answer)["buttons"].size() == 3);  // Helpful, Not helpful, Ask an ambassador
}

TEST_CASE("ask, route, claim, answer, resolve: two people in two sessions") {
  TempDir dir;
  RelaisProcess relais(dir.path());
  relais.start();
  WsClient employee(relais.port(), ws_target(asker));
  WsClient amb(relais.port(), ws_target(ambassador));

  REQUIRE(employee.ask("q-1", unanswerable) == "accepted");
  REQUIRE(expect_message(employee, text_has("Amélie Dubois")));
  const auto card = expect_message(amb, card_with_button("claim"));
  REQUIRE(card);
  const auto question = (*card)["buttons"][0]["args"]["question"].get<std::int64_t>();
  const std::string key = (*card)["card"]["key"];
  CHECK((*card)["card"]["body"] == unanswerable);

  amb.send({{"type", "action"}, {"id", "a-1"}, {"action", "claim"}, {"args", {{"question", question}}}});
  const auto updated = expect_message(amb, [&](const json& f) { return f.contains("card") && f["card"]["key"] == key; });
  REQUIRE(updated);
  CHECK(contains((*updated)["card"]["status"], "Amélie Dubois"));
  CHECK((*updated)["buttons"][0]["action"] == "answer");
  REQUIRE(expect_message(employee, text_has("s'occupe de votre question")));

  amb.send({{"type", "action"}, {"id", "a-2"}, {"action", "answer"}, {"args", {{"question", question}}},
            {"text", "Passez à l'accueil, le badge est réactivé."}});
  const auto relayed = expect_message(employee, text_has("Passez à l'accueil"));
  REQUIRE(relayed);
  CHECK((*relayed)["buttons"][0]["action"] == "resolve");

  employee.send({{"type", "action"}, {"id", "q-2"}, {"action", "resolve"}, {"args", {{"question", question}}}});
  REQUIRE(expect_message(amb, text_has("est réglée")));
  CHECK(count(relais.database(), "SELECT COUNT(*) FROM questions WHERE state = 'resolved'") == 1);
}

TEST_CASE("an ambassador who is offline receives the routed question when they connect") {
  TempDir dir;
  RelaisProcess relais(dir.path());
  relais.start();
  {
    WsClient employee(relais.port(), ws_target(asker));
    REQUIRE(employee.ask("q-1", unanswerable) == "accepted");
  }
  WsClient amb(relais.port(), ws_target(ambassador));
  CHECK(expect_message(amb, card_with_button("claim")));
}

TEST_CASE("a restart in the middle of the lifecycle loses nothing and the flow continues") {
  TempDir dir;
  RelaisProcess relais(dir.path());
  relais.start();
  {
    WsClient employee(relais.port(), ws_target(asker));
    REQUIRE(employee.ask("q-1", unanswerable) == "accepted");
  }
  CHECK(relais.stop() == 0);  // a clean stop while the question waits for an ambassador

  relais.start();
  std::int64_t question = 0;
  {
    WsClient amb(relais.port(), ws_target(ambassador));
    const auto card = expect_message(amb, card_with_button("claim"));
    REQUIRE(card);
    question = (*card)["buttons"][0]["args"]["question"];
    amb.send({{"type", "action"}, {"id", "a-1"}, {"action", "claim"}, {"args", {{"question", question}}}});
    REQUIRE(amb.wait_for([](const json& f) { return f["type"] == "ack"; }));
  }
  relais.kill_hard();  // a crash after the claim

  relais.start();
  {
    WsClient amb(relais.port(), ws_target(ambassador));
    amb.send({{"type", "action"}, {"id", "a-2"}, {"action", "answer"}, {"args", {{"question", question}}},
              {"text", "Le badge est réactivé."}});
    REQUIRE(amb.wait_for([](const json& f) { return f["type"] == "ack" && f["id"] == "a-2"; }));
  }
  relais.kill_hard();

  relais.start();
  WsClient employee(relais.port(), ws_target(asker));
  // Everything addressed to the asker while they were away arrives, in order, once.
  CHECK(expect_message(employee, text_has("Amélie Dubois")));
  CHECK(expect_message(employee, text_has("s'occupe de votre question")));
  CHECK(expect_message(employee, text_has("Le badge est réactivé.")));
  CHECK(count(relais.database(), "SELECT COUNT(*) FROM questions") == 1);
}

TEST_CASE("kill -9 while questions pour in: every acknowledged question is in the database") {
  TempDir dir;
  RelaisProcess relais(dir.path());
  relais.start();
  constexpr int total = 400;
  std::set<std::string> acked;
  {
    WsClient ws(relais.port(), ws_target(asker));
    REQUIRE(ws.wait_for([](const json& f) { return f["type"] == "hello"; }));
    for (int i = 0; i < total; ++i)
      ws.send({{"type", "say"}, {"id", "k-" + std::to_string(i)}, {"text", "Question de charge numéro " + std::to_string(i)}});
    while (auto f = ws.next(std::chrono::seconds(5))) {
      if ((*f)["type"] == "ack") acked.insert((*f)["id"]);
      if (acked.size() == total / 4) break;
    }
    relais.kill_hard();  // mid-stream: some questions were acknowledged, some not yet
    while (auto f = ws.next(std::chrono::milliseconds(200)))
      if ((*f)["type"] == "ack") acked.insert((*f)["id"]);
  }
  REQUIRE(acked.size() >= total / 4);
  relais::storage::Database db(relais.database(), relais::storage::Durability::normal);
  for (const auto& id : acked) {
    CAPTURE(id);
    CHECK(db.query_int("SELECT COUNT(*) FROM questions WHERE source_key = ?1", "webchat:" + std::string(asker) + "/" + id) == 1);
  }

  // The page sends everything unacknowledged again after reconnecting: each lands exactly once.
  relais.start();
  WsClient ws(relais.port(), ws_target(asker));
  for (int i = 0; i < total; ++i)
    ws.send({{"type", "say"}, {"id", "k-" + std::to_string(i)}, {"text", "Question de charge numéro " + std::to_string(i)}});
  std::map<std::string, std::string> status;
  while (status.size() < total) {
    auto f = ws.next(std::chrono::seconds(10));
    REQUIRE(f);
    if ((*f)["type"] == "ack") status[(*f)["id"]] = (*f)["status"];
  }
  for (const auto& id : acked) CHECK(status[id] == "duplicate");
  CHECK(db.query_int("SELECT COUNT(*) FROM questions") == total);
  CHECK(db.query_int("SELECT COUNT(DISTINCT source_key) FROM questions") == total);
}

TEST_CASE("a message not confirmed before a crash is sent again with the same id") {
  TempDir dir;
  RelaisProcess relais(dir.path());
  relais.start();
  std::int64_t first_id = 0;
  {
    WsClient ws(relais.port(), ws_target(asker));
    REQUIRE(ws.ask("c-1", "Comment partager mon écran dans Teams ?") == "accepted");
    const auto m = ws.wait_for([](const json& f) { return f["type"] == "message"; });
    REQUIRE(m);
    first_id = (*m)["id"];  // no receipt: the page closed before it could confirm
  }
  relais.kill_hard();
  relais.start();
  WsClient ws(relais.port(), ws_target(asker));
  const auto again = ws.wait_for([](const json& f) { return f["type"] == "message"; });
  REQUIRE(again);
  CHECK((*again)["id"] == first_id);
  ws.receipt(first_id);
  ws.wait_for([](const json&) { return false; }, std::chrono::milliseconds(300));
  CHECK(count(relais.database(), "SELECT COUNT(*) FROM outbox WHERE status = 'delivered'") == 1);
}

}  // TEST_SUITE

TEST_SUITE("integration") {

TEST_CASE("a page that reconnects is shown the recent conversation again") {
  TempDir dir;
  RelaisProcess relais(dir.path());
  relais.start();
  std::int64_t answer_id = 0;
  {
    WsClient ws(relais.port(), ws_target(asker));
    REQUIRE(ws.ask("c-1", "Comment partager mon écran dans Teams ?") == "accepted");
    const auto answer = expect_message(ws, text_has("Voici ce que j'ai trouvé"));
    REQUIRE(answer);
    answer_id = (*answer)["id"];
    ws.wait_for([](const json&) { return false; }, std::chrono::milliseconds(200));  // let the receipt land
  }
  WsClient again(relais.port(), ws_target(asker));
  const auto replay = again.wait_for([](const json& f) { return f["type"] == "message"; });
  REQUIRE(replay);
  CHECK((*replay)["id"] == answer_id);
}

}  // TEST_SUITE

TEST_SUITE("integration") {

TEST_CASE("two ambassadors claiming in the same instant: exactly one gets it, the other is told who") {
  TempDir dir;
  RelaisProcess relais(dir.path(), {{"RELAIS_ROUTING_FAN_OUT", "3"}});
  relais.start();
  WsClient employee(relais.port(), ws_target(asker));
  REQUIRE(employee.ask("q-1", unanswerable) == "accepted");
  WsClient amelie(relais.port(), ws_target("amelie.dubois"));
  WsClient chloe(relais.port(), ws_target("chloe.martin"));
  std::int64_t question = 0;
  for (auto* ws : {&amelie, &chloe}) {
    const auto card = expect_message(*ws, card_with_button("claim"));
    REQUIRE(card);
    question = (*card)["buttons"][0]["args"]["question"];
  }
  // Both frames leave before either answer comes back.
  const json claim = {{"type", "action"}, {"action", "claim"}, {"args", {{"question", question}}}};
  auto a = claim, c = claim;
  a["id"] = "a-1";
  c["id"] = "c-1";
  amelie.send(a);
  chloe.send(c);
  const auto won_a = expect_message(amelie, text_has("est pour vous"), std::chrono::seconds(2));
  const auto won_c = expect_message(chloe, text_has("est pour vous"), std::chrono::seconds(2));
  CHECK(won_a.has_value() != won_c.has_value());
  auto& loser = won_a ? chloe : amelie;
  CHECK(expect_message(loser, text_has("déjà prise en charge par")));
  CHECK(count(relais.database(), "SELECT COUNT(*) FROM question_events WHERE event = 'claim'") == 1);
}

}  // TEST_SUITE
