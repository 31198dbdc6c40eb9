// The Matrix mapper against transactions a real Synapse 1.67 pushed (tests/fixtures/matrix),
// plus hand-written events of the kinds the recording lacks (edit, encrypted, threads).
#include <doctest/doctest.h>

#include "bot/core/files.hpp"
#include "bot/transports/matrix/matrix_event.hpp"
#include "support/temp_dir.hpp"

using namespace relais;
using json = nlohmann::json;
using matrix::Event;

namespace {
std::string fixture(const std::string& name) {
  const auto text = read_file(testing::source_dir() / "tests/fixtures/matrix" / name);
  REQUIRE(text);
  return *text;
}

Event only_event(const std::string& body) {
  const auto batch = matrix::parse_transaction(body);
  REQUIRE(batch);
  REQUIRE(batch->events.size() == 1);
  return batch->events[0];
}

Event message(json content, std::string sender = "@alice:localhost") {
  const json e = {{"type", "m.room.message"}, {"event_id", "$m1"}, {"room_id", "!room:localhost"},
                  {"sender", sender}, {"content", content}};
  const auto parsed = matrix::parse_event(e);
  REQUIRE(parsed);
  return parsed.value();
}

const matrix::Context direct{"@relais:localhost", "Relais", true};
const matrix::Context shared{"@relais:localhost", "Relais", false};
}  // namespace

TEST_CASE("a direct-chat invite names the bot, the inviter and the room's encryption") {
  const auto e = only_event(fixture("txn-001-member-invite.json"));
  CHECK(e.kind == Event::Kind::membership);
  CHECK(e.membership == "invite");
  CHECK(e.state_key == "@relais:localhost");
  CHECK(e.sender == "@alice:localhost");
  CHECK(e.is_direct);
  CHECK_FALSE(e.room_encrypted);

  auto raw = json::parse(fixture("txn-001-member-invite.json"));
  raw["events"][0]["unsigned"]["invite_room_state"].push_back(
      {{"type", "m.room.encryption"}, {"state_key", ""}, {"sender", "@alice:localhost"},
       {"content", {{"algorithm", "m.megolm.v1.aes-sha2"}}}});
  CHECK(only_event(raw.dump()).room_encrypted);
}

TEST_CASE("the bot's own join carries its previous membership") {
  const auto e = only_event(fixture("txn-002-member-join.json"));
  CHECK(e.kind == Event::Kind::membership);
  CHECK(e.membership == "join");
  CHECK(e.previous_membership == "invite");
  CHECK(e.sender == "@relais:localhost");
}

TEST_CASE("a text message in a direct chat is for the bot; its own notices are not") {
  const auto text = only_event(fixture("txn-003-message-text.json"));
  CHECK(text.kind == Event::Kind::message);
  CHECK(text.msgtype == "m.text");
  CHECK(matrix::text_for_bot(text, direct) == "bonjour");
  const auto event = matrix::to_event(text, "bonjour", direct, {});
  CHECK(event.transport == "matrix");
  CHECK(event.message_id == "$2wnrKiBq9cGhKsLCDLeODyoo1NIUEPAHCxNDwNCMibM");
  CHECK(event.sender_address == "@alice:localhost");
  CHECK(event.conversation == "!kScqRPDSVSASuznovf:localhost");
  CHECK(event.personal);

  const auto notice = only_event(fixture("txn-004-message-notice.json"));
  CHECK(notice.msgtype == "m.notice");
  CHECK_FALSE(matrix::text_for_bot(notice, direct));
}

TEST_CASE("a reaction names the event it annotates and its key") {
  const auto e = only_event(fixture("txn-009-reaction.json"));
  CHECK(e.kind == Event::Kind::reaction);
  CHECK(e.reacts_to == "$ZUGh8d6x8n67Q0V-cMIL5bjNWYTbz-1FfgT9xAW8NKs");
  CHECK(e.reaction_key == "👍");
}

TEST_CASE("every recorded transaction parses without a problem") {
  for (const auto& name : {"txn-001-member-invite.json", "txn-002-member-join.json", "txn-003-message-text.json",
                           "txn-004-message-notice.json", "txn-005-message-text.json", "txn-006-message-notice.json",
                           "txn-007-message-text.json", "txn-008-message-notice.json", "txn-009-reaction.json",
                           "txn-010-message-text.json", "txn-011-message-notice.json"}) {
    CAPTURE(name);
    const auto batch = matrix::parse_transaction(fixture(name));
    REQUIRE(batch);
    CHECK(batch->events.size() == 1);
    CHECK(batch->problems.empty());
  }
}

