#include "bot/config/config.hpp"

#include "bot/core/room.hpp"
#include "bot/net/http_client.hpp"
#include "bot/core/time_zone.hpp"

#include "bot/core/files.hpp"
#include "bot/core/working_time.hpp"

#include <algorithm>
#include <fstream>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

extern char** environ;

namespace relais::config {
namespace {

using nlohmann::json;

/// One configurable key: how to read it into Config and what values it accepts.
struct Field {
  std::string_view section;
  std::string_view key;
  bool is_string;
  std::function<std::string(Config&, const json&)> set;  // returns "" or what is wrong
};

template <class S>
Field int_field(std::string_view section, std::string_view key, S Config::*sec, int S::*member,
                int min, int max) {
  return {section, key, false, [=](Config& c, const json& v) -> std::string {
            if (!v.is_number_integer()) return "expected an integer, got " + v.dump();
            const auto n = v.get<long long>();
            if (n < min || n > max)
              return "must be between " + std::to_string(min) + " and " + std::to_string(max) +
                     ", got " + std::to_string(n);
            (c.*sec).*member = static_cast<int>(n);
            return "";
          }};
}

template <class S>
Field double_field(std::string_view section, std::string_view key, S Config::*sec,
                   double S::*member, double min, double max) {
  return {section, key, false, [=](Config& c, const json& v) -> std::string {
            if (!v.is_number()) return "expected a number, got " + v.dump();
            const auto d = v.get<double>();
            if (d < min || d > max) {
              std::ostringstream os;
              os << "must be between " << min << " and " << max << ", got " << d;
              return os.str();
            }
            (c.*sec).*member = d;
            return "";
          }};
}

template <class S>
Field bool_field(std::string_view section, std::string_view key, S Config::*sec, bool S::*member) {
  return {section, key, false, [=](Config& c, const json& v) -> std::string {
            if (!v.is_boolean()) return "expected true or false, got " + v.dump();
            (c.*sec).*member = v.get<bool>();
            return "";
          }};
}

template <class S>
Field string_field(std::string_view section, std::string_view key, S Config::*sec,
                   std::string S::*member, std::vector<std::string> allowed = {}) {
  return {section, key, true, [=](Config& c, const json& v) -> std::string {
            if (!v.is_string()) return "expected a string, got " + v.dump();
            auto s = v.get<std::string>();
            if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), s) == allowed.end()) {
              std::string list;
              for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
              return "must be one of " + list + ", got \"" + s + "\"";
            }
            (c.*sec).*member = std::move(s);
            return "";
          }};
}

