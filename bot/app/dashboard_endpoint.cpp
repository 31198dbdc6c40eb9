#include "bot/app/dashboard_endpoint.hpp"

#include <openssl/crypto.h>

#include <sstream>

#include "bot/core/log.hpp"
#include "skills/trends/trends_format.hpp"

namespace relais::app {

namespace http = net::http;

DashboardEndpoint::DashboardEndpoint(boost::asio::io_context& io, Settings settings, storage::Database& db,
                                     std::function<faq::text::Lexicon()> lexicon, const core::Clock& clock)
    : io_(io), settings_(std::move(settings)), db_(db), lexicon_(std::move(lexicon)), clock_(clock), throttle_(io) {}

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

trends::DashboardData DashboardEndpoint::data() {
  const auto now = clock_.now();
  if (cache_ && now - cached_at_ < std::chrono::minutes(1)) return *cache_;
  const trends::Filter f{now - settings_.period, now, ""};
  cache_ = trends::DashboardData{"last " + std::to_string(settings_.period.count()) + " days",
                                 trends::kpis(db_, f),
                                 trends::weekly(db_, now, 12, ""),
                                 trends::topics(db_, f),
                                 trends::rising(db_, f, std::chrono::days(7), 4, 5, 2.0),
                                 trends::gaps(db_, f, lexicon_(), 3)};
  cached_at_ = now;
  return *cache_;
}

net::Response DashboardEndpoint::page(const net::Request& req) {
  if (auto refusal = refuse(req)) return *refusal;
  const auto token = net::query_of(req.target()).at("token");
  auto res = net::make_response(req, http::status::ok, trends::dashboard_page(data(), token), "text/html; charset=utf-8");
  // Everything is inline: no script, style or font from elsewhere may load.
  res.set("Content-Security-Policy",
          "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; img-src 'self'");
  res.set(http::field::cache_control, "no-store");
  return res;
}

net::Response DashboardEndpoint::figures(const net::Request& req) {
  if (auto refusal = refuse(req)) return *refusal;
  auto res = net::make_response(req, http::status::ok, trends::dashboard_figures(data()), "text/html; charset=utf-8");
  res.set(http::field::cache_control, "no-store");
  return res;
}

net::Response DashboardEndpoint::export_report(const net::Request& req) {
  if (auto refusal = refuse(req)) return *refusal;
  const auto query = net::query_of(req.target());
  const auto report = query.contains("report") ? query.at("report") : "";
  const auto format = query.contains("format") ? query.at("format") : "csv";
  if (format != "csv" && format != "json")
    return net::error_response(req, http::status::bad_request, "bad_format", "format is csv or json");
  const auto now = clock_.now();
  const trends::Filter f{now - settings_.period, now, ""};
  std::string body;
  if (report == "kpis") body = trends::format_kpis(trends::kpis(db_, f), format);
  else if (report == "topics") body = trends::format_topics(trends::topics(db_, f), format);
  else if (report == "rising") body = trends::format_rising(trends::rising(db_, f, std::chrono::days(7), 4, 5, 2.0), format);
  else if (report == "gaps") body = trends::format_gaps(trends::gaps(db_, f, lexicon_(), 3), format);
  else return net::error_response(req, http::status::bad_request, "bad_report", "report is kpis, topics, rising or gaps");
  auto res = net::make_response(req, http::status::ok, body, format == "csv" ? "text/csv; charset=utf-8" : "application/json");
  res.set(http::field::content_disposition, "attachment; filename=\"relais-" + report + "." + format + "\"");
  return res;
}

void DashboardEndpoint::add_routes(net::Routes& routes) {
  routes.add(http::verb::get, "/dashboard", [this](const net::Request& r) { return page(r); });
  routes.add(http::verb::get, "/dashboard/figures", [this](const net::Request& r) { return figures(r); });
  routes.add(http::verb::get, "/dashboard/export", [this](const net::Request& r) { return export_report(r); });
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
  cache_.reset();
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
