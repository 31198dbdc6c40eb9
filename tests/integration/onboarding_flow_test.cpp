// Starter onboarding end to end on the real binary: an HR system adds a starter through the
// API, the starter opens the web chat and finds the welcome and the first module, marks it
// done; the learning platform reports the rest; the report shows the path completed. Plus the
// `relais people import` and `relais report` commands.
#include <doctest/doctest.h>

#include <chrono>

#include "bot/core/dates.hpp"
#include "support/net_client.hpp"
#include "support/relais_process.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"

using namespace relais::testing;
using json = nlohmann::json;
namespace http = boost::beast::http;

namespace {
constexpr const char* token = "api-token-0123456789abcdefghij";

std::string today() {
  return relais::core::format_iso_date(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
}

/// Every hour of every day is working time and the day's send time is past, so the test does
/// not depend on when it runs.
RelaisProcess::Env always_open(const TempDir& dir) {
  if (!std::filesystem::exists(dir / "knowledge")) {
    std::filesystem::copy(source_dir() / "knowledge", dir / "knowledge", std::filesystem::copy_options::recursive);
    std::filesystem::remove(dir / "knowledge/holidays.txt");
  }
  return {{"RELAIS_KNOWLEDGE_PATH", (dir / "knowledge").string()},
          {"RELAIS_ROUTING_TIME_ZONE", "UTC"},
          {"RELAIS_ROUTING_WORKING_HOURS", "00:00-23:59"},
          {"RELAIS_ROUTING_WORKING_DAYS", "mon,tue,wed,thu,fri,sat,sun"},
          {"RELAIS_ONBOARDING_SEND_AT", "00:00"},  // today's send time has passed: the day's messages come at once
          {"RELAIS_API_TOKEN", token}};
}

HttpResult api(unsigned short port, const std::string& path, const json& body, const std::string& bearer = token) {
  return http_request_with(port, http::verb::post, path, body.dump(),
                           {{"Authorization", bearer.empty() ? "" : "Bearer " + bearer}, {"Content-Type", "application/json"}});
}

std::optional<json> expect_message(WsClient& ws, const std::string& needle) {
  auto frame = ws.wait_for([&](const json& f) {
    return f.value("type", "") == "message" && (contains(f.value("text", ""), needle) || (f.contains("card") && contains(f["card"].dump(), needle)));
  });
  if (frame) ws.receipt(frame->at("id").get<std::int64_t>());
  return frame;
}
}  // namespace

TEST_SUITE("integration") {

TEST_CASE("from the HR system to a completed path, over the API and the web chat") {
  TempDir dir;
  RelaisProcess relais(dir / "data", always_open(dir));
  relais.start();
  const json zoe = {{"id", "zoe.lambert"}, {"name", "Zoé Lambert"}, {"email", "zoe.lambert@lumen.example"},
                    {"language", "fr"}, {"circle", "Finance"}, {"roles", {"employee", "starter"}}, {"start_date", today()}};
  CHECK(api(relais.port(), "/api/v1/people", {{"people", {zoe}}}, "").status == 401);
  CHECK(api(relais.port(), "/api/v1/people", {{"people", {zoe}}}, "wrong-token-0123456789abcdefghij").status == 403);
  auto bad = zoe;
  bad["start_date"] = "tomorrow";
  auto r = api(relais.port(), "/api/v1/people", {{"people", {bad}}});
  CHECK(r.status == 422);
  CHECK(contains(r.body, "people[0]: start_date \\\"tomorrow\\\" is not YYYY-MM-DD"));
  r = api(relais.port(), "/api/v1/people", {{"people", {zoe}}});
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(json::parse(r.body)["added"] == json::array({"zoe.lambert"}));

  WsClient ws(relais.port(), "/ws?person=zoe.lambert");
  REQUIRE(expect_message(ws, "Bienvenue, Zoé Lambert"));
  const auto first = expect_message(ws, "Visite guidée");
  REQUIRE(first);
  ws.send({{"type", "action"}, {"id", "d-1"}, {"action", "onboarding_done"}, {"args", {{"module", "digital-workplace-tour"}}}});
  REQUIRE(expect_message(ws, "(1 sur 5)"));

  CHECK(api(relais.port(), "/api/v1/onboarding/completions", {{"person", "zoe.lambert"}, {"module", "no-such"}}).status == 404);
  for (const auto* m : {"teams-basics", "files-onedrive-sharepoint", "security-essentials", "finance-excel-reporting"}) {
    r = api(relais.port(), "/api/v1/onboarding/completions", {{"person", "zoe.lambert"}, {"module", m}});
    REQUIRE_MESSAGE(r.status == 200, r.body);
    CHECK(json::parse(r.body)["status"] == "recorded");
  }
  REQUIRE(expect_message(ws, "Félicitations, Zoé Lambert"));
  r = api(relais.port(), "/api/v1/onboarding/completions", {{"person", "zoe.lambert"}, {"module", "teams-basics"}});
  CHECK(json::parse(r.body)["status"] == "duplicate");

  std::string out;
  auto env = always_open(dir);
  env["RELAIS_STORAGE_PATH"] = relais.database().string();
  REQUIRE(RelaisProcess::run({"report", "onboarding", "--format", "json"}, env, out) == 0);
  const auto report = json::parse(out.substr(out.find('{')));
  bool found = false;
  for (const auto& s : report["starters"])
    if (s["person"] == "zoe.lambert") {
      found = true;
      CHECK(s["done"] == 5);
      CHECK(s["planned"] == 5);
      CHECK(s["completed"] == today());
    }
  CHECK(found);
  REQUIRE(RelaisProcess::run({"report", "onboarding", "--format", "csv"}, env, out) == 0);
  CHECK(contains(out, "starter,zoe.lambert,Finance," + today() + ",5,5,5," + today()));

  // The same figures among the KPIs for IT; no figures for a group too small to stay anonymous.
  REQUIRE(RelaisProcess::run({"report", "kpis", "--since", "7d", "--format", "json"}, env, out) == 0);
  const auto kpis = json::parse(out.substr(out.find('{')));
  CHECK(kpis["starters"] == 1);
  CHECK(kpis["starters_completed"] == 1);
  CHECK(RelaisProcess::run({"report", "topics", "--circle", "Nowhere"}, env, out) == 2);
  CHECK(contains(out, "fewer than 5 people"));
  CHECK(RelaisProcess::run({"report", "topics", "--since", "soon"}, env, out) == 64);
}

TEST_CASE("relais people import reports adds, changes and leavers, is idempotent, and writes nothing from a bad file") {
  TempDir dir;
  RelaisProcess::Env env = {{"RELAIS_STORAGE_PATH", (dir / "relais.db").string()}};
  dir.write("people.csv", "id,name,email,language,circle,roles,topics,start_date\n"
                          "p1,Jane,,fr,Ops,,,\np2,Joe,,nl,Ops,employee;starter,,2026-12-01\n");
  std::string out;
  REQUIRE(RelaisProcess::run({"people", "import", (dir / "people.csv").string()}, env, out) == 0);
  CHECK(contains(out, "2 added, 0 changed, 0 left, 0 unchanged"));
  REQUIRE(RelaisProcess::run({"people", "import", (dir / "people.csv").string()}, env, out) == 0);
  CHECK(contains(out, "0 added, 0 changed, 0 left, 2 unchanged"));
  dir.write("people.csv", "id,name,email,language,circle,roles,topics,start_date\np1,Jane Doe,,fr,Ops,,,\n");
  REQUIRE(RelaisProcess::run({"people", "import", (dir / "people.csv").string()}, env, out) == 0);
  CHECK(contains(out, "0 added, 1 changed, 1 left, 0 unchanged"));
  CHECK(contains(out, "left: p2"));
  dir.write("bad.csv", "id,name,email,language,circle,roles,topics,start_date\np1,Jane,,fr,Ops,,,2026-13-45\np1,Jane,,fr,Ops,,,\n");
  CHECK(RelaisProcess::run({"people", "import", (dir / "bad.csv").string()}, env, out) == 2);
  CHECK(contains(out, "bad.csv:2: start_date \"2026-13-45\" is not YYYY-MM-DD"));
  CHECK(contains(out, "bad.csv:3: duplicate id \"p1\""));
  CHECK(contains(out, "nothing was imported"));
  dir.write("latin1.csv", "id,name,email,language,circle,roles,topics,start_date\np9,Ren\xe9,,fr,Ops,,,\n");
  CHECK(RelaisProcess::run({"people", "import", (dir / "latin1.csv").string()}, env, out) == 2);
  CHECK(contains(out, "not valid UTF-8"));
  REQUIRE(RelaisProcess::run({"people", "import", (dir / "people.csv").string()}, env, out) == 0);
  CHECK(contains(out, "0 added, 0 changed, 0 left, 1 unchanged"));  // the refused files changed nothing
}

}  // TEST_SUITE