const std::vector<Field>& fields() {
  constexpr int big = std::numeric_limits<int>::max();
  static const std::vector<Field> all = {
      string_field("server", "host", &Config::server, &ServerConfig::host),
      int_field("server", "port", &Config::server, &ServerConfig::port, 0, 65535),
      int_field("server", "body_limit", &Config::server, &ServerConfig::body_limit, 1024, 64 << 20),
      int_field("server", "websocket_message_limit", &Config::server,
                &ServerConfig::websocket_message_limit, 1024, 64 << 20),
      int_field("server", "header_timeout_seconds", &Config::server,
                &ServerConfig::header_timeout_seconds, 1, 3600),
      int_field("server", "idle_timeout_seconds", &Config::server,
                &ServerConfig::idle_timeout_seconds, 5, 86400),
      string_field("storage", "path", &Config::storage, &StorageConfig::path),
      string_field("storage", "durability", &Config::storage, &StorageConfig::durability,
                   {"full", "normal"}),
      string_field("knowledge", "path", &Config::knowledge, &KnowledgeConfig::path),
      int_field("knowledge", "reload_seconds", &Config::knowledge, &KnowledgeConfig::reload_seconds, 0, 86400),
      string_field("directory", "path", &Config::directory, &DirectoryConfig::path),
      string_field("directory", "circles_path", &Config::directory, &DirectoryConfig::circles_path),
      bool_field("webchat", "demo", &Config::webchat, &WebchatConfig::demo),
      string_field("webchat", "secret", &Config::webchat, &WebchatConfig::secret),
      bool_field("teams", "enabled", &Config::teams, &TeamsConfig::enabled),
      string_field("teams", "app_id", &Config::teams, &TeamsConfig::app_id),
      string_field("teams", "app_password", &Config::teams, &TeamsConfig::app_password),
      string_field("teams", "auth", &Config::teams, &TeamsConfig::auth, {"required", "disabled-for-local-emulator"}),
      string_field("teams", "openid_metadata_url", &Config::teams, &TeamsConfig::openid_metadata_url),
      string_field("teams", "token_issuer", &Config::teams, &TeamsConfig::token_issuer),
      string_field("teams", "token_url", &Config::teams, &TeamsConfig::token_url),
      string_field("teams", "token_scope", &Config::teams, &TeamsConfig::token_scope),
      string_field("onboarding", "send_at", &Config::onboarding, &OnboardingConfig::send_at),
      int_field("onboarding", "remind_after_days", &Config::onboarding, &OnboardingConfig::remind_after_days, 1, 60),
      int_field("onboarding", "max_reminders", &Config::onboarding, &OnboardingConfig::max_reminders, 0, 10),
      int_field("onboarding", "enrol_within_days", &Config::onboarding, &OnboardingConfig::enrol_within_days, 0, 365),
      int_field("onboarding", "sweep_minutes", &Config::onboarding, &OnboardingConfig::sweep_minutes, 1, 1440),
      string_field("api", "token", &Config::api, &ApiConfig::token),
      int_field("feedback", "retention_days", &Config::feedback, &FeedbackConfig::retention_days, 0, 36500),
      string_field("community", "room_link", &Config::community, &CommunityConfig::room_link),
      int_field("community", "leaderboard_size", &Config::community, &CommunityConfig::leaderboard_size, 1, 100),
      bool_field("surveys", "enabled", &Config::surveys, &SurveysConfig::enabled),
      string_field("surveys", "send_at", &Config::surveys, &SurveysConfig::send_at),
      int_field("surveys", "remind_after_days", &Config::surveys, &SurveysConfig::remind_after_days, 1, 60),
      int_field("surveys", "min_group_size", &Config::surveys, &SurveysConfig::min_group_size, 1, 1000),
      bool_field("matrix", "enabled", &Config::matrix, &MatrixConfig::enabled),
      string_field("matrix", "mode", &Config::matrix, &MatrixConfig::mode, {"appservice", "client"}),
      string_field("matrix", "homeserver_url", &Config::matrix, &MatrixConfig::homeserver_url),
      string_field("matrix", "user_id", &Config::matrix, &MatrixConfig::user_id),
      string_field("matrix", "registration_file", &Config::matrix, &MatrixConfig::registration_file),
      string_field("matrix", "access_token", &Config::matrix, &MatrixConfig::access_token),
      string_field("matrix", "password", &Config::matrix, &MatrixConfig::password),
      string_field("matrix", "allowed_servers", &Config::matrix, &MatrixConfig::allowed_servers),
      string_field("matrix", "onboarding_room", &Config::matrix, &MatrixConfig::onboarding_room),
      string_field("matrix", "display_name", &Config::matrix, &MatrixConfig::display_name),
      int_field("matrix", "sync_timeout_seconds", &Config::matrix, &MatrixConfig::sync_timeout_seconds, 1, 300),
      int_field("matrix", "request_timeout_seconds", &Config::matrix, &MatrixConfig::request_timeout_seconds, 1, 300),
      int_field("questions", "reroute_after_minutes", &Config::questions, &QuestionsConfig::reroute_after_minutes, 1,
                60 * 24 * 30),
      int_field("questions", "remind_claimant_before_minutes", &Config::questions,
                &QuestionsConfig::remind_claimant_before_minutes, 1, 60 * 24 * 30),
      int_field("questions", "escalate_to_community_after_minutes", &Config::questions,
                &QuestionsConfig::escalate_to_community_after_minutes, 1, 60 * 24 * 30),
      int_field("questions", "escalate_to_it_after_minutes", &Config::questions,
                &QuestionsConfig::escalate_to_it_after_minutes, 1, 60 * 24 * 30),
      string_field("questions", "community_room", &Config::questions, &QuestionsConfig::community_room),
      string_field("questions", "it_room", &Config::questions, &QuestionsConfig::it_room),
      string_field("questions", "rooms_language", &Config::questions, &QuestionsConfig::rooms_language,
                   {"fr", "nl", "en", "de"}),
      string_field("routing", "time_zone", &Config::routing, &RoutingConfig::time_zone),
      string_field("routing", "working_hours", &Config::routing, &RoutingConfig::working_hours),
      string_field("routing", "working_days", &Config::routing, &RoutingConfig::working_days),
      int_field("routing", "fan_out", &Config::routing, &RoutingConfig::fan_out, 1, 20),
      int_field("routing", "daily_cap", &Config::routing, &RoutingConfig::daily_cap, 0, 1000),
      int_field("routing", "expertise_half_life_days", &Config::routing, &RoutingConfig::expertise_half_life_days, 1, 3650),
      double_field("faq", "answer_threshold", &Config::faq, &FaqConfig::answer_threshold, 0.0, 1.0),
      double_field("faq", "suggest_threshold", &Config::faq, &FaqConfig::suggest_threshold, 0.0, 1.0),
      string_field("faq", "learn_phrasings", &Config::faq, &FaqConfig::learn_phrasings, {"review", "auto", "off"}),
      int_field("outbox", "max_attempts", &Config::outbox, &OutboxConfig::max_attempts, 1, 1000),
      int_field("outbox", "initial_backoff_ms", &Config::outbox, &OutboxConfig::initial_backoff_ms,
                1, big),
      int_field("outbox", "max_backoff_ms", &Config::outbox, &OutboxConfig::max_backoff_ms, 1, big),
      string_field("log", "level", &Config::log, &LogConfig::level,
                   {"debug", "info", "warn", "error"}),
  };
  return all;
}