TEST_CASE("in a shared room only a mention, the bot's name or a command addresses it") {
  CHECK_FALSE(matrix::text_for_bot(message({{"msgtype", "m.text"}, {"body", "lunch anyone?"}}), shared));
  CHECK(matrix::text_for_bot(message({{"msgtype", "m.text"}, {"body", "Relais: how do I share a file?"}}), shared) ==
        "how do I share a file?");
  CHECK(matrix::text_for_bot(message({{"msgtype", "m.text"}, {"body", "@relais:localhost how do I share?"}}), shared) ==
        "how do I share?");
  CHECK(matrix::text_for_bot(message({{"msgtype", "m.text"},
                                      {"body", "how do I share?"},
                                      {"m.mentions", {{"user_ids", {"@relais:localhost"}}}}}),
                             shared) == "how do I share?");
  CHECK(matrix::text_for_bot(message({{"msgtype", "m.text"}, {"body", "!claim 12"}}), shared) == "!claim 12");
  CHECK(matrix::text_for_bot(message({{"msgtype", "m.text"}, {"body", "!ask how do I share a file?"}}), shared) ==
        "how do I share a file?");
  CHECK(matrix::text_for_bot(message({{"msgtype", "m.text"}, {"body", "Relaisville is nice"}}), shared) == std::nullopt);
}

TEST_CASE("a question in a shared room is answered in a thread under it; a thread is kept") {
  const auto asked = message({{"msgtype", "m.text"}, {"body", "Relais: help"}});
  auto e = matrix::to_event(asked, "help", shared, {});
  const auto where = matrix::Address::decode(e.conversation);
  REQUIRE(where);
  CHECK(where->room_id == "!room:localhost");
  CHECK(where->thread_root == "$m1");
  CHECK_FALSE(e.personal);

  const auto in_thread = message({{"msgtype", "m.text"},
                                  {"body", "and in Outlook?"},
                                  {"m.relates_to", {{"rel_type", "m.thread"}, {"event_id", "$root"},
                                                    {"is_falling_back", true},
                                                    {"m.in_reply_to", {{"event_id", "$last"}}}}}});
  CHECK(in_thread.thread_root == "$root");
  CHECK(in_thread.reply_to.empty());  // a thread's fallback is not a reply
  e = matrix::to_event(in_thread, "and in Outlook?", direct, {});
  CHECK(matrix::Address::decode(e.conversation)->thread_root == "$root");
  CHECK_FALSE(e.personal);  // a thread is not where to reach the person later
}

TEST_CASE("a reply's quoted fallback is dropped") {
  const auto reply = message({{"msgtype", "m.text"},
                              {"body", "> <@relais:localhost> Question #4\n> Reply to answer\n\nOpen the Share menu"},
                              {"m.relates_to", {{"m.in_reply_to", {{"event_id", "$card"}}}}}});
  CHECK(reply.reply_to == "$card");
  CHECK(matrix::text_for_bot(reply, direct) == "Open the Share menu");
}

TEST_CASE("edits, encrypted events and encryption are told apart") {
  const auto edit = message({{"msgtype", "m.text"},
                             {"body", "* how do I share?"},
                             {"m.new_content", {{"msgtype", "m.text"}, {"body", "how do I share?"}}},
                             {"m.relates_to", {{"rel_type", "m.replace"}, {"event_id", "$orig"}}}});
  CHECK(edit.kind == Event::Kind::edit);
  CHECK(edit.replaces == "$orig");
  CHECK_FALSE(matrix::text_for_bot(edit, direct));

  const auto encrypted = matrix::parse_event({{"type", "m.room.encrypted"}, {"event_id", "$e"}, {"room_id", "!r:x"},
                                              {"sender", "@a:x"}, {"content", {{"algorithm", "m.megolm.v1.aes-sha2"},
                                                                               {"ciphertext", "AwgA..."}}}});
  REQUIRE(encrypted);
  CHECK(encrypted->kind == Event::Kind::encrypted);
  const auto enabled = matrix::parse_event({{"type", "m.room.encryption"}, {"event_id", "$f"}, {"room_id", "!r:x"},
                                            {"sender", "@a:x"}, {"state_key", ""}, {"content", json::object()}});
  REQUIRE(enabled);
  CHECK(enabled->kind == Event::Kind::encryption_enabled);
}

