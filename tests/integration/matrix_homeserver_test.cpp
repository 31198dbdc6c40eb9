// Relais in Matrix, end to end: the real binary against a spec-following homeserver on
// loopback (support/fake_homeserver.hpp), as an application service (events pushed in
// transactions) and as a plain client (/sync).
#include <doctest/doctest.h>

#include <thread>

#include "bot/storage/database.hpp"
#include "support/fake_homeserver.hpp"
#include "support/matrix_setup.hpp"
#include "support/net_client.hpp"
#include "support/relais_process.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"

using namespace relais::testing;
using json = nlohmann::json;
namespace http = boost::beast::http;
using Sent = FakeHomeserver::Sent;

namespace {

constexpr const char* as_token = matrix_as_token;
constexpr const char* hs_token = matrix_hs_token;
constexpr const char* bot = "@relais:localhost";
constexpr const char* fatima = "@fatima:localhost";
constexpr const char* amelie = "@amelie:localhost";
constexpr const char* fatima_dm = "!dmfatima:localhost";
constexpr const char* unanswerable = "Le badge du parking ne s'ouvre plus depuis ce matin";

/// The demo directory, with Matrix ids for the people these tests play.
void write_directory(const TempDir& dir) {
  write_matrix_directory(dir, {{"fatima.elamrani", fatima},
                               {"amelie.dubois", amelie},
                               {"ines.moreau", "@ines:localhost"},
                               {"bart.peeters", "@bart:localhost"}});
}

json message(const std::string& id, const std::string& room, const std::string& sender, const std::string& body,
             json extra = json::object()) {
  json content = {{"msgtype", "m.text"}, {"body", body}};
  content.update(extra);
  return {{"type", "m.room.message"}, {"event_id", id}, {"room_id", room}, {"sender", sender},
          {"origin_server_ts", 1795399639548}, {"content", content}};
}

json reaction(const std::string& id, const std::string& room, const std::string& sender, const std::string& target,
              const std::string& key) {
  return {{"type", "m.reaction"}, {"event_id", id}, {"room_id", room}, {"sender", sender},
          {"content", {{"m.relates_to", {{"rel_type", "m.annotation"}, {"event_id", target}, {"key", key}}}}}};
}

json invite(const std::string& id, const std::string& room, const std::string& sender, bool encrypted = false) {
  json state = json::array({{{"type", "m.room.create"}, {"state_key", ""}, {"sender", sender},
                             {"content", {{"room_version", "9"}}}}});
  if (encrypted)
    state.push_back({{"type", "m.room.encryption"}, {"state_key", ""}, {"sender", sender},
                     {"content", {{"algorithm", "m.megolm.v1.aes-sha2"}}}});
  return {{"type", "m.room.member"}, {"event_id", id}, {"room_id", room}, {"sender", sender}, {"state_key", bot},
          {"content", {{"membership", "invite"}, {"is_direct", true}}}, {"unsigned", {{"invite_room_state", state}}}};
}

json member_join(const std::string& id, const std::string& room, const std::string& user) {
  return {{"type", "m.room.member"}, {"event_id", id}, {"room_id", room}, {"sender", user}, {"state_key", user},
          {"content", {{"membership", "join"}}}};
}

std::string body_of(const Sent& s) { return s.content.value("body", ""); }

auto in_room_with(const std::string& room, const std::string& needle) {
  return [room, needle](const Sent& s) { return s.room_id == room && contains(body_of(s), needle); };
}

std::size_t count_sent(FakeHomeserver& hs, const std::function<bool(const Sent&)>& match) {
  const auto all = hs.sent();
  return static_cast<std::size_t>(std::count_if(all.begin(), all.end(), match));
}

std::int64_t count(const std::filesystem::path& db_file, const std::string& sql) {
  relais::storage::Database db(db_file, relais::storage::Durability::normal);
  return db.query_int(sql).value_or(-1);
}

/// Waits until Relais has recorded a message it sent (its reactions work from then on: a person
/// does not react within the milliseconds before the homeserver's answer arrives, a test does).
bool recorded(const std::filesystem::path& db, const std::string& event_id) {
  for (int i = 0; i < 100; ++i) {
    if (count(db, "SELECT COUNT(*) FROM matrix_sent_events WHERE event_id = '" + event_id + "'") == 1) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

bool contains_room(const std::vector<std::string>& rooms, const std::string& room) {
  return std::find(rooms.begin(), rooms.end(), room) != rooms.end();
}

/// Relais as an application service of the fake homeserver.
struct Appservice {
  TempDir dir;
  FakeHomeserver hs{{as_token}};
  std::unique_ptr<RelaisProcess> relais;
  int next_txn = 1;

  Appservice() {
    write_directory(dir);
    auto env = matrix_appservice_env(dir, hs.url());
    env.insert({{"RELAIS_MATRIX_ONBOARDING_ROOM", "!welcome:localhost"}, {"RELAIS_OUTBOX_INITIAL_BACKOFF_MS", "100"}});
    relais = std::make_unique<RelaisProcess>(dir / "data", env);
    relais->start();
  }

  void push(const json& event) { push_as(std::to_string(next_txn++), event); }
  void push_as(const std::string& txn, const json& event) {
    REQUIRE(hs.push(relais->port(), txn, json::array({event}), hs_token) == 200);
  }

  /// Fatima opens a direct chat with the bot; returns once it joined and greeted her.
  void open_fatima_dm() {
    push(invite("$inv-f", fatima_dm, fatima));
    REQUIRE(hs.wait_until([&] { return contains_room(hs.joins(), fatima_dm); }));
    REQUIRE(hs.wait_for_sent(in_room_with(fatima_dm, "Bonjour Fatima")));
  }
};

}  // namespace

TEST_SUITE("integration") {

TEST_CASE("application service: the hs_token is checked first; legacy forms, queries and ping per spec") {
  Appservice s;
  const auto port = s.relais->port();
  const auto help = json::array({message("$h1", "!room:localhost", fatima, "!help")});
  std::string answer;
  CHECK(s.hs.push(port, "a1", help, "", &answer) == 401);
  CHECK(json::parse(answer)["errcode"] == "M_UNAUTHORIZED");
  CHECK(s.hs.push(port, "a1", help, "wrong-token", &answer) == 403);
  CHECK(json::parse(answer)["errcode"] == "M_FORBIDDEN");
  CHECK(s.relais->wait_for_log("matrix_unauthorized"));
  CHECK_FALSE(contains(s.relais->log(), "wrong-token"));

  auto r = http_request_with(port, http::verb::put, "/_matrix/app/v1/transactions/a2", "{\"events\": [", {{"Authorization", std::string("Bearer ") + hs_token}});
  CHECK(r.status == 400);
  CHECK(json::parse(r.body)["errcode"] == "M_BAD_JSON");

  // Nothing refused was handled: the same event, now authorised (legacy ?access_token= form), is.
  r = http_request_with(port, http::verb::put, std::string("/_matrix/app/v1/transactions/a3?access_token=") + hs_token,
                        json{{"events", help}}.dump(), {});
  CHECK(r.status == 200);
  REQUIRE(s.hs.wait_for_sent(in_room_with("!room:localhost", "!ask")));
  CHECK(s.hs.push(port, "a4", json::array({message("$h2", "!room:localhost", fatima, "!help")}), hs_token, nullptr, "") ==
        200);  // the un-prefixed path of older homeservers
  REQUIRE(s.hs.wait_until([&] { return count_sent(s.hs, in_room_with("!room:localhost", "!ask")) == 2; }));

  const std::map<std::string, std::string> auth = {{"Authorization", std::string("Bearer ") + hs_token}};
  CHECK(http_request_with(port, http::verb::get, "/_matrix/app/v1/users/%40relais%3Alocalhost", "", auth).status == 200);
  r = http_request_with(port, http::verb::get, "/_matrix/app/v1/users/%40relais_x%3Alocalhost", "", auth);
  CHECK(r.status == 404);
  CHECK(json::parse(r.body)["errcode"] == "M_NOT_FOUND");
  CHECK(http_request_with(port, http::verb::get, "/_matrix/app/v1/rooms/%23help%3Alocalhost", "", auth).status == 404);
  CHECK(http_request_with(port, http::verb::post, "/_matrix/app/v1/ping", "{}", auth).status == 200);
  CHECK(http_request_with(port, http::verb::post, "/_matrix/app/v1/ping", "{}", {}).status == 401);
}

TEST_CASE("ask -> FAQ answer in a direct chat; retried and reused transactions and the bot's own events run nothing twice") {
  Appservice s;
  s.open_fatima_dm();
  s.push_as("7", message("$q1", fatima_dm, fatima, "Comment partager mon écran dans Teams ?"));
  const auto answer = s.hs.wait_for_sent(in_room_with(fatima_dm, "Arrêter le partage"));
  REQUIRE(answer);
  CHECK(answer->content["msgtype"] == "m.notice");
  CHECK(answer->content["format"] == "org.matrix.custom.html");
  CHECK(contains(answer->content["formatted_body"].get<std::string>(), "<strong>"));
  CHECK(contains(body_of(*answer), "👍"));
  CHECK(answer->txn_id.starts_with("relais-"));

  s.push_as("7", message("$q1", fatima_dm, fatima, "Comment partager mon écran dans Teams ?"));  // a retry
  // A homeserver restarted and reuses id 7 for new events: they are handled.
  s.push_as("7", message("$q2", fatima_dm, fatima, "!help"));
  REQUIRE(s.hs.wait_for_sent(in_room_with(fatima_dm, "!ask")));
  // The bot's own notice comes back as an event: ignored, or it would talk to itself.
  s.push(message("$own", fatima_dm, bot, "!help"));

  s.push(message("$fb", fatima_dm, fatima, "!feedback Teams coupe le son quand je partage"));
  REQUIRE(s.hs.wait_for_sent(in_room_with(fatima_dm, "J'ai transmis votre avis")));
  REQUIRE(recorded(s.relais->database(), answer->event_id));
  s.push(reaction("$r1", fatima_dm, fatima, answer->event_id, "👍"));
  REQUIRE(s.hs.wait_for_sent(in_room_with(fatima_dm, "Merci pour votre retour")));
  CHECK(count_sent(s.hs, in_room_with(fatima_dm, "Arrêter le partage")) == 1);
  CHECK(count_sent(s.hs, in_room_with(fatima_dm, "!ask")) == 2);  // the welcome and one !help, not the bot's own
}

TEST_CASE("routed to an ambassador's new direct chat, claimed with a reaction, answered by reply, resolved; restart between") {
  Appservice s;
  s.open_fatima_dm();
  s.push(message("$q", fatima_dm, fatima, unanswerable));
  REQUIRE(s.hs.wait_for_sent(in_room_with(fatima_dm, "Amélie Dubois")));
  const auto card = s.hs.wait_for_sent([](const Sent& m) { return contains(body_of(m), unanswerable); });
  REQUIRE(card);
  CHECK(contains(body_of(*card), "✋"));
  const auto rooms = s.hs.created_rooms();
  REQUIRE(rooms.size() == 1);
  CHECK(rooms[0]["is_direct"] == true);
  CHECK(rooms[0]["invite"] == json::array({amelie}));
  const auto amelie_dm = card->room_id;
  REQUIRE(s.hs.wait_until([&] { return s.hs.account_data("m.direct").is_object(); }));
  CHECK(s.hs.account_data("m.direct")[amelie] == json::array({amelie_dm}));

  s.relais->stop();
  s.relais->start();

  s.push(reaction("$claim", amelie_dm, amelie, card->event_id, "✋️"));  // with a variation selector, as some clients send
  const auto edited = s.hs.wait_for_sent([&](const Sent& m) {
    return m.content.contains("m.relates_to") && m.content["m.relates_to"].value("rel_type", "") == "m.replace" &&
           m.content["m.relates_to"].value("event_id", "") == card->event_id;
  });
  REQUIRE(edited);
  CHECK(contains(edited->content["m.new_content"]["body"].get<std::string>(), "✍️"));
  // Her next message in the same chat leaves after the edit was confirmed: the card's new
  // buttons (a reply answers) are known from then on.
  REQUIRE(s.hs.wait_for_sent(in_room_with(amelie_dm, "est pour vous")));
  const auto told = s.hs.wait_for_sent(in_room_with(fatima_dm, "s'occupe de votre question"));
  REQUIRE(told);
  CHECK(told->content["m.mentions"]["user_ids"] == json::array({amelie}));
  CHECK(contains(told->content["formatted_body"].get<std::string>(),
                 "<a href=\"https://matrix.to/#/@amelie:localhost\">Amélie Dubois</a>"));

  s.push(message("$ans", amelie_dm, amelie, "> <@relais:localhost> Question\n\nPassez à l'accueil, le badge est réactivé.",
                 {{"m.relates_to", {{"m.in_reply_to", {{"event_id", card->event_id}}}}}}));
  const auto relayed = s.hs.wait_for_sent(in_room_with(fatima_dm, "Passez à l'accueil"));
  REQUIRE(relayed);
  CHECK_FALSE(contains(body_of(*relayed), "<@relais:localhost>"));
  CHECK(contains(body_of(*relayed), "✅"));

  REQUIRE(recorded(s.relais->database(), relayed->event_id));
  s.push(reaction("$ok", fatima_dm, fatima, relayed->event_id, "✅"));
  REQUIRE(s.hs.wait_for_sent(in_room_with(amelie_dm, "est réglée")));
  CHECK(count(s.relais->database(), "SELECT COUNT(*) FROM questions WHERE state = 'resolved'") == 1);
  CHECK(s.hs.created_rooms().size() == 1);  // the direct chat is reused, never opened twice
}

TEST_CASE("onboarding room joins are welcomed in private; encrypted rooms, strangers and other servers are handled") {
  Appservice s;
  s.push(member_join("$j1", "!welcome:localhost", "@ines:localhost"));  // Inès, a starter
  const auto welcome = s.hs.wait_for_sent([](const Sent& m) { return contains(body_of(m), "Bienvenue, Inès Moreau"); });
  REQUIRE(welcome);
  CHECK(welcome->room_id != "!welcome:localhost");
  // Her ambassador is told too: a direct chat each.
  REQUIRE(s.hs.wait_for_sent([](const Sent& m) { return contains(body_of(m), "Inès Moreau rejoint Finance"); }));
  const auto rooms = s.hs.created_rooms();
  REQUIRE(rooms.size() == 2);
  CHECK(((rooms[0]["invite"] == json::array({"@ines:localhost"}) && rooms[1]["invite"] == json::array({amelie})) ||
         (rooms[1]["invite"] == json::array({"@ines:localhost"}) && rooms[0]["invite"] == json::array({amelie}))));
  s.push(member_join("$j2", "!welcome:localhost", "@zoe:localhost"));  // not in the directory

  s.push(invite("$i1", "!secret:localhost", fatima, true));
  REQUIRE(s.hs.wait_for_sent(in_room_with("!secret:localhost", "chiffré")));
  CHECK(contains_room(s.hs.joins(), "!secret:localhost"));

  s.push(invite("$i2", "!dmzoe:localhost", "@zoe:localhost"));
  REQUIRE(s.hs.wait_for_sent(in_room_with("!dmzoe:localhost", "@zoe:localhost")));  // who they are, and what to ask IT

  s.push(invite("$i3", "!spam:evil.example", "@mallory:evil.example"));
  REQUIRE(s.hs.wait_until([&] { return contains_room(s.hs.leaves(), "!spam:evil.example"); }));
  CHECK_FALSE(contains_room(s.hs.joins(), "!spam:evil.example"));
  CHECK(s.hs.created_rooms().size() == 2);  // nobody else: Zoé and Mallory are not in the directory
}

TEST_CASE("client mode: logs in once, never answers the backlog, keeps its /sync position, honours 429") {
  TempDir dir;
  write_directory(dir);
  FakeHomeserver hs({});
  hs.allow_login("relais", "s3cret-pw", "token-from-login");
  hs.add_timeline_event("!dmc:localhost", message("$old", "!dmc:localhost", fatima, "Comment partager mon écran dans Teams ?"));
  hs.add_invite("!dmc:localhost", fatima, true);
  RelaisProcess relais(dir / "data", {{"RELAIS_DIRECTORY_PATH", (dir / "directory.csv").string()},
                                      {"RELAIS_MATRIX_ENABLED", "true"},
                                      {"RELAIS_MATRIX_MODE", "client"},
                                      {"RELAIS_MATRIX_HOMESERVER_URL", hs.url()},
                                      {"RELAIS_MATRIX_USER_ID", bot},
                                      {"RELAIS_MATRIX_PASSWORD", "s3cret-pw"},
                                      {"RELAIS_OUTBOX_INITIAL_BACKOFF_MS", "100"}});
  relais.start();
  REQUIRE(hs.wait_until([&] { return contains_room(hs.joins(), "!dmc:localhost"); }));
  REQUIRE(hs.wait_for_sent(in_room_with("!dmc:localhost", "Bonjour Fatima")));
  CHECK(hs.logins() == 1);

  hs.rate_limit_next_send(300);
  hs.add_timeline_event("!dmc:localhost", message("$new", "!dmc:localhost", fatima, "Comment partager mon écran dans Teams ?"));
  REQUIRE(hs.wait_for_sent(in_room_with("!dmc:localhost", "Arrêter le partage")));
  CHECK(relais.wait_for_log("outbox_retry"));
  CHECK(contains(relais.log(), "M_LIMIT_EXCEEDED"));

  relais.stop();
  const auto polls_before = hs.sync_positions().size();
  relais.start();
  REQUIRE(hs.wait_until([&] { return hs.sync_positions().size() > polls_before; }));
  CHECK_FALSE(hs.sync_positions()[polls_before].empty());  // resumed where it stopped
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  CHECK(hs.logins() == 1);  // the token was kept
  CHECK(count_sent(hs, in_room_with("!dmc:localhost", "Arrêter le partage")) == 1);  // the backlog question never
  CHECK_FALSE(contains(relais.log(), "s3cret-pw"));
  CHECK_FALSE(contains(relais.log(), "token-from-login"));
}

}  // TEST_SUITE
