#pragma once
// The IT / L&D dashboard as one self-contained page: KPI tiles and charts drawn by Relais
// itself as inline SVG (no script or font from elsewhere), refreshed live when the page's
// WebSocket says something changed, with CSV / JSON exports of every report.
#include <string>
#include <vector>

#include "skills/trends/trends.hpp"

namespace relais::trends {

struct DashboardData {
  std::string period;  ///< "last 30 days"
  Kpis kpis;
  std::vector<Week> weeks;
  std::vector<TopicCount> topics;
  std::vector<Rising> rising;
  std::vector<Gap> gaps;
};

/// The figures (KPI tiles, charts, lists): the part of the page that refreshes.
std::string dashboard_figures(const DashboardData& data);
/// The whole page; `token` is carried by its links and its live connection.
std::string dashboard_page(const DashboardData& data, const std::string& token);

}  // namespace relais::trends
