#pragma once
// relais report onboarding | surveys [--format table|csv|json]: figures for IT and L&D.
#include <string>
#include <vector>

#include "bot/config/config.hpp"

namespace relais::app {

int run_report(const std::vector<std::string>& args, const std::string& format, bool texts, const config::Config& config);

extern const char* const report_help;

}  // namespace relais::app