TEST_CASE("bad and truncated transactions are refused with the reason; a bad event is left out") {
  const auto body = fixture("txn-003-message-text.json");
  CHECK(matrix::parse_transaction(body.substr(0, body.size() / 2)).error() == "the body is not JSON");
  CHECK(matrix::parse_transaction("{\"events\": {}}").error() == "the body has no \"events\" array");
  CHECK(matrix::parse_transaction("[]").error() == "the body has no \"events\" array");

  const auto mixed = matrix::parse_transaction(
      R"({"events": [{"type": "m.room.message", "room_id": "!r:x", "sender": "@a:x", "content": {}},
                     {"type": "m.reaction", "event_id": "$r", "room_id": "!r:x", "sender": "@a:x", "content": {}},
                     42,
                     {"type": "m.room.message", "event_id": "$ok", "room_id": "!r:x", "sender": "@a:x",
                      "content": {"msgtype": "m.text", "body": "hi"}}]})");
  REQUIRE(mixed);
  REQUIRE(mixed->events.size() == 1);
  CHECK(mixed->events[0].event_id == "$ok");
  REQUIRE(mixed->problems.size() == 3);
  CHECK(mixed->problems[0] == "the event has no \"event_id\" string");
  CHECK(mixed->problems[1] == "the reaction names no event or no key");
  CHECK(mixed->problems[2] == "an event must be a JSON object");

  const auto long_text = matrix::parse_event({{"type", "m.room.message"}, {"event_id", "$l"}, {"room_id", "!r:x"},
                                              {"sender", "@a:x"},
                                              {"content", {{"msgtype", "m.text"}, {"body", std::string(5000, 'a')}}}});
  CHECK_FALSE(long_text);
}

TEST_CASE("a /sync answer gives timeline events with their room, and invites to the bot") {
  const json sync = {
      {"next_batch", "s72_4"},
      {"rooms",
       {{"join",
         {{"!dm:localhost",
           {{"timeline",
             {{"events", json::array({{{"type", "m.room.message"}, {"event_id", "$a"}, {"sender", "@alice:localhost"},
                                       {"content", {{"msgtype", "m.text"}, {"body", "bonjour"}}}}})}}}}}}},
        {"invite",
         {{"!new:localhost",
           {{"invite_state",
             {{"events", json::array({{{"type", "m.room.member"}, {"state_key", "@relais:localhost"},
                                       {"sender", "@bob:localhost"},
                                       {"content", {{"membership", "invite"}, {"is_direct", true}}}},
                                      {{"type", "m.room.encryption"}, {"state_key", ""}, {"sender", "@bob:localhost"},
                                       {"content", {{"algorithm", "m.megolm.v1.aes-sha2"}}}}})}}}}}}}}}};
  const auto parsed = matrix::parse_sync(sync.dump(), "@relais:localhost");
  REQUIRE(parsed);
  CHECK(parsed->next_batch == "s72_4");
  REQUIRE(parsed->batch.events.size() == 2);
  CHECK(parsed->batch.events[0].room_id == "!dm:localhost");
  CHECK(parsed->batch.events[0].body == "bonjour");
  const auto& invite = parsed->batch.events[1];
  CHECK(invite.membership == "invite");
  CHECK(invite.sender == "@bob:localhost");
  CHECK(invite.is_direct);
  CHECK(invite.room_encrypted);
  CHECK_FALSE(matrix::parse_sync("{}", "@relais:localhost"));
}

TEST_CASE("addresses: a bare room id, or JSON with a thread or a person to open a chat with") {
  CHECK(matrix::Address{"!r:x", "", ""}.encode() == "!r:x");
  const auto threaded = matrix::Address::decode(matrix::Address{"!r:x", "$t", ""}.encode());
  REQUIRE(threaded);
  CHECK(threaded->thread_root == "$t");
  const auto person = matrix::Address::decode(matrix::Address{"", "", "@bob:x"}.encode());
  REQUIRE(person);
  CHECK(person->room_id.empty());
  CHECK(person->user_id == "@bob:x");
  CHECK_FALSE(matrix::Address::decode("not an address"));
  CHECK_FALSE(matrix::Address::decode("{}"));
}
