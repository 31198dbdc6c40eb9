// Relais in Teams, end to end, with Microsoft's own Teams channel emulator (the agents
// playground) on loopback: it posts activities to /api/messages and plays the connector that
// Relais replies to. The emulator sends no token, so these run with teams.auth explicitly off.
#include <doctest/doctest.h>

#include <fstream>

#include "bot/core/dates.hpp"
#include "bot/storage/database.hpp"
#include "support/net_client.hpp"
#include "support/playground_process.hpp"
#include "support/relais_process.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"

using namespace relais::testing;
using json = nlohmann::json;
namespace http = boost::beast::http;

namespace {

constexpr const char* bot_id = "00000000-0000-0000-0000-00000000000011";
constexpr const char* amelie_aad = "00000000-0000-0000-0000-000000000101";
constexpr const char* chat = "personal-chat-amelie";

/// The demo directory, with Entra ID object ids for the people the emulator plays.
void write_directory(const TempDir& dir) {
  std::ifstream in(demo_directory());
  std::ofstream out(dir / "directory.csv");
  const std::map<std::string, std::string> aad = {{"amelie.dubois", amelie_aad},
                                                  {"fatima.elamrani", "00000000-0000-0000-0000-000000000100"},
                                                  {"bart.peeters", "00000000-0000-0000-0000-000000000102"},
                                                  {"chloe.martin", "00000000-0000-0000-0000-000000000103"},
                                                  {"david.janssens", "00000000-0000-0000-0000-000000000104"},
                                                  {"elena.rossi", "00000000-0000-0000-0000-000000000105"}};
  std::string line;
  std::getline(in, line);
  out << line << ",aad_object_id\n";
  while (std::getline(in, line)) {
    const auto id = line.substr(0, line.find(','));
    if (id == "chloe.martin") line.replace(line.find("employee;ambassador"), 19, "employee;ambassador;starter");  // new here
    out << line << "," << (aad.count(id) ? aad.at(id) : "") << "\n";
  }
}

/// The emulator's cast: Amélie (a Finance ambassador) is the one at the keyboard.
void write_playground_config(const TempDir& dir) {
  std::ofstream out(dir / ".m365agentsplayground.yml");
  out << "version: \"0.1.1\"\ntenantId: 00000000-0000-0000-0000-0000000000001\n"
      << "bot:\n  id: " << bot_id << "\n  name: Relais\n"
      << "currentUser:\n  id: user-amelie\n  name: Amélie Dubois\n  userPrincipleName: amelie.dubois@lumen.example\n"
      << "  aadObjectId: " << amelie_aad << "\n  givenName: Amélie\n  surname: Dubois\n  email: amelie.dubois@lumen.example\n"
      << "users:\n";
  const char* others[][3] = {{"fatima", "Fatima", "100"}, {"bart", "Bart", "102"}, {"chloe", "Chloé", "103"},
                             {"david", "David", "104"}, {"elena", "Elena", "105"}};
  for (const auto& o : others)
    out << "  - id: user-" << o[0] << "\n    name: " << o[1] << "\n    userPrincipleName: " << o[0]
        << "@lumen.example\n    aadObjectId: 00000000-0000-0000-0000-000000000" << o[2] << "\n    givenName: " << o[1]
        << "\n    surname: Example\n    email: " << o[0] << "@lumen.example\n";
  out << "personalChat:\n  id: " << chat << "\ngroupChat:\n  id: group-chat-id\n  name: Group Chat\n"
      << "team:\n  id: team-id\n  name: My Team\n  aadGroupId: 00000000-0000-0000-0000-000000000031\n"
      << "  channels:\n    - id: channel-announcements-id\n      name: Announcements\n";
}

struct Stage {
  TempDir dir;
  std::unique_ptr<RelaisProcess> relais;
  std::unique_ptr<PlaygroundProcess> playground;
  std::unique_ptr<WsClient> log;

