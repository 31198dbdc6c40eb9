#include "bot/app/app.hpp"

#include <sys/resource.h>

#include <optional>

#include <boost/asio/signal_set.hpp>
#include <nlohmann/json.hpp>

#include "bot/app/dashboard_endpoint.hpp"
#include "skills/community/ambassadors_page.hpp"
#include "bot/app/knowledge_reloader.hpp"
#include "bot/core/log.hpp"
#include "bot/core/metrics.hpp"
#include "bot/core/outbox.hpp"
#include "bot/core/router.hpp"
#include "bot/core/scheduler.hpp"
#include "bot/identity/directory_sync.hpp"
#include "bot/identity/identity.hpp"
#include "bot/net/http_server.hpp"
#include "bot/storage/migrations.hpp"
#include "bot/storage/wal_syncer.hpp"
#include "bot/transports/webchat/webchat_endpoint.hpp"
#include "bot/transports/teams/teams_auth.hpp"
#include "bot/transports/teams/teams_endpoint.hpp"
#include "bot/transports/teams/teams_sender.hpp"
#include "bot/transports/api/api_endpoint.hpp"
#include "bot/transports/matrix/matrix_appservice.hpp"
#include "bot/transports/matrix/matrix_inbox.hpp"
#include "bot/transports/matrix/matrix_sender.hpp"
#include "bot/transports/matrix/matrix_store.hpp"
#include "bot/transports/matrix/matrix_sync.hpp"
#include "bot/transports/webhook/webhook_sender.hpp"
#include "skills/registry.hpp"

namespace relais::app {

namespace http = net::http;

namespace {
teams::TeamsEndpoint::Authenticator teams_authenticator(const config::TeamsConfig& c, teams::BotFrameworkAuth& auth) {
  using Done = std::function<void(Result<std::string>)>;
  if (c.auth == "disabled-for-local-emulator") {
    if (c.enabled)
      log::warn("teams_auth_disabled").kv("detail", "Teams requests are NOT authenticated: for a local emulator only");
    return [](const net::Request&, Done done) { done(Result<std::string>(std::string())); };
  }
  return [&auth](const net::Request& req, Done done) { auth.check(req, std::move(done)); };
}

matrix::InboxSettings matrix_inbox_settings(const config::MatrixConfig& c) {
  matrix::InboxSettings s{c.user_id, c.display_name, {}, c.onboarding_room};
  std::string item;
  for (std::size_t i = 0; i <= c.allowed_servers.size(); ++i) {
    if (i == c.allowed_servers.size() || c.allowed_servers[i] == ',') {
      if (!item.empty()) s.allowed_servers.push_back(item);
      item.clear();
    } else if (c.allowed_servers[i] != ' ') {
      item += c.allowed_servers[i];
    }
  }
  if (s.allowed_servers.empty()) s.allowed_servers.push_back(matrix::server_of(c.user_id));
  return s;
}
}  // namespace

struct App::Parts {
  const config::Config config;
  const core::Clock& clock;
  core::MessageCatalog messages;
  boost::asio::io_context io;
  core::Metrics metrics;
  storage::Database db;
  std::optional<storage::WalSyncer> syncer;  ///< serve only; stops before the database closes
  storage::PeopleStore people{db};
  storage::QuestionStore questions{db};
  storage::OutboxStore outbox{db};
  storage::TimerStore timers{db};
  core::Stores stores{db, people, questions, outbox, timers};
  identity::Identity identity{people};
  skills::Registry registry;
  core::Router router;
  core::OutboxDispatcher dispatcher;
  core::Scheduler scheduler;
  webchat::WebchatEndpoint webchat;
  net::HttpClient http_client{io};
  webhook::WebhookSender webhook{http_client};
  teams::TeamsStore teams_store{db};
  teams::TokenSource teams_tokens;
  teams::BotFrameworkAuth teams_auth;
  teams::TeamsSender teams_sender;
  teams::TeamsEndpoint teams;
  matrix::MatrixStore matrix_store{db};
  matrix::MatrixApi matrix_api;
  matrix::MatrixSender matrix_sender;
  matrix::MatrixInbox matrix_inbox;
  matrix::MatrixAppservice matrix_appservice;
  matrix::MatrixSync matrix_sync;
  api::ApiEndpoint api_endpoint;
  DashboardEndpoint dashboard;
  net::Routes routes;
  net::HttpServer server;
  KnowledgeReloader reloader;

