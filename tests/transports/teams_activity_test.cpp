// The Teams mapper against activities recorded from Microsoft's emulator (tests/fixtures/teams).
#include <doctest/doctest.h>

#include "bot/core/files.hpp"
#include "bot/transports/teams/teams_activity.hpp"
#include "bot/transports/teams/teams_renderer.hpp"
#include "support/temp_dir.hpp"

using namespace relais;
using json = nlohmann::json;

namespace {
std::string fixture_body(const std::string& name) {
  const auto text = read_file(testing::source_dir() / "tests/fixtures/teams" / name);
  REQUIRE(text);
  return json::parse(*text).at("body").dump();
}
}  // namespace

TEST_CASE("a personal message becomes an event from its sender, replied to in the same chat") {
  const auto a = teams::parse_activity(fixture_body("message-personal.json"));
  REQUIRE(a);
  CHECK(a->kind == teams::Activity::Kind::message);
  CHECK(a->text == "how do I share a file in Teams?");
  CHECK(a->from_aad_object_id == "00000000-0000-0000-0000-000000000100");
  CHECK(a->locale == "en-US");
  const auto e = teams::to_event(a.value(), a->from_aad_object_id, {});
  CHECK(e.transport == "teams");
  CHECK(e.personal);
  const auto where = teams::ConversationRef::decode(e.conversation);
  REQUIRE(where);
  CHECK(where->service_url == "http://127.0.0.1:36153/_connector");
  CHECK(where->conversation_id == "personal-chat-user-alice");
  CHECK(where->bot_id == "00000000-0000-0000-0000-00000000000011");
  CHECK(where->user_id == "user-alice");
}

TEST_CASE("a channel message loses the bot's mention and is not the sender's own chat") {
  const auto a = teams::parse_activity(fixture_body("message-channel.json"));
  REQUIRE(a);
  CHECK(a->text == "hello channel");
  CHECK(a->where.conversation_type == "channel");
  CHECK_FALSE(teams::to_event(a.value(), "x", {}).personal);
  CHECK(teams::plain_text("<p>Hi &amp; <b>bye</b></p><at>Bot</at>", "<at>Bot</at>") == "Hi & bye");
}

TEST_CASE("Action.Submit and Action.Execute both become a pressed button") {
  auto a = teams::parse_activity(fixture_body("message-card-submit-value-personal.json"));
  REQUIRE(a);
  CHECK(a->kind == teams::Activity::Kind::card_action);
  CHECK(a->action == "submit");
  CHECK(a->args["cardTag"] == "A1");
  a = teams::parse_activity(fixture_body("invoke-adaptiveCard-action-personal.json"));
  REQUIRE(a);
  CHECK(a->kind == teams::Activity::Kind::card_action);
  CHECK(a->action == "doExecute");
  // A card Relais rendered carries its own action and args, and the typed text.
  const json relais_card = {{"type", "invoke"}, {"name", "adaptiveCard/action"}, {"id", "i-1"},
                            {"serviceUrl", "http://x"}, {"conversation", {{"id", "c"}}}, {"recipient", {{"id", "bot"}}},
                            {"from", {{"id", "u"}, {"aadObjectId", "aad"}}},
                            {"value", {{"action", {{"type", "Action.Execute"}, {"verb", "answer"},
                                                   {"data", {{"action", "answer"}, {"args", {{"question", 7}}}, {"text", "Try this"}}}}}}}};
  a = teams::parse_activity(relais_card.dump());
  REQUIRE(a);
  CHECK(a->action == "answer");
  CHECK(a->args == json{{"question", 7}});
  CHECK(a->text == "Try this");
}

TEST_CASE("membersAdded separates people from the bot itself; installationUpdate is recognised") {
  auto a = teams::parse_activity(fixture_body("conversationUpdate-membersAdded-user-personal.json"));
  REQUIRE(a);
  CHECK(a->kind == teams::Activity::Kind::members_added);
  REQUIRE(a->members_added.size() == 1);
  CHECK(a->members_added[0].aad_object_id == "00000000-0000-0000-0000-000000000102");
  CHECK_FALSE(a->bot_added);
  a = teams::parse_activity(fixture_body("conversationUpdate-membersAdded-user-and-bot-personal.json"));
  REQUIRE(a);
  CHECK(a->bot_added);
  a = teams::parse_activity(fixture_body("installationUpdate-add-personal.json"));
  REQUIRE(a);
  CHECK(a->kind == teams::Activity::Kind::installation);
  CHECK(a->installation_action == "add");
}

