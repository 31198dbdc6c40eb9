#include "bot/app/cli.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <tuple>

#include "bot/app/app.hpp"
#include "bot/app/inputs.hpp"
#include "bot/app/kb_command.hpp"
#include "bot/app/people_command.hpp"
#include "bot/app/report_command.hpp"
#include "bot/config/config.hpp"
#include "bot/core/error.hpp"
#include "bot/core/log.hpp"
#include "bot/net/http_client.hpp"
#include "bot/transports/matrix/matrix_registration.hpp"
#include "bot/transports/teams/teams_manifest.hpp"
#include "bot/transports/webchat/webchat_token.hpp"

namespace relais::app {
namespace {

constexpr int exit_ok = 0;
constexpr int exit_usage = 64;
constexpr int exit_problems = 2;
constexpr int exit_failure = 1;

const char* main_help =
    "relais — the peer-learning community bot\n"
    "\n"
    "Usage: relais <command> [options]\n"
    "\n"
    "Commands:\n"
    "  serve           answer on the configured port until SIGTERM\n"
    "  check           validate config, directory and knowledge; list every problem\n"
    "  kb              lint, export or import the FAQ (relais kb --help)\n"
    "  people          import a staff directory export (relais people --help)\n"
    "  report          figures for IT and L&D: topics, weekly, rising, gaps, kpis, surveys, onboarding\n"
    "  webchat-token   print a web chat sign-in token for a person (outside demo mode)\n"
    "  teams-manifest  write the Teams app package (zip) an admin uploads\n"
    "  matrix-registration  write the Matrix application-service registration (YAML)\n"
    "\n"
    "Options for every command:\n"
    "  --config FILE   JSON config (comments allowed); see config/relais.example.json\n"
    "  --help          this help, or a command's help\n"
    "  --version       print the version\n"
    "\n"
    "Every setting can be overridden by RELAIS_<SECTION>_<KEY>, e.g. RELAIS_SERVER_PORT=8081.\n"
    "Exit codes: 0 ok, 1 failure, 2 problems in config or knowledge, 64 bad usage.\n";

const char* serve_help =
    "Usage: relais serve [--config FILE]\n"
    "Starts the bot: web chat, health (/healthz) and metrics (/metrics) on one port.\n"
    "Refuses to start, listing every problem, if config, directory or knowledge are broken.\n";

const char* check_help =
    "Usage: relais check [--config FILE]\n"
    "Validates the config, the staff directory, the FAQ and the bot's messages.\n"
    "Prints every problem as <file:line or key>: <what>; exits 2 if there is any.\n";

const char* token_help =
    "Usage: relais webchat-token --person ID [--hours N] [--config FILE]\n"
    "Prints a sign-in token for the web chat, signed with webchat.secret (RELAIS_WEBCHAT_SECRET).\n"
    "Open http://HOST:PORT/#token=<token> to sign in as that person. Default validity: 8 hours.\n";

const char* manifest_help =
    "Usage: relais teams-manifest --app-id GUID --host HOST [--out FILE.zip]\n"
    "Writes the Teams app package: manifest.json (schema 1.16; the bot in personal, team and group\n"
    "chat scopes, with its commands) and its icons. --app-id is the bot's Microsoft App ID; --host\n"
    "the public host name Teams reaches Relais at. Default output: relais-teams.zip.\n";

const char* registration_help =
    "Usage: relais matrix-registration --url URL --user-id @BOT:SERVER [--out FILE.yaml]\n"
    "Writes the application-service registration with fresh random as_token and hs_token, the\n"
    "bot as sender_localpart and an exclusive user namespace. --url is where the homeserver\n"
    "reaches Relais (e.g. http://relais.internal:8080). Give the file to the homeserver (Synapse:\n"
    "app_service_config_files) and to Relais (matrix.registration_file). Default output:\n"
    "relais-registration.yaml (readable by its owner only); an existing file is not overwritten.\n";

struct Options {
  std::string command;
  std::vector<std::string> rest;  ///< words after the command (kb verbs and files)
  std::optional<std::string> config;
  std::optional<std::string> person;
  std::optional<std::string> app_id;
  std::optional<std::string> host;
  std::optional<std::string> out;
  std::optional<std::string> url;
  std::optional<std::string> user_id;
  ReportOptions report;
  int hours = 8;
  bool help = false;
  bool version = false;
  std::string error;
};

Options parse(const std::vector<std::string>& args) {
  Options o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    auto value = [&](const char* name) -> std::optional<std::string> {
      if (i + 1 >= args.size()) {
        o.error = std::string(name) + " needs a value";
        return std::nullopt;
      }
      return args[++i];
    };
    if (a == "--help" || a == "-h") o.help = true;
    else if (a == "--version" || a == "-V") o.version = true;
    else if (a == "--config") o.config = value("--config");
    else if (a == "--person") o.person = value("--person");
    else if (a == "--app-id" && o.command == "teams-manifest") o.app_id = value("--app-id");
    else if (a == "--host" && o.command == "teams-manifest") o.host = value("--host");
    else if (a == "--out" && (o.command == "teams-manifest" || o.command == "matrix-registration")) o.out = value("--out");
    else if (a == "--url" && o.command == "matrix-registration") o.url = value("--url");
    else if (a == "--user-id" && o.command == "matrix-registration") o.user_id = value("--user-id");
    else if (a == "--hours") {
      const auto v = value("--hours");
      try {
        o.hours = v ? std::stoi(*v) : 8;
      } catch (const std::exception&) {
        o.error = "--hours needs a whole number";
      }
    } else if (!a.starts_with("-") && o.command.empty()) o.command = a;
    else if (a == "--format" && o.command == "report") o.report.format = value("--format").value_or("table");
    else if (a == "--since" && o.command == "report") o.report.since = value("--since").value_or("30d");
    else if (a == "--circle" && o.command == "report") o.report.circle = value("--circle").value_or("");
    else if (a == "--texts" && o.command == "report") o.report.texts = true;
    else if ((o.command == "kb" || o.command == "people" || o.command == "report") && !a.starts_with("-")) o.rest.push_back(a);
    else if (o.command == "kb" && a == "--out") o.rest.push_back(a);
    else o.error = "unknown argument \"" + a + "\"";
  }
  return o;
}

void print_problems(const Problems& problems) {
  for (const auto& p : problems) std::cerr << p << '\n';
}

std::optional<config::Config> load_config(const Options& o, Problems& problems) {
  auto loaded = config::load(o.config ? std::optional<std::filesystem::path>(*o.config) : std::nullopt,
                             config::process_environment());
  problems.insert(problems.end(), loaded.problems.begin(), loaded.problems.end());
  log::Level level = log::Level::info;
  if (log::parse_level(loaded.config.log.level, level)) log::set_level(level);
  return loaded.config;
}

int check(const Options& o) {
  Problems problems;
  const auto config = load_config(o, problems);
  const auto inputs = load_inputs(*config, problems);
  if (!problems.empty()) {
    print_problems(problems);
    std::cerr << problems.size() << " problem(s) found.\n";
    return exit_problems;
  }
  std::cout << "ok: config, " << inputs.directory.people.size() << " people, " << inputs.faq.size()
            << " FAQ entries, " << inputs.onboarding.size() << " onboarding modules, " << inputs.surveys.size()
            << " surveys, messages in fr/nl/en/de\n";
  return exit_ok;
}

int serve(const Options& o) {
  Problems problems;
  const auto config = load_config(o, problems);
  auto inputs = load_inputs(*config, problems);
  if (!problems.empty()) {
    print_problems(problems);
    std::cerr << "relais: not starting: " << problems.size() << " problem(s); run `relais check` after fixing them.\n";
    return exit_problems;
  }
  try {
    App app(*config, std::move(inputs), core::SystemClock{});
    return app.serve();
  } catch (const std::exception& e) {
    std::cerr << "relais: " << e.what() << '\n';
    return exit_failure;
  }
}

int webchat_token(const Options& o) {
  Problems problems;
  const auto config = load_config(o, problems);
  if (!o.person) {
    std::cerr << "relais webchat-token: --person is required\n" << token_help;
    return exit_usage;
  }
  if (config->webchat.secret.size() < 32) {
    std::cerr << "relais webchat-token: webchat.secret must be set (RELAIS_WEBCHAT_SECRET, 32+ characters)\n";
    return exit_problems;
  }
  const auto expires = core::SystemClock{}.now() + std::chrono::hours(o.hours);
  std::cout << webchat::issue_token(config->webchat.secret, *o.person, expires) << '\n';
  return exit_ok;
}

int teams_manifest(const Options& o) {
  if (!o.app_id || !o.host) {
    std::cerr << "relais teams-manifest: --app-id and --host are required\n" << manifest_help;
    return exit_usage;
  }
  const auto package = teams::app_package(*o.app_id, *o.host, RELAIS_VERSION);
  if (!package) {
    std::cerr << "relais teams-manifest: " << package.error() << '\n';
    return exit_usage;
  }
  const std::string file = o.out.value_or("relais-teams.zip");
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << package.value();
  if (!out.flush()) {
    std::cerr << "relais teams-manifest: cannot write " << file << '\n';
    return exit_failure;
  }
  std::cout << "wrote " << file << " (manifest.json, color.png, outline.png): upload it in Teams admin center\n";
  return exit_ok;
}

int matrix_registration(const Options& o) {
  if (!o.url || !o.user_id) {
    std::cerr << "relais matrix-registration: --url and --user-id are required\n" << registration_help;
    return exit_usage;
  }
  const auto colon = o.user_id->find(':');
  if (!o.user_id->starts_with("@") || colon == std::string::npos || colon < 2 || colon + 1 == o.user_id->size()) {
    std::cerr << "relais matrix-registration: --user-id must be a Matrix user id like @relais:example.org\n";
    return exit_usage;
  }
  if (!net::parse_url(*o.url)) {
    std::cerr << "relais matrix-registration: --url must be an http:// or https:// URL\n";
    return exit_usage;
  }
  const std::string file = o.out.value_or("relais-registration.yaml");
  if (std::filesystem::exists(file)) {
    std::cerr << "relais matrix-registration: " << file << " exists; not replacing its tokens (remove it first)\n";
    return exit_failure;
  }
  const auto registration =
      matrix::new_registration(*o.url, o.user_id->substr(1, colon - 1), o.user_id->substr(colon + 1));
  {
    std::ofstream out(file, std::ios::trunc);
    std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    out << matrix::to_yaml(registration);
    if (!out.flush()) {
      std::cerr << "relais matrix-registration: cannot write " << file << '\n';
      return exit_failure;
    }
  }
  std::cout << "wrote " << file << ": add it to the homeserver (Synapse: app_service_config_files) and set\n"
            << "matrix.registration_file to it for Relais; then restart the homeserver.\n";
  return exit_ok;
}

}  // namespace