  Parts(const config::Config& c, Inputs inputs, const core::Clock& clk)
      : config(c),
        clock(clk),
        messages(std::move(inputs.messages)),
        db(c.storage.path, storage::durability_from(c.storage.durability)),
        registry(c, std::make_shared<faq::FaqIndex>(std::move(inputs.faq), std::move(inputs.lexicon)),
                 std::move(inputs.calendar), inputs.circles,
                 std::make_shared<const std::vector<onboarding::Module>>(std::move(inputs.onboarding)),
                 std::make_shared<const std::vector<surveys::Survey>>(std::move(inputs.surveys))),
        router(stores, identity, messages, clock, metrics, registry.skills()),
        dispatcher(io, outbox, clock,
                   {c.outbox.max_attempts, std::chrono::milliseconds(c.outbox.initial_backoff_ms),
                    std::chrono::milliseconds(c.outbox.max_backoff_ms)},
                   metrics),
        scheduler(io, timers, clock, [this](const storage::TimerRow& t) { router.fire(t); }),
        webchat({c.webchat.demo, c.webchat.secret, static_cast<std::size_t>(c.server.websocket_message_limit),
                 std::chrono::seconds(c.server.idle_timeout_seconds)},
                router, people, outbox, dispatcher, messages, clock, metrics),
        teams_tokens(http_client, clock,
                     {c.teams.app_id, c.teams.app_password, c.teams.token_url, c.teams.token_scope}),
        teams_auth(http_client, clock, {c.teams.app_id, c.teams.token_issuer, c.teams.openid_metadata_url}),
        teams_sender(http_client, teams_tokens, teams_store, people, clock),
        teams(teams_authenticator(c.teams, teams_auth), router, people, outbox, dispatcher, teams_store, messages, clock, metrics),
        matrix_api(http_client, c.matrix.homeserver_url, c.matrix.user_id,
                   std::chrono::seconds(c.matrix.request_timeout_seconds)),
        matrix_sender(matrix_api, matrix_store, people, messages, clock, c.questions.rooms_language),
        matrix_inbox(io, matrix_inbox_settings(c.matrix), router, people, outbox, dispatcher, matrix_store, matrix_api,
                     messages, clock, metrics),
        matrix_appservice(inputs.matrix_registration.hs_token, c.matrix.user_id, matrix_inbox, metrics),
        matrix_sync(io, {c.matrix.access_token, c.matrix.password, std::chrono::seconds(c.matrix.sync_timeout_seconds)},
                    matrix_api, matrix_store, matrix_inbox),
        api_endpoint(c.api.token, router, db, people, clock, metrics),
        dashboard(io, {c.api.token, c.surveys.min_group_size, std::chrono::days(30), std::chrono::seconds(c.server.idle_timeout_seconds)},
                  c.storage.path, [this] { return registry.lexicon(); }, clock),
        server(io, routes,
               {static_cast<std::size_t>(c.server.body_limit), std::chrono::seconds(c.server.header_timeout_seconds),
                std::chrono::seconds(c.server.idle_timeout_seconds)},
               metrics),
        reloader(io, c, [this](Knowledge k) {
          messages = std::move(k.messages);  // same object: the router and transports see it at once
          registry.use_faq_index(std::move(k.faq));
          registry.use_onboarding_path(std::move(k.onboarding));
          registry.use_surveys(std::move(k.surveys));
          router.refresh();  // new modules or survey runs to act on
        }) {
    storage::migrate(db, storage::core_migrations());
    storage::migrate(db, registry.migrations());
    import_directory(inputs.directory);
    if (c.matrix.enabled) seed_matrix_contacts();
    const int requeued = outbox.requeue_unconfirmed(clock.now());
    if (requeued > 0) log::info("outbox_requeued").kv("rows", requeued);

    router.on_commit([this] {
      dispatcher.wake();
      scheduler.rearm();
      dashboard.changed();
    });
    dispatcher.add_transport("webchat", webchat);
    dispatcher.add_transport("webhook", webhook);
    if (c.teams.enabled) {
      storage::migrate(db, teams::teams_migrations());
      dispatcher.add_transport("teams", teams_sender);
      teams.add_routes(routes);
      if (c.teams.auth == "required") teams_auth.prefetch();
    }
    if (c.matrix.enabled) {
      storage::migrate(db, matrix::matrix_migrations());
      dispatcher.add_transport("matrix", matrix_sender);
      // A homeserver retries a transaction for minutes; event ids older than that need not be kept.
      matrix_store.forget_seen_before(clock.now() - std::chrono::hours(24 * 30));
      if (c.matrix.mode == "appservice") {
        matrix_api.set_token(inputs.matrix_registration.as_token);
        matrix_appservice.add_routes(routes);
      }
      log::info("matrix_enabled").kv("mode", c.matrix.mode);
    }
    add_operational_routes();
    add_community_routes();
    api_endpoint.add_routes(routes);
    dashboard.add_routes(routes);
    webchat.add_routes(routes);
  }

  /// The configured directory is the record: applied (with leavers) when its content changed
  /// since it was last applied, so an older file at restart cannot undo `relais people import`.
  void import_directory(const identity::Directory& directory) {
    const auto source = std::filesystem::absolute(config.directory.path).string();
    const auto digest = identity::digest_of(directory);
    storage::Transaction tx(db);
    if (identity::is_last_import(db, source, digest)) {
      log::info("directory_unchanged").kv("people", directory.people.size());
      return;
    }
    const auto summary = identity::sync_directory(people, directory, true, clock.now());
    identity::record_import(db, source, digest, summary, clock.now());
    tx.commit();
    log::info("directory_imported").kv("summary", summary.text());
  }

