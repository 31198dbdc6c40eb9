#include <doctest/doctest.h>

#include "bot/config/config.hpp"
#include "support/text.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"

using namespace relais;
using relais::testing::problems_text;
using relais::testing::contains;
using relais::testing::TempDir;


TEST_CASE("with no file and no environment the documented defaults apply") {
  const auto loaded = config::load(std::nullopt, {});
  CHECK(loaded.problems.empty());
  CHECK(loaded.config.server.host == "127.0.0.1");
  CHECK(loaded.config.server.port == 8080);
  CHECK(loaded.config.server.body_limit == 1048576);
  CHECK(loaded.config.storage.durability == "full");
  CHECK(loaded.config.webchat.demo);
}

TEST_CASE("the example config is valid and states the defaults") {
  const auto loaded = config::load(relais::testing::source_dir() / "config/relais.example.json", {});
  CHECK(problems_text(loaded.problems) == "");
  const auto defaults = config::load(std::nullopt, {});
  CHECK(loaded.config.server.port == defaults.config.server.port);
  CHECK(loaded.config.questions.escalate_to_it_after_minutes == defaults.config.questions.escalate_to_it_after_minutes);
}

TEST_CASE("a file overrides defaults and the environment overrides the file") {
  TempDir dir;
  const auto file = dir.write("relais.json", R"({
    // comments are allowed
    "server": {"port": 9000, "body_limit": 4096},
    "log": {"level": "debug"}
  })");
  const auto loaded = config::load(file, {{"RELAIS_SERVER_PORT", "8081"}, {"RELAIS_STORAGE_PATH", "/tmp/x.db"},
                                          {"HOME", "/root"}});
  CHECK(problems_text(loaded.problems) == "");
  CHECK(loaded.config.server.port == 8081);
  CHECK(loaded.config.server.body_limit == 4096);
  CHECK(loaded.config.storage.path == "/tmp/x.db");
  CHECK(loaded.config.log.level == "debug");
}

TEST_CASE("environment names are RELAIS_<SECTION>_<KEY> in upper case") {
  CHECK(config::env_name("server", "body_limit") == "RELAIS_SERVER_BODY_LIMIT");
  CHECK(config::env_name("webchat", "secret") == "RELAIS_WEBCHAT_SECRET");
}

TEST_CASE("every config problem names its key path") {
  TempDir dir;
  SUBCASE("unknown section and unknown key") {
    const auto f = dir.write("c.json", R"({"sever": {}, "server": {"prot": 1}})");
    const auto text = problems_text(config::load(f, {}).problems);
    CHECK(text.find("sever: unknown section") != std::string::npos);
    CHECK(text.find("server.prot: unknown key") != std::string::npos);
  }
  SUBCASE("wrong type and out of range") {
    const auto f = dir.write("c.json", R"({"server": {"port": "eighty", "body_limit": 10}, "storage": {"durability": "maybe"}})");
    const auto text = problems_text(config::load(f, {}).problems);
    CHECK(text.find("server.port: expected an integer, got \"eighty\"") != std::string::npos);
    CHECK(text.find("server.body_limit: must be between 1024") != std::string::npos);
    CHECK(text.find("storage.durability: must be one of full, normal, got \"maybe\"") != std::string::npos);
  }
  SUBCASE("malformed JSON reports the file and line") {
    const auto f = dir.write("c.json", "{\n  \"server\": {\n    \"port\": 80,,\n  }\n}\n");
    const auto problems = config::load(f, {}).problems;
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where == f.string() + ":3");
    CHECK(problems[0].what.find("malformed JSON") == 0);
  }
  SUBCASE("an unreadable file") {
    const auto problems = config::load(dir / "missing.json", {}).problems;
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].what == "cannot read the config file");
  }
  SUBCASE("an unknown RELAIS_ variable is a likely typo") {
    const auto problems = config::load(std::nullopt, {{"RELAIS_SERVER_PROT", "1"}}).problems;
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where == "RELAIS_SERVER_PROT");
  }
}

TEST_CASE("a bad secret value in the environment is reported without echoing it") {
  const auto problems = config::load(std::nullopt, {{"RELAIS_WEBCHAT_DEMO", "false"},
                                                    {"RELAIS_WEBCHAT_SECRET", "hunter2-short"}}).problems;
  const auto text = problems_text(problems);
  CHECK(text.find("webchat.secret: needs at least 32 characters") != std::string::npos);
  CHECK(text.find("hunter2") == std::string::npos);
}

TEST_CASE("demo mode is refused on a non-loopback host") {
  const auto problems = config::load(std::nullopt, {{"RELAIS_SERVER_HOST", "0.0.0.0"}}).problems;
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].where == "webchat.demo");
}

TEST_CASE("the escalation ladder's steps must come in order") {
  const auto text = problems_text(config::load(std::nullopt, {{"RELAIS_QUESTIONS_ESCALATE_TO_IT_AFTER_MINUTES", "30"}}).problems);
  CHECK(contains(text, "questions.escalate_to_it_after_minutes: must be later than"));
  CHECK(contains(text, "questions.remind_claimant_before_minutes: must be shorter than"));
  CHECK(contains(problems_text(config::load(std::nullopt, {{"RELAIS_QUESTIONS_REROUTE_AFTER_MINUTES", "90"}}).problems),
                 "questions.escalate_to_community_after_minutes: must be later than questions.reroute_after_minutes"));
}