const Field* find_field(std::string_view section, std::string_view key) {
  for (const auto& f : fields())
    if (f.section == section && f.key == key) return &f;
  return nullptr;
}

bool has_section(std::string_view section) {
  return std::any_of(fields().begin(), fields().end(),
                     [&](const Field& f) { return f.section == section; });
}

int line_of(const std::string& text, std::size_t byte) {
  return 1 + static_cast<int>(std::count(text.begin(),
                                         text.begin() + static_cast<std::ptrdiff_t>(
                                                            std::min(byte, text.size())),
                                         '\n'));
}

void apply_file(const std::filesystem::path& file, Config& config, Problems& problems) {
  const auto content = read_file(file);
  if (!content) {
    problems.push_back({file.string(), "cannot read the config file"});
    return;
  }
  const std::string& text = *content;
  json doc;
  try {
    doc = json::parse(text, nullptr, true, /*ignore_comments=*/true);
  } catch (const json::parse_error& e) {
    problems.push_back({file.string() + ":" + std::to_string(line_of(text, e.byte)),
                        std::string("malformed JSON: ") + e.what()});
    return;
  }
  if (!doc.is_object()) {
    problems.push_back({file.string(), "the config must be a JSON object of sections"});
    return;
  }
  for (const auto& [section, keys] : doc.items()) {
    if (!has_section(section)) {
      problems.push_back({section, "unknown section"});
      continue;
    }
    if (!keys.is_object()) {
      problems.push_back({section, "expected an object of settings"});
      continue;
    }
    for (const auto& [key, value] : keys.items()) {
      const Field* f = find_field(section, key);
      if (!f) {
        problems.push_back({section + "." + key, "unknown key"});
        continue;
      }
      if (auto err = f->set(config, value); !err.empty())
        problems.push_back({section + "." + key, err});
    }
  }
}

void apply_environment(const Environment& env, Config& config, Problems& problems) {
  for (const auto& [name, value] : env) {
    if (!name.starts_with("RELAIS_")) continue;
    const Field* match = nullptr;
    for (const auto& f : fields())
      if (env_name(f.section, f.key) == name) match = &f;
    if (!match) {
      problems.push_back({name, "unknown setting (environment variables are RELAIS_<SECTION>_<KEY>)"});
      continue;
    }
    json v = match->is_string ? json(value) : json::parse(value, nullptr, false);
    if (v.is_discarded()) v = json(value);
    // Never echo the value: it may be a secret.
    if (auto err = match->set(config, v); !err.empty())
      problems.push_back({name, match->is_string ? err : "expected a value of the right type"});
  }
}

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.starts_with("127.");
}