TEST_CASE("bad and truncated activities are refused with the reason") {
  const auto body = fixture_body("message-personal.json");
  CHECK(teams::parse_activity(body.substr(0, body.size() / 2)).error() == "the body is not valid JSON");
  CHECK(teams::parse_activity("[1,2]").error() == "an activity must be a JSON object");
  CHECK(teams::parse_activity("{}").error() == "the activity has no \"type\"");
  auto j = json::parse(body);
  j.erase("serviceUrl");
  CHECK(teams::parse_activity(j.dump()).error() == "the activity has no \"serviceUrl\"");
  j = json::parse(body);
  j["text"] = std::string(5000, 'x');
  CHECK(teams::parse_activity(j.dump()).error() == "the text is longer than 4000 bytes");
  j = json::parse(body);
  j["type"] = "typing";
  const auto ignored = teams::parse_activity(j.dump());
  REQUIRE(ignored);
  CHECK(ignored->kind == teams::Activity::Kind::other);
}

TEST_CASE("replies render as Adaptive Cards 1.5 with Action.Execute buttons; text-only stays text") {
  core::OutboundMessage m{"Question #4"};
  m.card = core::Card{.key = "question-4", .title = "Question #4", .facts = {{"Asked by", "Fatima"}}, .body = "Badge", .status = "Waiting"};
  m.buttons.push_back({.label = "Claim", .action = "claim", .args = {{"question", 4}}, .primary = true});
  m.buttons.push_back({.label = "Answer", .action = "answer", .args = {{"question", 4}}, .input_placeholder = "Your answer"});
  const auto activity = teams::render_activity(m);
  const auto& card = activity["attachments"][0]["content"];
  CHECK(activity["attachments"][0]["contentType"] == teams::adaptive_card_type);
  CHECK(card["version"] == "1.5");
  CHECK(card["actions"][0]["type"] == "Action.Execute");
  CHECK(card["actions"][0]["verb"] == "claim");
  CHECK(card["actions"][0]["data"]["args"]["question"] == 4);
  CHECK(card["actions"][1]["type"] == "Action.ShowCard");
  CHECK(card["actions"][1]["card"]["body"][0]["id"] == "text");
  CHECK(card["body"][1]["items"][1]["facts"][0]["value"] == "Fatima");
  CHECK(teams::render_activity(core::OutboundMessage{"Plain"})["text"] == "Plain");
  CHECK(teams::invoke_response(&m)["type"] == teams::adaptive_card_type);
  CHECK(teams::invoke_response(nullptr)["statusCode"] == 200);
}

TEST_CASE("a row of more than six buttons (a 0-10 scale) goes in the card body as rows of six") {
  core::OutboundMessage scale;
  scale.card = core::Card{.key = "survey:x:q", .title = "Pulse", .body = "How valuable?"};
  for (int v = 0; v <= 10; ++v)
    scale.buttons.push_back({.label = std::to_string(v), .action = "survey_answer", .args = {{"value", v}}});
  const auto card = teams::render_card(scale);
  CHECK_FALSE(card.contains("actions"));
  const auto& body = card["body"];
  REQUIRE(body.size() == 3);  // the card's container, then two rows
  CHECK(body[1]["type"] == "ActionSet");
  CHECK(body[1]["actions"].size() == 6);
  CHECK(body[2]["actions"].size() == 5);
  CHECK(body[2]["actions"][4]["title"] == "10");
  CHECK(body[2]["actions"][4]["data"]["args"]["value"] == 10);

  core::OutboundMessage few{"Question"};
  few.buttons = {{.label = "Yes", .action = "survey_answer"}, {.label = "No", .action = "survey_answer"}};
  CHECK(teams::render_card(few)["actions"].size() == 2);
}