TEST_CASE("escalation rooms must be a webhook URL, a Teams channel or a Matrix room; the URL is never repeated") {
  const auto text = problems_text(config::load(std::nullopt, {{"RELAIS_QUESTIONS_IT_ROOM", "webhook:ftp://x/token123"},
                                                              {"RELAIS_QUESTIONS_COMMUNITY_ROOM", "irc:#help"},
                                                              {"RELAIS_QUESTIONS_ROOMS_LANGUAGE", "es"}}).problems);
  CHECK(contains(text, "questions.it_room: the webhook address is not an http:// or https:// URL"));
  CHECK(contains(text, "questions.community_room: expected \"webhook:<URL>\", \"teams:<channel id>\" or \"matrix:<room id>\""));
  CHECK(contains(problems_text(config::load(std::nullopt, {{"RELAIS_QUESTIONS_IT_ROOM", "matrix:!it:example.org"}}).problems),
                 "questions.it_room: a Matrix room needs matrix.enabled"));
  CHECK(contains(problems_text(config::load(std::nullopt, {{"RELAIS_QUESTIONS_IT_ROOM", "matrix:#it:example.org"}}).problems),
                 "questions.it_room: expected \"matrix:<room id>\""));
  CHECK(contains(problems_text(config::load(std::nullopt, {{"RELAIS_QUESTIONS_IT_ROOM", "teams:19:x@thread.tacv2"}}).problems),
                 "questions.it_room: a Teams channel needs teams.enabled"));
  CHECK(contains(text, "RELAIS_QUESTIONS_ROOMS_LANGUAGE: must be one of fr, nl, en, de"));
  CHECK_FALSE(contains(text, "token123"));
  CHECK(config::load(std::nullopt, {{"RELAIS_QUESTIONS_IT_ROOM", "webhook:https://hooks.example/it"}}).problems.empty());
}

TEST_CASE("Matrix needs a homeserver, the bot's id and its credentials for the chosen mode") {
  auto text = problems_text(config::load(std::nullopt, {{"RELAIS_MATRIX_ENABLED", "true"},
                                                        {"RELAIS_MATRIX_HOMESERVER_URL", "matrix.example.org"}}).problems);
  CHECK(contains(text, "matrix.homeserver_url: not an http:// or https:// URL"));
  CHECK(contains(text, "matrix.user_id: expected the bot's Matrix user id"));
  CHECK(contains(text, "matrix.registration_file: required in appservice mode"));
  text = problems_text(config::load(std::nullopt, {{"RELAIS_MATRIX_ENABLED", "true"}, {"RELAIS_MATRIX_MODE", "client"},
                                                   {"RELAIS_MATRIX_USER_ID", "@relais:example.org"},
                                                   {"RELAIS_MATRIX_ONBOARDING_ROOM", "#welcome:example.org"}}).problems);
  CHECK(contains(text, "matrix.access_token: client mode needs RELAIS_MATRIX_ACCESS_TOKEN or RELAIS_MATRIX_PASSWORD"));
  CHECK(contains(text, "matrix.onboarding_room: expected a room id"));
  CHECK(contains(problems_text(config::load(std::nullopt, {{"RELAIS_MATRIX_MODE", "bridge"}}).problems),
                 "RELAIS_MATRIX_MODE: must be one of appservice, client"));
  CHECK(config::load(std::nullopt, {{"RELAIS_MATRIX_ENABLED", "true"}, {"RELAIS_MATRIX_MODE", "client"},
                                    {"RELAIS_MATRIX_USER_ID", "@relais:example.org"},
                                    {"RELAIS_MATRIX_PASSWORD", "pw"}}).problems.empty());
}

TEST_CASE("Teams needs an app id to check tokens, unless explicitly set for a local emulator") {
  auto text = problems_text(config::load(std::nullopt, {{"RELAIS_TEAMS_ENABLED", "true"}}).problems);
  CHECK(contains(text, "teams.app_id: required to check Teams' tokens"));
  text = problems_text(config::load(std::nullopt, {{"RELAIS_TEAMS_ENABLED", "true"}, {"RELAIS_TEAMS_APP_ID", "a1"}}).problems);
  CHECK(contains(text, "teams.app_password: required with teams.app_id"));
  text = problems_text(config::load(std::nullopt, {{"RELAIS_TEAMS_ENABLED", "true"}, {"RELAIS_TEAMS_AUTH", "off"}}).problems);
  CHECK(contains(text, "must be one of required, disabled-for-local-emulator"));
  CHECK(config::load(std::nullopt, {{"RELAIS_TEAMS_ENABLED", "true"}, {"RELAIS_TEAMS_AUTH", "disabled-for-local-emulator"}})
            .problems.empty());
}

TEST_CASE("working hours, days and the time zone are checked") {
  const auto text = problems_text(config::load(std::nullopt, {{"RELAIS_ROUTING_WORKING_HOURS", "9-17"},
                                                              {"RELAIS_ROUTING_WORKING_DAYS", "mon,funday"},
                                                              {"RELAIS_ROUTING_TIME_ZONE", "Mars/Olympus"}}).problems);
  CHECK(contains(text, "routing.working_hours: expected HH:MM-HH:MM"));
  CHECK(contains(text, "routing.working_days: expected days"));
  CHECK(contains(text, "routing.time_zone: unknown time zone \"Mars/Olympus\""));
}