int run_cli(const std::vector<std::string>& args) {
  const auto o = parse(args);
  if (o.version) {
    std::cout << "relais " << RELAIS_VERSION << '\n';
    return exit_ok;
  }
  if (!o.error.empty()) {
    std::cerr << "relais: " << o.error << "\n\n" << main_help;
    return exit_usage;
  }
  if (o.command.empty()) {
    (o.help ? std::cout : std::cerr) << main_help;
    return o.help ? exit_ok : exit_usage;
  }
  if (o.command == "serve") {
    if (o.help) return std::cout << serve_help, exit_ok;
    return serve(o);
  }
  if (o.command == "check") {
    if (o.help) return std::cout << check_help, exit_ok;
    return check(o);
  }
  if (o.command == "kb") {
    if (o.help) return std::cout << kb_help, exit_ok;
    Problems problems;
    const auto config = load_config(o, problems);
    if (!problems.empty()) {
      print_problems(problems);
      return exit_problems;
    }
    return run_kb(o.rest, *config);
  }
  for (const auto& [name, help, run] :
       {std::tuple{"people", people_help, +[](const Options& opt, const config::Config& c) { return run_people(opt.rest, c); }},
        std::tuple{"report", report_help,
                   +[](const Options& opt, const config::Config& c) { auto r = opt.report;
                     r.args = opt.rest;
                     return run_report(r, c); }}}) {
    if (o.command != name) continue;
    if (o.help) return std::cout << help, exit_ok;
    Problems problems;
    const auto config = load_config(o, problems);
    if (!problems.empty()) {
      print_problems(problems);
      return exit_problems;
    }
    return run(o, *config);
  }
  if (o.command == "webchat-token") {
    if (o.help) return std::cout << token_help, exit_ok;
    return webchat_token(o);
  }
  if (o.command == "teams-manifest") {
    if (o.help) return std::cout << manifest_help, exit_ok;
    return teams_manifest(o);
  }
  if (o.command == "matrix-registration") {
    if (o.help) return std::cout << registration_help, exit_ok;
    return matrix_registration(o);
  }
  std::cerr << "relais: unknown command \"" << o.command << "\"\n\n" << main_help;
  return exit_usage;
}

}  // namespace relais::app
