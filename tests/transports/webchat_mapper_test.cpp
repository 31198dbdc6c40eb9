#include <doctest/doctest.h>

#include "bot/transports/webchat/webchat_mapper.hpp"
#include "bot/transports/webchat/webchat_renderer.hpp"
#include "bot/transports/webchat/webchat_token.hpp"
#include "support/manual_clock.hpp"

using namespace relais;
using relais::testing::ManualClock;

namespace {
webchat::Frame map(const std::string& text) { return webchat::map_frame(text, "ann", ManualClock().now()); }
std::string error_code(const webchat::Frame& f) {
  const auto* e = std::get_if<webchat::FrameError>(&f);
  return e ? e->code : "";
}
}  // namespace

TEST_CASE("a say frame becomes a text event scoped to the sender") {
  const auto f = map(R"({"type":"say","id":"c-1","text":"Comment partager mon écran ?"})");
  const auto* e = std::get_if<core::InboundEvent>(&f);
  REQUIRE(e);
  CHECK(e->transport == "webchat");
  CHECK(e->message_id == "ann/c-1");
  CHECK(e->dedupe_key() == "webchat:ann/c-1");
  CHECK(e->sender_address == "ann");
  CHECK(e->text == "Comment partager mon écran ?");
  CHECK(e->action.empty());
}

TEST_CASE("an action frame carries its action, args and optional input") {
  const auto f = map(R"({"type":"action","id":"c-2","action":"answer","args":{"question":12},"text":"Try this"})");
  const auto* e = std::get_if<core::InboundEvent>(&f);
  REQUIRE(e);
  CHECK(e->action == "answer");
  CHECK(e->args["question"] == 12);
  CHECK(e->text == "Try this");
}

TEST_CASE("receipts list the delivered message ids") {
  const auto f = map(R"({"type":"received","ids":[4,5]})");
  const auto* r = std::get_if<webchat::Receipts>(&f);
  REQUIRE(r);
  CHECK(r->ids == std::vector<std::int64_t>{4, 5});
}

TEST_CASE("bad frames are refused with a code and a message that names the problem") {
  CHECK(error_code(map("{not json")) == "bad_json");
  CHECK(error_code(map("\"just a string\"")) == "bad_frame");
  CHECK(error_code(map(R"({"type":"shout","id":"1"})")) == "bad_frame");
  CHECK(error_code(map(R"({"type":"say","text":"no id"})")) == "bad_frame");
  CHECK(error_code(map(R"({"type":"say","id":"has space","text":"x"})")) == "bad_frame");
  CHECK(error_code(map(R"({"type":"say","id":"1","text":"   "})")) == "bad_frame");
  CHECK(error_code(map(R"({"type":"say","id":"1","text":42})")) == "bad_frame");
  CHECK(error_code(map(R"({"type":"action","id":"1"})")) == "bad_frame");
  CHECK(error_code(map(R"({"type":"action","id":"1","action":"claim","args":[1]})")) == "bad_frame");
  CHECK(error_code(map(R"({"type":"received","ids":["a"]})")) == "bad_frame");
  CHECK(error_code(map(R"({"type":"say","id":"1","text":")" + std::string(4001, 'a') + "\"}")) == "too_long");
  CHECK(error_code(map(std::string(10000, '[') + std::string(10000, ']'))) == "too_deep");
  CHECK(error_code(map("{\"type\":\"say\",\"id\":\"1\",\"text\":\"\xC3\x28\"}")) == "bad_json");
  const auto f = map(R"({"type":"say","id":"c-9","text":""})");
  CHECK(std::get<webchat::FrameError>(f).id == "c-9");
}

TEST_CASE("brackets inside strings do not count as nesting") {
  const auto f = map(R"({"type":"say","id":"1","text":")" + std::string(100, '[') + "\"}");
  CHECK(std::holds_alternative<core::InboundEvent>(f));
}

TEST_CASE("a message frame carries the outbox id, text, card and buttons") {
  core::OutboundMessage m{"Hello **there**"};
  m.card = core::Card{"question-3", "Question #3", {{"Asked by", "Ann"}}, "How?", "Waiting"};
  m.buttons.push_back({.label = "Claim", .action = "claim", .args = {{"question", 3}}});
  const auto frame = nlohmann::json::parse(webchat::render_message(41, m));
  CHECK(frame["type"] == "message");
  CHECK(frame["id"] == 41);
  CHECK(frame["text"] == "Hello **there**");
  CHECK(frame["card"]["key"] == "question-3");
  CHECK(frame["buttons"][0]["action"] == "claim");
  CHECK(frame["buttons"][0]["args"]["question"] == 3);
}

TEST_CASE("sign-in tokens verify only when intact, unexpired and signed with the same secret") {
  ManualClock clock;
  const std::string secret(40, 's');
  const auto token = webchat::issue_token(secret, "amélie.dubois", clock.now() + std::chrono::hours(1));
  CHECK(webchat::verify_token(secret, token, clock.now()) == std::optional<std::string>("amélie.dubois"));
  CHECK_FALSE(webchat::verify_token(std::string(40, 't'), token, clock.now()));
  CHECK_FALSE(webchat::verify_token(secret, token, clock.now() + std::chrono::hours(2)));
  std::string tampered = token;
  tampered[0] = tampered[0] == 'A' ? 'B' : 'A';
  CHECK_FALSE(webchat::verify_token(secret, tampered, clock.now()));
  CHECK_FALSE(webchat::verify_token(secret, "garbage", clock.now()));
  CHECK_FALSE(webchat::verify_token(secret, "", clock.now()));
  CHECK_FALSE(webchat::verify_token("", token, clock.now()));
}