void cross_check(const Config& c, Problems& problems) {
  if (c.webchat.demo && !is_loopback(c.server.host))
    problems.push_back({"webchat.demo",
                        "demo mode lets anyone pick any identity; it is allowed only when "
                        "server.host is a loopback address"});
  if (c.teams.enabled) {
    if (c.teams.auth == "required" && c.teams.app_id.empty())
      problems.push_back({"teams.app_id", "required to check Teams' tokens (or set teams.auth to "
                                          "\"disabled-for-local-emulator\" for a local emulator)"});
    if (!c.teams.app_id.empty() && c.teams.app_password.empty())
      problems.push_back({"teams.app_password", "required with teams.app_id to send messages: set RELAIS_TEAMS_APP_PASSWORD"});
    for (const auto& [key, url] : {std::pair{"teams.openid_metadata_url", &c.teams.openid_metadata_url},
                                    std::pair{"teams.token_url", &c.teams.token_url}})
      if (!net::parse_url(*url)) problems.push_back({key, "not an http:// or https:// URL"});
  }
  if (c.matrix.enabled) {
    if (!net::parse_url(c.matrix.homeserver_url))
      problems.push_back({"matrix.homeserver_url", "not an http:// or https:// URL"});
    const auto colon = c.matrix.user_id.find(':');
    if (!c.matrix.user_id.starts_with("@") || colon == std::string::npos || colon < 2 || colon + 1 == c.matrix.user_id.size())
      problems.push_back({"matrix.user_id", "expected the bot's Matrix user id, e.g. \"@relais:example.org\""});
    if (c.matrix.mode == "appservice" && c.matrix.registration_file.empty())
      problems.push_back({"matrix.registration_file", "required in appservice mode: write one with `relais matrix-registration`"});
    if (c.matrix.mode == "client" && c.matrix.access_token.empty() && c.matrix.password.empty())
      problems.push_back({"matrix.access_token", "client mode needs RELAIS_MATRIX_ACCESS_TOKEN or RELAIS_MATRIX_PASSWORD"});
    if (!c.matrix.onboarding_room.empty() && !c.matrix.onboarding_room.starts_with("!"))
      problems.push_back({"matrix.onboarding_room", "expected a room id, e.g. \"!abc123:example.org\""});
  }
  for (const auto& [key, at_text] : {std::pair{"onboarding.send_at", &c.onboarding.send_at},
                                     std::pair{"surveys.send_at", &c.surveys.send_at}})
    if (core::WorkingHours at; !core::parse_hours(*at_text + "-23:59", at) || at_text->size() != 5)
      problems.push_back({key, "expected a local time HH:MM, e.g. 09:30, got \"" + *at_text + "\""});
  if (!c.api.token.empty() && c.api.token.size() < 24)
    problems.push_back({"api.token", "needs at least 24 characters (pass it as RELAIS_API_TOKEN)"});
  if (!c.webchat.demo && c.webchat.secret.size() < 32)
    problems.push_back({"webchat.secret",
                        "needs at least 32 characters when webchat.demo is false "
                        "(pass it as RELAIS_WEBCHAT_SECRET)"});
  if (c.faq.suggest_threshold > c.faq.answer_threshold)
    problems.push_back({"faq.suggest_threshold", "must not exceed faq.answer_threshold"});
  if (c.outbox.initial_backoff_ms > c.outbox.max_backoff_ms)
    problems.push_back({"outbox.initial_backoff_ms", "must not exceed outbox.max_backoff_ms"});
  if (c.questions.escalate_to_community_after_minutes <= c.questions.reroute_after_minutes)
    problems.push_back({"questions.escalate_to_community_after_minutes",
                        "must be later than questions.reroute_after_minutes"});
  if (c.questions.escalate_to_it_after_minutes <= c.questions.escalate_to_community_after_minutes)
    problems.push_back({"questions.escalate_to_it_after_minutes",
                        "must be later than questions.escalate_to_community_after_minutes"});
  if (c.questions.remind_claimant_before_minutes >= c.questions.escalate_to_it_after_minutes)
    problems.push_back({"questions.remind_claimant_before_minutes",
                        "must be shorter than questions.escalate_to_it_after_minutes"});
  for (const auto& [key, spec] : {std::pair{"questions.community_room", &c.questions.community_room},
                                  std::pair{"questions.it_room", &c.questions.it_room}}) {
    std::string error;
    if (spec->empty()) continue;
    const auto room = core::parse_room("", *spec, "en", core::Role::ambassador, error);
    if (!room) problems.push_back({key, error});
    else if (room->transport == "teams" && !c.teams.enabled)
      problems.push_back({key, "a Teams channel needs teams.enabled"});
    else if (room->transport == "matrix" && !c.matrix.enabled)
      problems.push_back({key, "a Matrix room needs matrix.enabled"});
  }
  core::WorkingHours hours;
  if (!core::parse_hours(c.routing.working_hours, hours))
    problems.push_back({"routing.working_hours", "expected HH:MM-HH:MM, e.g. 09:00-17:30, got \"" + c.routing.working_hours + "\""});
  if (!core::parse_days(c.routing.working_days, hours))
    problems.push_back({"routing.working_days", "expected days such as mon,tue,wed,thu,fri, got \"" + c.routing.working_days + "\""});
  if (!core::TimeZone::named(c.routing.time_zone))
    problems.push_back({"routing.time_zone", "unknown time zone \"" + c.routing.time_zone + "\" (e.g. Europe/Brussels)"});
}

}  // namespace

std::string env_name(std::string_view section, std::string_view key) {
  std::string name = "RELAIS_";
  for (char c : section) name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  name += '_';
  for (char c : key) name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

Environment process_environment() {
  Environment env;
  for (char** e = environ; e && *e; ++e) {
    const std::string_view entry(*e);
    const auto eq = entry.find('=');
    if (eq != std::string_view::npos)
      env.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  return env;
}

Loaded load(const std::optional<std::filesystem::path>& file, const Environment& env) {
  Loaded loaded;
  if (file) apply_file(*file, loaded.config, loaded.problems);
  apply_environment(env, loaded.config, loaded.problems);
  cross_check(loaded.config, loaded.problems);
  return loaded;
}

}  // namespace relais::config
