#pragma once
// relais report topics | rising | gaps | kpis | surveys | onboarding: figures for IT and L&D.
#include <string>
#include <vector>

#include "bot/config/config.hpp"

namespace relais::app {

struct ReportOptions {
  std::vector<std::string> args;  ///< the report's name
  std::string format = "table";   ///< table | csv | json
  std::string since = "30d";      ///< how far back: "30d", "12w"
  std::string circle;             ///< one circle only
  bool texts = false;             ///< surveys: list free-text answers
};

int run_report(const ReportOptions& options, const config::Config& config);

extern const char* const report_help;

}  // namespace relais::app