  /// People with a Matrix id whom the bot has never reached anywhere can be reached there: a
  /// direct chat is opened when the first message for them leaves.
  void seed_matrix_contacts() {
    storage::Transaction tx(db);
    for (const auto& p : people.all())
      if (!p.matrix_id.empty() && !people.latest_conversation(p.id))
        people.remember_conversation(p.id, {"matrix", matrix::Address{"", "", p.matrix_id}.encode()}, clock.now());
    tx.commit();
  }

  /// The public list of ambassadors, for the intranet: /ambassadors[?circle=&language=&topic=&embed=1].
  void add_community_routes() {
    routes.add(http::verb::get, "/ambassadors", [this](const net::Request& req) {
      const auto q = net::query_of(req.target());
      auto get = [&](const char* key) { return q.contains(key) ? q.at(key) : std::string(); };
      const community::PageFilter filter{get("circle"), get("site"), get("language"), get("topic"), get("embed") == "1"};
      return net::make_response(req, http::status::ok,
                                community::ambassadors_page(people.with_role(core::Role::ambassador), filter),
                                "text/html; charset=utf-8");
    });
  }

  void add_operational_routes() {
    routes.add(http::verb::get, "/healthz", [this](const net::Request& req) {
      // Touches the database, so "ok" means questions can really be accepted.
      const auto people_count = people.count();
      const nlohmann::json body = {{"status", "ok"}, {"version", RELAIS_VERSION}, {"people", people_count},
                                   {"webchat_connections", webchat.connection_count()}};
      return net::make_response(req, http::status::ok, body.dump(), "application/json");
    });
    routes.add(http::verb::get, "/metrics", [this](const net::Request& req) {
      std::optional<core::WalFigures> wal;
      if (syncer) {
        const auto counts = syncer->counts();
        wal = core::WalFigures{counts.frames, counts.syncs, counts.checkpoints};
      }
      return net::make_response(req, http::status::ok,
                                metrics.render(questions.count_by_state(), outbox.count_by_status(), wal),
                                "text/plain; version=0.0.4");
    });
  }
};

App::App(const config::Config& config, Inputs inputs, const core::Clock& clock)
    : parts_(std::make_unique<Parts>(config, std::move(inputs), clock)) {}

App::~App() = default;

namespace {
/// Every connection is a descriptor; the default soft limit (often 1,024) would refuse a busy
/// Monday morning while the hard limit allows far more, so the server takes what it may.
void raise_descriptor_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
  limit.rlim_cur = limit.rlim_max;
  if (setrlimit(RLIMIT_NOFILE, &limit) == 0) log::info("descriptor_limit").kv("open_files", static_cast<long long>(limit.rlim_cur));
}
}  // namespace

int App::serve() {
  auto& p = *parts_;
  raise_descriptor_limit();
  // Group commit: the events handled in one turn of the event loop share one commit (one fsync),
  // and no answer, acknowledgement or delivery leaves before it.
  p.db.group_commits([&p](std::function<void()> flush) { boost::asio::post(p.io, std::move(flush)); });
  // Each group's sync and the WAL's checkpoints run on a thread of their own: the loop goes on
  // handling messages while the disk works, and answers once it is done.
  if (p.config.storage.path != ":memory:") {
    p.syncer.emplace(p.db, [&p](std::function<void()> then) { boost::asio::post(p.io, std::move(then)); });
  }
  p.routes.gate_responses([&p](std::function<void(bool)> send) { p.db.when_durable(std::move(send)); });
  p.server.listen(p.config.server.host, static_cast<unsigned short>(p.config.server.port));
  log::info("listening").kv("host", p.config.server.host).kv("port", p.server.port())
      .kv("demo", p.config.webchat.demo ? "true" : "false");
  if (p.config.webchat.demo)
    log::warn("demo_mode").kv("detail", "web chat lets anyone pick any identity; loopback only");

  p.router.refresh();  // starters to onboard, survey runs opened while we were down, ...
  // Whatever fell due while we were down goes out now, once.
  p.scheduler.rearm();
  p.dispatcher.wake();
  p.reloader.start();
  if (p.config.matrix.enabled) {
    p.matrix_inbox.resume_joins();
    if (p.config.matrix.mode == "client") p.matrix_sync.start();
  }

  boost::asio::signal_set signals(p.io, SIGINT, SIGTERM);
  signals.async_wait([&p](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    log::info("stopping").kv("signal", signal);
    p.server.stop();
    p.reloader.stop();
    p.matrix_sync.stop();
    p.scheduler.stop();
    p.dispatcher.stop();
    p.webchat.close_all();
    p.dashboard.close_all();
    // Give close frames a moment to leave; everything accepted is already durable.
    auto timer = std::make_shared<boost::asio::steady_timer>(p.io, std::chrono::milliseconds(200));
    timer->async_wait([&p, timer](const boost::system::error_code&) { p.io.stop(); });
  });
  p.io.run();
  p.db.flush();  // a group still open when the loop stopped
  log::info("stopped");
  return 0;
}

}  // namespace relais::app