  explicit Stage(RelaisProcess::Env extra = {}) {
    write_directory(dir);
    write_playground_config(dir);
    // Working time all day, every day, and the day's send time past: onboarding messages come at
    // once, whenever the test runs.
    std::filesystem::copy(source_dir() / "knowledge", dir / "knowledge", std::filesystem::copy_options::recursive);
    std::filesystem::remove(dir / "knowledge/holidays.txt");
    RelaisProcess::Env env{{"RELAIS_DIRECTORY_PATH", (dir / "directory.csv").string()},
                           {"RELAIS_TEAMS_ENABLED", "true"},
                           {"RELAIS_TEAMS_AUTH", "disabled-for-local-emulator"},
                           {"RELAIS_KNOWLEDGE_PATH", (dir / "knowledge").string()},
                           {"RELAIS_ROUTING_WORKING_HOURS", "00:00-23:59"},
                           {"RELAIS_ROUTING_WORKING_DAYS", "mon,tue,wed,thu,fri,sat,sun"},
                           {"RELAIS_ONBOARDING_SEND_AT", "00:00"},
                           {"RELAIS_SURVEYS_SEND_AT", "00:00"},
                           {"RELAIS_QUESTIONS_COMMUNITY_ROOM", "teams:channel-announcements-id"}};
    for (const auto& [k, v] : extra) env[k] = v;
    relais = std::make_unique<RelaisProcess>(dir / "data", env);
    relais->start();
    playground = std::make_unique<PlaygroundProcess>(dir.path(), relais->port());
    log = std::make_unique<WsClient>(playground->port(), "/_ws/log/stream");
  }

  /// Amélie types in a conversation of the emulator.
  void say(const std::string& conversation, const std::string& text, json extra = json::object()) {
    json body = {{"from", {{"id", "user-amelie"}}}, {"text", text}, {"textFormat", "plain"}};
    body.update(extra);
    const auto r = http_request(playground->port(), http::verb::post,
                                "/_conversation/v1/conversations/" + conversation + "/messages", body.dump());
    REQUIRE_MESSAGE(r.status == 200, r.body);
  }

  /// Amélie presses a card button (Action.Execute); returns the emulator's answer (the bot's invoke response).
  json press(const std::string& message_id, const std::string& verb, const json& args, const std::string& text = "",
             const std::string& conversation = chat, const std::string& from = "user-amelie") {
    json data = {{"action", verb}, {"args", args}};
    if (!text.empty()) data["text"] = text;
    const json body = {{"name", "adaptiveCard/action"},
                       {"value", {{"action", {{"type", "Action.Execute"}, {"verb", verb}, {"data", data}}}}},
                       {"from", {{"id", from}}},
                       {"conversation", {{"id", conversation}}},
                       {"replyToId", message_id}};
    const auto r = http_request(playground->port(), http::verb::post, "/_conversation/v1/invoke", body.dump());
    REQUIRE_MESSAGE(r.status == 200, r.body);
    return json::parse(r.body, nullptr, false);
  }

  /// The next activity Relais sent to the emulator's connector that matches.
  std::optional<json> from_bot(const std::function<bool(const json& activity)>& match) {
    const auto frame = log->wait_for(
        [&](const json& f) {
          if (!f.is_object() || !f.contains("log") || !f["log"].is_object()) return false;
          const auto& l = f["log"];
          return l.value("from", "") == "User Application" && l.contains("request") && l["request"].is_object() &&
                 l["request"].contains("body") && l["request"]["body"].is_object() && match(l["request"]["body"]);
        },
        std::chrono::seconds(10));
    if (!frame) return std::nullopt;
    auto activity = (*frame)["log"]["request"]["body"];
    activity["_messageId"] = (*frame)["log"].value("messageId", "");
    activity["_conversationId"] = (*frame)["log"].value("conversationId", "");
    return activity;
  }
};

/// The Adaptive Card of an activity, or null.
json card_of(const json& activity) {
  if (!activity.contains("attachments") || activity["attachments"].empty()) return nullptr;
  return activity["attachments"][0]["content"];
}

bool has_verb(const json& card, const std::string& verb) {
  if (!card.is_object()) return false;
  const auto dumped = card.dump();
  return dumped.find("\"verb\":\"" + verb + "\"") != std::string::npos;
}

}  // namespace

