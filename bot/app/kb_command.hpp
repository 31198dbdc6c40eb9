#pragma once
// relais kb lint | export [--out FILE] | import FILE.csv: the knowledge base as authors handle it.
#include <optional>
#include <string>
#include <vector>

#include "bot/config/config.hpp"

namespace relais::app {

/// Runs `relais kb <args>` against the knowledge folder of `config`; returns the exit code.
int run_kb(const std::vector<std::string>& args, const config::Config& config);

extern const char* const kb_help;

}  // namespace relais::app
