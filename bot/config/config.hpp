#pragma once
// Typed configuration: defaults, then a JSON file (comments allowed), then RELAIS_<SECTION>_<KEY>
// environment variables, which is also how secrets are passed. Every problem names its key.
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "bot/core/problem.hpp"

namespace relais::config {

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8080;  ///< 0 picks a free port (tests); the chosen one is logged
  int body_limit = 1 << 20;
  int websocket_message_limit = 1 << 20;
  int header_timeout_seconds = 10;
  int idle_timeout_seconds = 120;
};

struct StorageConfig {
  std::string path = "data/relais.db";
  std::string durability = "full";  ///< "full" survives power loss; "normal" a process crash
};

struct KnowledgeConfig {
  std::string path = "knowledge";
  int reload_seconds = 2;  ///< how often edits are looked for; 0: only on SIGHUP
};

struct DirectoryConfig {
  std::string path = "config/directory.example.csv";
  std::string circles_path = "config/circles.example.csv";  ///< neighbours and per-circle ladders (optional)
};

struct WebchatConfig {
  bool demo = true;  ///< pick any person from the directory: loopback hosts only
  std::string secret;  ///< HMAC key for sign-in tokens when demo is off
};

struct QuestionsConfig {
  int reroute_after_minutes = 15;                 ///< working minutes unclaimed before the next ambassador
  int escalate_to_community_after_minutes = 60;   ///< ... before every ambassador
  int escalate_to_it_after_minutes = 510;         ///< ... before IT (claimed: IT is told it is unresolved)
  int remind_claimant_before_minutes = 60;        ///< the claimant is reminded this long before that
  /// Where escalations are posted ("webhook:<URL>"); empty: to each ambassador / IT person directly.
  std::string community_room;
  std::string it_room;
  std::string rooms_language = "en";  ///< the language posts to those rooms are written in
};

struct RoutingConfig {
  std::string time_zone = "Europe/Brussels";      ///< where working hours are counted
  std::string working_hours = "09:00-17:30";
  std::string working_days = "mon,tue,wed,thu,fri";
  int fan_out = 1;                     ///< ambassadors offered a question at once
  int daily_cap = 3;                   ///< unsolicited questions per ambassador per 24 h; 0: no cap
  int expertise_half_life_days = 90;   ///< how fast what someone resolved stops counting as expertise
};

struct FaqConfig {
  double answer_threshold = 0.35;   ///< confidence to answer directly
  double suggest_threshold = 0.25;  ///< coverage to offer the top 3 instead; below it, ask a person
  std::string learn_phrasings = "review";  ///< helpful questions become phrasings: review | auto | off
};

struct OnboardingConfig {
  std::string send_at = "09:30";   ///< local time of day onboarding messages go out (working days)
  int remind_after_days = 3;       ///< working days before an unfinished module is recalled
  int max_reminders = 2;
  int enrol_within_days = 60;      ///< starters whose start date is older are not onboarded
  int sweep_minutes = 10;          ///< how often the directory is checked for new starters
};

struct SurveysConfig {
  bool enabled = true;          ///< send the surveys of knowledge/surveys when their runs open
  std::string send_at = "10:00";  ///< local time of day invitations go out, on working days
  int remind_after_days = 3;    ///< working days before one reminder to finish
  int min_group_size = 5;       ///< reports show no figures for fewer respondents than this
};

struct FeedbackConfig {
  int retention_days = 365;  ///< free text (feedback, comments, survey answers) is blanked after this; 0: kept
};

struct CommunityConfig {
  std::string room_link;  ///< how to join the community room (a Teams channel or Matrix room link), for welcomes
  int leaderboard_size = 10;  ///< ambassadors shown on the opt-in leaderboard
};

struct ApiConfig {
  std::string token;  ///< Bearer token for /api/v1 (people, onboarding completions): RELAIS_API_TOKEN; empty: off
};

struct OutboxConfig {
  int max_attempts = 300;  ///< with the 5-minute cap: a peer may be down for about a day
  int initial_backoff_ms = 500;
  int max_backoff_ms = 300000;
};

struct TeamsConfig {
  bool enabled = false;
  std::string app_id;        ///< the bot's Microsoft App ID: the audience of incoming tokens
  std::string app_password;  ///< its client secret: use RELAIS_TEAMS_APP_PASSWORD
  /// "required", or "disabled-for-local-emulator" (no token check at all: loopback emulators only)
  std::string auth = "required";
  std::string openid_metadata_url = "https://login.botframework.com/v1/.well-known/openidconfiguration";
  std::string token_issuer = "https://api.botframework.com";
  std::string token_url = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token";
  std::string token_scope = "https://api.botframework.com/.default";
};

struct MatrixConfig {
  bool enabled = false;
  /// "appservice": the homeserver pushes events (needs a registration); "client": a plain
  /// account that polls /sync, for servers where no application service can be registered.
  std::string mode = "appservice";
  std::string homeserver_url = "http://localhost:8008";
  std::string user_id;            ///< the bot, e.g. "@relais:example.org"
  std::string registration_file;  ///< appservice: the file `relais matrix-registration` wrote (holds the tokens)
  std::string access_token;       ///< client: RELAIS_MATRIX_ACCESS_TOKEN
  std::string password;           ///< client, instead of a token: RELAIS_MATRIX_PASSWORD (logs in once)
  std::string allowed_servers;    ///< invites accepted from users of these servers (comma-separated); empty: the bot's own
  std::string onboarding_room;    ///< a room id: people who join it are welcomed
  std::string display_name = "Relais";  ///< "Relais: ..." in a room addresses the bot
  int sync_timeout_seconds = 30;
  int request_timeout_seconds = 30;  ///< a send or other call unanswered this long is retried
};

struct LogConfig {
  std::string level = "info";
};

struct Config {
  ServerConfig server;
  StorageConfig storage;
  KnowledgeConfig knowledge;
  DirectoryConfig directory;
  WebchatConfig webchat;
  QuestionsConfig questions;
  RoutingConfig routing;
  FaqConfig faq;
  OnboardingConfig onboarding;
  SurveysConfig surveys;
  FeedbackConfig feedback;
  CommunityConfig community;
  ApiConfig api;
  OutboxConfig outbox;
  TeamsConfig teams;
  MatrixConfig matrix;
  LogConfig log;
};

using Environment = std::map<std::string, std::string>;

/// The process environment, for load().
Environment process_environment();

struct Loaded {
  Config config;
  Problems problems;
};

/// Defaults, then `file` (if given), then `env`. Unknown keys and bad values are problems.
Loaded load(const std::optional<std::filesystem::path>& file, const Environment& env);

/// The environment variable that overrides `section.key`.
std::string env_name(std::string_view section, std::string_view key);

}  // namespace relais::config
