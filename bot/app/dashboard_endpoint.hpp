#pragma once
// GET /dashboard for IT and L&D, with its figures, exports and live feed. Protected by the API
// token (api.token, passed as ?token=, which the page carries in its links); off without one.
// Each commit that may change a figure tells the open pages, at most once a second, to fetch
// their figures again. The figures are computed once per change and shared by every open page,
// so many dashboards cost no more than one; they are computed on the report worker's thread, so
// a large history never holds up the chat, and not again sooner than five times what the last
// computation took.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bot/app/report_worker.hpp"
#include "bot/core/clock.hpp"
#include "bot/net/http.hpp"
#include "bot/net/websocket_session.hpp"
#include "skills/faq/text/analyzer.hpp"
#include "skills/trends/dashboard_page.hpp"

namespace relais::app {

class DashboardEndpoint {
 public:
  struct Settings {
    std::string token;
    int min_group = 5;
    std::chrono::days period{30};
    std::chrono::seconds idle_timeout{120};
  };
  /// `database` is the file the report worker reads through its own connection.
  DashboardEndpoint(boost::asio::io_context& io, Settings settings, const std::filesystem::path& database,
                    std::function<faq::text::Lexicon()> lexicon, const core::Clock& clock);

  void add_routes(net::Routes& routes);
  /// Something was committed: open pages refresh (coalesced to once a second).
  void changed();
  void close_all();

 private:
  std::optional<net::Response> refuse(const net::Request& req) const;
  /// The figures, from the cache or once the worker has computed them.
  void with_data(std::function<void(const Result<trends::DashboardData>&)> use);
  void page(const net::Request& req, const net::Routes::Respond& respond);
  void figures(const net::Request& req, const net::Routes::Respond& respond);
  void export_report(const net::Request& req, const net::Routes::Respond& respond);

  Settings settings_;
  std::function<faq::text::Lexicon()> lexicon_;
  const core::Clock& clock_;
  std::map<std::uint64_t, std::shared_ptr<net::WebSocketSession>> live_;
  boost::asio::steady_timer throttle_;
  bool pending_ = false;
  std::optional<trends::DashboardData> cache_;
  core::TimePoint cached_at_{};
  bool stale_ = false;      ///< something changed since the cached figures were computed
  bool computing_ = false;  ///< the worker is at it; `waiting_` get its result
  std::chrono::milliseconds min_age_{1000};
  std::vector<std::function<void(const Result<trends::DashboardData>&)>> waiting_;
  ReportWorker worker_;  ///< last: its thread stops before the rest goes
};

}  // namespace relais::app