TEST_SUITE("integration") {

TEST_CASE("Teams end to end: FAQ card, Not helpful, claim and answer through cards, welcome, channel mention") {
  Stage s;

  // Ask in the 1:1 chat: a French FAQ answer card with Helpful / Not helpful.
  s.say(chat, "Comment partager mon écran dans Teams ?");
  const auto answer = s.from_bot([](const json& a) { return has_verb(card_of(a), "helpful"); });
  REQUIRE(answer);
  CHECK(contains(card_of(*answer).dump(), "Arrêter le partage"));
  CHECK(card_of(*answer)["version"] == "1.5");

  // Not helpful: routed to another ambassador (never the asker), and told who.
  const auto question = card_of(*answer)["actions"][1]["data"]["args"]["question"].get<int>();
  const auto routed = s.press((*answer)["_messageId"], "not_helpful", {{"question", question}});
  CHECK(contains(routed.dump(), "Bart Peeters"));  // the reply comes back as the button's answer

  // A colleague asks in the web chat; Amélie, the Finance ambassador, gets the card in Teams.
  WsClient fatima(s.relais->port(), "/ws?person=fatima.elamrani");
  REQUIRE(fatima.ask("q-1", "Le badge du parking ne s'ouvre plus depuis ce matin") == "accepted");
  const auto offered = s.from_bot([](const json& a) { return has_verb(card_of(a), "claim"); });
  REQUIRE(offered);
  const auto asked = card_of(*offered)["actions"][0]["data"]["args"]["question"].get<int>();

  // Claim on the card: the card comes back refreshed in the invoke answer, claimed by her.
  const auto claimed = s.press((*offered)["_messageId"], "claim", {{"question", asked}});
  REQUIRE(claimed.is_object());
  CHECK(claimed.dump().find("Amélie Dubois") != std::string::npos);
  CHECK(has_verb(claimed, "answer"));
  CHECK_FALSE(has_verb(claimed, "claim"));  // no stale Claim button
  CHECK(fatima.wait_for([](const json& f) { return contains(f.value("text", ""), "s'occupe de votre question"); }));

  // Answer from the card's form: relayed to the asker in her own chat (the web chat).
  s.press((*offered)["_messageId"], "answer", {{"question", asked}}, "Passez à l'accueil, le badge est réactivé.");
  CHECK(fatima.wait_for([](const json& f) { return contains(f.value("text", ""), "Passez à l'accueil"); }));

  // A member added to the chat is welcomed.
  auto added = http_request(s.playground->port(), http::verb::get, "/_internal/v1/customActivities/template?type=userAdded&conversationId=" + std::string(chat));
  REQUIRE_MESSAGE(added.status == 200, added.body);
  const auto posted = http_request(s.playground->port(), http::verb::post, "/_internal/v1/customActivities", added.body);
  REQUIRE_MESSAGE(posted.status == 200, posted.body);
  CHECK(s.from_bot([](const json& a) { return contains(a.value("text", ""), "Bonjour Amélie Dubois"); }));

  // Someone added to the team's channel, who never wrote to the bot: welcomed in a new 1:1 chat.
  added = http_request(s.playground->port(), http::verb::get,
                       "/_internal/v1/customActivities/template?type=userAdded&conversationId=channel-announcements-id");
  REQUIRE_MESSAGE(added.status == 200, added.body);
  auto joined = json::parse(added.body);
  joined["membersAdded"] = json::array({{{"id", "user-bart"}, {"aadObjectId", "00000000-0000-0000-0000-000000000102"}}});
  const auto joined_posted = http_request(s.playground->port(), http::verb::post, "/_internal/v1/customActivities", joined.dump());
  REQUIRE_MESSAGE(joined_posted.status == 200, joined_posted.body);
  const auto welcome = s.from_bot([](const json& a) { return contains(a.value("text", ""), "Hallo Bart Peeters"); });
  REQUIRE(welcome);
  CHECK_FALSE((*welcome)["conversation"].value("id", "").starts_with("channel-announcements-id"));
  CHECK((*welcome)["recipient"]["id"] == "user-bart");

  // A starter added to the team: the onboarding welcome, in a 1:1 chat of her own.
  joined["membersAdded"] = json::array({{{"id", "user-chloe"}, {"aadObjectId", "00000000-0000-0000-0000-000000000103"}}});
  joined["id"] = "added-chloe";
  REQUIRE(http_request(s.playground->port(), http::verb::post, "/_internal/v1/customActivities", joined.dump()).status == 200);
  const auto onboarded = s.from_bot([](const json& a) { return contains(a.value("text", ""), "Bienvenue, Chloé Martin"); });
  REQUIRE(onboarded);
  CHECK((*onboarded)["recipient"]["id"] == "user-chloe");
  // Her first e-learning module: a card with Done and Remind me later; Done changes the card.
  const auto module = s.from_bot([](const json& a) { return has_verb(card_of(a), "onboarding_done"); });
  REQUIRE(module);
  CHECK(has_verb(card_of(*module), "onboarding_later"));
  CHECK(contains(card_of(*module).dump(), "https://learn.lumen.example/onboarding/digital-workplace-tour"));
  const auto done = s.press((*module)["_messageId"], "onboarding_done", {{"module", "digital-workplace-tour"}}, "",
                            (*module)["_conversationId"], "user-chloe");
  CHECK(contains(done.dump(), "Terminé ✓"));
  CHECK_FALSE(has_verb(done["value"], "onboarding_done"));

  // @mentioned in a channel: the answer goes to the channel thread, without the mention.
  s.say("channel-announcements-id", "<at>Relais</at> Comment partager mon écran dans Teams ?",
        {{"mentions", json::array({{{"mentioned", {{"id", bot_id}}}, {"text", "<at>Relais</at>"}}})}});
  const auto in_channel = s.from_bot([](const json& a) {
    const auto where = a.value("conversation", json::object());
    return where.is_object() && where.value("id", "").starts_with("channel-announcements-id") && has_verb(card_of(a), "helpful");
  });
  CHECK(in_channel);

  // Handed to the whole community: posted in the team's channel, where any ambassador can claim it.
  REQUIRE(fatima.ask("q-2", "La machine à café du 2e étage fuit") == "accepted");
  const auto second = s.from_bot([](const json& a) { return has_verb(card_of(a), "claim"); });
  REQUIRE(second);
  const auto second_id = card_of(*second)["actions"][0]["data"]["args"]["question"].get<int>();
  s.press((*second)["_messageId"], "claim", {{"question", second_id}});
  s.say(chat, "reassign " + std::to_string(second_id) + " community");
  const auto shared = s.from_bot([](const json& a) {
    const auto where = a.value("conversation", json::object());
    return where.is_object() && where.value("id", "") == "channel-announcements-id" && has_verb(card_of(a), "claim");
  });
  REQUIRE(shared);

  // Claimed from the channel: the channel's card is updated in place, without its Claim button.
  const std::string post_id = (*shared)["_messageId"];
  const auto in_channel_answer =
      s.press(post_id, "claim", {{"question", second_id}}, "", "channel-announcements-id;messageid=" + post_id);
  CHECK(has_verb(in_channel_answer, "answer"));  // the claimant gets her working card as the answer
  const auto updated = s.from_bot([&](const json& a) {
    return a.value("id", "") == (*shared)["_messageId"] && contains(a.dump(), "Amélie Dubois");
  });
  REQUIRE(updated);
  CHECK_FALSE(has_verb(card_of(*updated), "claim"));
  CHECK(contains(s.relais->log(), "event=handled transport=teams"));
}

TEST_CASE("Teams: a survey's questions are cards answered with buttons, a 0-10 scale in rows") {
  Stage s(RelaisProcess::Env{{"RELAIS_SURVEYS_ENABLED", "true"}});
  s.say(chat, "bonjour");  // Amélie is now reachable in her 1:1 chat
  REQUIRE(s.from_bot([](const json& a) { return contains(a.value("text", "") + card_of(a).dump(), "Amélie"); }));
  const auto today = relais::core::format_iso_date(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
  // L&D add a survey for Finance that opens today: picked up without a restart.
  s.dir.write("knowledge/surveys/pulse.md",
              "---\nid: pulse\naudience: circle:Finance\nsend_on: " + today + "\n---\n# en: Finance pulse\n"
              "# fr: Pouls de la Finance\n? value | scale 0-10\nen: How valuable is your ambassador?\n"
              "fr: Quelle valeur a votre ambassadeur ?\n? knows | yes/no\nen: Do you know them?\nfr: Les connaissez-vous ?\n");
  const auto question = s.from_bot([](const json& a) { return has_verb(card_of(a), "survey_answer"); });
  REQUIRE(question);
  const auto card = card_of(*question);
  CHECK(contains(card.dump(), "Quelle valeur a votre ambassadeur ?"));
  CHECK_FALSE(card.contains("actions"));  // eleven buttons: rows in the body
  int buttons = 0;
  for (const auto& item : card["body"])
    if (item.value("type", "") == "ActionSet") buttons += static_cast<int>(item["actions"].size());
  CHECK(buttons == 11);

  const auto run = "pulse@" + today;
  const auto next = s.press((*question)["_messageId"], "survey_answer", {{"run", run}, {"question", "value"}, {"value", 8}});
  CHECK(contains(next.dump(), "Les connaissez-vous ?"));  // the card moves on to the next question
  CHECK(has_verb(next["value"], "survey_answer"));
}

TEST_CASE("Teams: malformed, truncated and unknown activities are answered plainly and nothing is stored") {
  TempDir dir;
  write_directory(dir);
  RelaisProcess relais(dir / "data", {{"RELAIS_DIRECTORY_PATH", (dir / "directory.csv").string()},
                                      {"RELAIS_TEAMS_ENABLED", "true"},
                                      {"RELAIS_TEAMS_AUTH", "disabled-for-local-emulator"}});
  relais.start();
  const auto post = [&](const std::string& body) {
    return http_request(relais.port(), http::verb::post, "/api/messages", body);
  };
  auto r = post(R"({"type":"message","text":"hi")");
  CHECK(r.status == 400);
  CHECK(contains(r.body, "the body is not valid JSON"));
  r = post(R"({"type":"message","id":"m1","from":{"id":"u"},"conversation":{"id":"c"},"recipient":{"id":"b"}})");
  CHECK(r.status == 400);
  CHECK(contains(r.body, "the activity has no"));
  CHECK(contains(r.body, "serviceUrl"));
  r = post(R"({"type":"typing","id":"t1","serviceUrl":"http://127.0.0.1:9/","conversation":{"id":"c"},"recipient":{"id":"b"}})");
  CHECK(r.status == 200);  // not for Relais: acknowledged and ignored
  CHECK(http_request(relais.port(), http::verb::head, "/api/messages").status == 200);
  CHECK(http_request(relais.port(), http::verb::put, "/api/messages", "{}").status == 405);
  relais::storage::Database db(relais.database(), relais::storage::Durability::normal);
  CHECK(db.query_int("SELECT COUNT(*) FROM inbound_keys") == 0);
  CHECK(db.query_int("SELECT COUNT(*) FROM questions") == 0);
}

}  // TEST_SUITE
