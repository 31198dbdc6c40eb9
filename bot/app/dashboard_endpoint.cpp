#include "bot/app/dashboard_endpoint.hpp"

#include <openssl/crypto.h>

#include <sstream>

#include "bot/core/log.hpp"
#include "skills/trends/trends_format.hpp"

namespace relais::app {

namespace http = net::http;

namespace {
net::Response unavailable(const net::Request& req) {
  return net::error_response(req, http::status::service_unavailable, "figures_unavailable",
                             "the figures cannot be computed just now; the log says why");
}
}  // namespace

DashboardEndpoint::DashboardEndpoint(boost::asio::io_context& io, Settings settings, const std::filesystem::path& database,
                                     std::function<faq::text::Lexicon()> lexicon, const core::Clock& clock)
    : settings_(std::move(settings)), lexicon_(std::move(lexicon)), clock_(clock), throttle_(io), worker_(io, database) {}

std::optional<net::Response> DashboardEndpoint::refuse(const net::Request& req) const {
  if (settings_.token.empty())
    return net::error_response(req, http::status::not_found, "dashboard_off", "the dashboard is off: set api.token");
  const auto query = net::query_of(req.target());
  const auto it = query.find("token");
  if (it == query.end() || it->second.size() != settings_.token.size() ||
      CRYPTO_memcmp(it->second.data(), settings_.token.data(), settings_.token.size()) != 0) {
    log::warn("dashboard_unauthorized");
    return net::error_response(req, http::status::unauthorized, "unauthorized", "open the dashboard with ?token=<api.token>");
  }
  return std::nullopt;
}

void DashboardEndpoint::with_data(std::function<void(const Result<trends::DashboardData>&)> use) {
  const auto now = clock_.now();
  const auto age = now - cached_at_;
  // Fresh: nothing changed within the minute. Changed, but computed very recently: still good,
  // so that a busy day does not keep the worker computing figures all the time.
  if (cache_ && ((!stale_ && age < std::chrono::minutes(1)) || age < min_age_)) return use(*cache_);
  waiting_.push_back(std::move(use));
  if (computing_) return;
  computing_ = true;
  stale_ = false;  // a change from now on makes these figures stale again
  const trends::Filter f{now - settings_.period, now, ""};
  const auto label = "last " + std::to_string(settings_.period.count()) + " days";
  const auto started = std::chrono::steady_clock::now();
  worker_.run<trends::DashboardData>(
      [f, label, lexicon = lexicon_()](storage::Database& db) {
        return trends::DashboardData{label,
                                     trends::kpis(db, f),
                                     trends::weekly(db, f.to, 12, ""),
                                     trends::topics(db, f),
                                     trends::rising(db, f, std::chrono::days(7), 4, 5, 2.0),
                                     trends::gaps(db, f, lexicon, 3)};
      },
      [this, now, started](Result<trends::DashboardData> result) {
        computing_ = false;
        const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
        if (result) {
          cache_ = result.value();
          cached_at_ = now;
          min_age_ = std::max<std::chrono::milliseconds>(std::chrono::seconds(1), 5 * took);
        } else {
          log::error("dashboard_figures_failed").kv("error", result.error());
        }
        for (auto& waiting : std::exchange(waiting_, {})) waiting(result);
      });
}

void DashboardEndpoint::page(const net::Request& req, const net::Routes::Respond& respond) {
  if (auto refusal = refuse(req)) return respond(*refusal);
  with_data([req, respond](const Result<trends::DashboardData>& data) {
    if (!data) return respond(unavailable(req));
    const auto token = net::query_of(req.target()).at("token");
    auto res = net::make_response(req, http::status::ok, trends::dashboard_page(data.value(), token), "text/html; charset=utf-8");
    // Everything is inline: no script, style or font from elsewhere may load.
    res.set("Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; img-src 'self'");
    res.set(http::field::cache_control, "no-store");
    respond(std::move(res));
  });
}

void DashboardEndpoint::figures(const net::Request& req, const net::Routes::Respond& respond) {
  if (auto refusal = refuse(req)) return respond(*refusal);
  with_data([req, respond](const Result<trends::DashboardData>& data) {
    if (!data) return respond(unavailable(req));
    auto res = net::make_response(req, http::status::ok, trends::dashboard_figures(data.value()), "text/html; charset=utf-8");
    res.set(http::field::cache_control, "no-store");
    respond(std::move(res));
  });
}

void DashboardEndpoint::export_report(const net::Request& req, const net::Routes::Respond& respond) {
  if (auto refusal = refuse(req)) return respond(*refusal);
  const auto query = net::query_of(req.target());
  const auto report = query.contains("report") ? query.at("report") : "";
  const auto format = query.contains("format") ? query.at("format") : "csv";
  if (format != "csv" && format != "json")
    return respond(net::error_response(req, http::status::bad_request, "bad_format", "format is csv or json"));
  if (report != "kpis" && report != "topics" && report != "rising" && report != "gaps")
    return respond(net::error_response(req, http::status::bad_request, "bad_report", "report is kpis, topics, rising or gaps"));
  const auto now = clock_.now();
  const trends::Filter f{now - settings_.period, now, ""};
  worker_.run<std::string>(
      [f, report, format, lexicon = lexicon_()](storage::Database& db) {
        if (report == "kpis") return trends::format_kpis(trends::kpis(db, f), format);
        if (report == "topics") return trends::format_topics(trends::topics(db, f), format);
        if (report == "rising") return trends::format_rising(trends::rising(db, f, std::chrono::days(7), 4, 5, 2.0), format);
        return trends::format_gaps(trends::gaps(db, f, lexicon, 3), format);
      },
      [req, respond, report, format](Result<std::string> body) {
        if (!body) {
          log::error("dashboard_export_failed").kv("report", report).kv("error", body.error());
          return respond(unavailable(req));
        }
        auto res = net::make_response(req, http::status::ok, body.value(),
                                      format == "csv" ? "text/csv; charset=utf-8" : "application/json");
        res.set(http::field::content_disposition, "attachment; filename=\"relais-" + report + "." + format + "\"");
        respond(std::move(res));
      });
}

void DashboardEndpoint::add_routes(net::Routes& routes) {
  routes.add_async(http::verb::get, "/dashboard", [this](const net::Request& r, net::Routes::Respond respond) {
    page(r, respond);
  });
  routes.add_async(http::verb::get, "/dashboard/figures", [this](const net::Request& r, net::Routes::Respond respond) {
    figures(r, respond);
  });
  routes.add_async(http::verb::get, "/dashboard/export", [this](const net::Request& r, net::Routes::Respond respond) {
    export_report(r, respond);
  });
  routes.add_websocket("/dashboard/live", {
      [this](const net::Request& req) { return refuse(req); },
      [this](boost::asio::ip::tcp::socket socket, net::Request req, std::string leftover) {
        net::WebSocketSession::Handlers handlers;
        handlers.open = [this](net::WebSocketSession& s) { live_[s.id()] = s.shared_from_this(); };
        handlers.message = [](net::WebSocketSession&, std::string) {};  // the page only listens
        handlers.closed = [this](net::WebSocketSession& s) { live_.erase(s.id()); };
        net::WebSocketSession::Limits limits;
        limits.max_message = 1024;
        limits.idle_timeout = settings_.idle_timeout;
        auto session = std::make_shared<net::WebSocketSession>(std::move(socket), limits, std::move(handlers));
        std::ostringstream bytes;
        bytes << req;
        session->start(bytes.str(), leftover);
      }});
}

void DashboardEndpoint::changed() {
  stale_ = true;
  if (live_.empty() || pending_) return;
  pending_ = true;
  throttle_.expires_after(std::chrono::seconds(1));
  throttle_.async_wait([this](const boost::system::error_code& ec) {
    pending_ = false;
    if (ec) return;
    for (const auto& [id, session] : live_) session->send(R"({"type":"changed"})");
  });
}

void DashboardEndpoint::close_all() {
  throttle_.cancel();
  const auto sessions = live_;
  for (const auto& [id, session] : sessions) session->close(1001, "server stopping");
}

}  // namespace relais::app
