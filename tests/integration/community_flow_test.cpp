// The ambassador programme on the real binary, over real WebSockets: a colleague volunteers in
// the web chat, the community lead accepts him on his card, and after a restart he is routed a
// question in the language he was accepted for; the lead announces an event and people answer.
#include <doctest/doctest.h>

#include "support/net_client.hpp"
#include "support/relais_process.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"

using namespace relais::testing;
using nlohmann::json;

namespace {
std::optional<json> expect_message(WsClient& ws, const std::function<bool(const json&)>& match) {
  auto frame = ws.wait_for([&](const json& f) { return f.value("type", "") == "message" && match(f); });
  if (frame) ws.receipt(frame->at("id").get<std::int64_t>());
  return frame;
}

auto says(const std::string& needle) {
  return [needle](const json& f) { return contains(f.value("text", "") + (f.contains("card") ? f["card"].dump() : ""), needle); };
}

std::int64_t arg_of(const json& frame, const std::string& action, const std::string& key) {
  for (const auto& b : frame["buttons"])
    if (b["action"] == action) return b["args"][key].get<std::int64_t>();
  return 0;
}
}  // namespace

TEST_SUITE("integration") {

TEST_CASE("volunteer in the web chat, accepted by the lead, routed a question after a restart") {
  TempDir dir;
  RelaisProcess relais(dir.path());
  relais.start();
  std::int64_t candidate = 0;
  {
    WsClient tom(relais.port(), "/ws?person=tom.baker");
    WsClient david(relais.port(), "/ws?person=david.janssens");
    REQUIRE(tom.ask("v-1", "I'd like to become an ambassador") == "accepted");
    const auto thanks = expect_message(tom, says("Thank you for offering to become a digital ambassador"));
    REQUIRE(thanks);
    candidate = arg_of(*thanks, "volunteer_topics", "candidate");
    REQUIRE(candidate > 0);
    tom.send({{"type", "action"}, {"id", "t-1"}, {"action", "volunteer_topics"}, {"args", {{"candidate", candidate}}},
              {"text", "Excel, de"}});
    REQUIRE(expect_message(tom, says("Noted: excel, de.")));

    const auto card = expect_message(david, says("excel, de"));  // his card, updated with the topics
    REQUIRE(card);
    CHECK(arg_of(*card, "candidate_accept", "candidate") == candidate);
    // Not a lead: refused. The lead: accepted, with the topics he gave.
    tom.send({{"type", "action"}, {"id", "t-2"}, {"action", "candidate_accept"}, {"args", {{"candidate", candidate}}}});
    REQUIRE(expect_message(tom, says("Only community leads")));
    david.send({{"type", "action"}, {"id", "d-1"}, {"action", "candidate_accept"}, {"args", {{"candidate", candidate}}},
                {"text", ""}});
    REQUIRE(expect_message(david, says("Tom Baker is nu ambassadeur (onderwerpen: excel)")));
    REQUIRE(expect_message(tom, says("Welcome to the digital ambassadors, Tom Baker!")));
  }
  REQUIRE(relais.stop() == 0);
  relais.start();
  {
    WsClient tom(relais.port(), "/ws?person=tom.baker");
    WsClient ursula(relais.port(), "/ws?person=ursula.weber");
    REQUIRE(ursula.ask("u-1", "Mein Parkausweis öffnet die Schranke seit heute Morgen nicht mehr") == "accepted");
    const auto offered = expect_message(tom, [](const json& f) {
      if (!f.contains("card")) return false;
      for (const auto& b : f["buttons"])
        if (b["action"] == "claim") return true;
      return false;
    });
    REQUIRE(offered);
    CHECK(contains(offered->dump(), "Parkausweis"));
    REQUIRE(tom.ask("f-1", "my figures") == "accepted");
    REQUIRE(expect_message(tom, says("Your figures as an ambassador")));
  }
}

TEST_CASE("a lead announces an event in the web chat; members answer on its card") {
  TempDir dir;
  RelaisProcess relais(dir.path());
  relais.start();
  WsClient david(relais.port(), "/ws?person=david.janssens");
  WsClient amelie(relais.port(), "/ws?person=amelie.dubois");
  REQUIRE(david.ask("e-1", "event 2031-03-12 14:00 | Excel pivot tables | Room 2.14") == "accepted");
  REQUIRE(expect_message(david, says("aangekondigd aan 4 mensen")));
  const auto invitation = expect_message(amelie, says("Excel pivot tables"));
  REQUIRE(invitation);
  const auto event = arg_of(*invitation, "event_answer", "event");
  amelie.send({{"type", "action"}, {"id", "a-1"}, {"action", "event_answer"}, {"args", {{"event", event}, {"answer", "yes"}}}});
  REQUIRE(expect_message(amelie, says("Vous y serez.")));
  REQUIRE(amelie.ask("a-2", "events") == "accepted");
  REQUIRE(expect_message(amelie, says("1 présents, 0 peut-être")));
}

}  // TEST_SUITE
