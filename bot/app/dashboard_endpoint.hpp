#pragma once
// GET /dashboard for IT and L&D, with its figures, exports and live feed. Protected by the API
// token (api.token, passed as ?token=, which the page carries in its links); off without one.
// Each commit that may change a figure tells the open pages, at most once a second, to fetch
// their figures again. The figures are computed once per change and shared by every open page,
// so many dashboards cost no more than one.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "bot/core/clock.hpp"
#include "bot/net/http.hpp"
#include "bot/net/websocket_session.hpp"
#include "bot/storage/database.hpp"
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
  DashboardEndpoint(boost::asio::io_context& io, Settings settings, storage::Database& db,
                    std::function<faq::text::Lexicon()> lexicon, const core::Clock& clock);

  void add_routes(net::Routes& routes);
  /// Something was committed: open pages refresh (coalesced to once a second).
  void changed();
  void close_all();

 private:
  std::optional<net::Response> refuse(const net::Request& req) const;
  trends::DashboardData data();
  net::Response page(const net::Request& req);
  net::Response figures(const net::Request& req);
  net::Response export_report(const net::Request& req);

  boost::asio::io_context& io_;
  Settings settings_;
  storage::Database& db_;
  std::function<faq::text::Lexicon()> lexicon_;
  const core::Clock& clock_;
  std::map<std::uint64_t, std::shared_ptr<net::WebSocketSession>> live_;
  boost::asio::steady_timer throttle_;
  bool pending_ = false;
  std::optional<trends::DashboardData> cache_;  ///< the figures since the last change
  core::TimePoint cached_at_{};
};

}  // namespace relais::app
