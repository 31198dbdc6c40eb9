#pragma once
// relais people import FILE.csv: applies a staff directory export (adds, changes, leavers).
#include <string>
#include <vector>

#include "bot/config/config.hpp"

namespace relais::app {

int run_people(const std::vector<std::string>& args, const config::Config& config);

extern const char* const people_help;

}  // namespace relais::app
