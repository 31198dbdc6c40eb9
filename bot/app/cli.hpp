#pragma once
// Command-line entry points: relais serve | check | webchat-token, --help, --version.
#include <string>
#include <vector>

namespace relais::app {

/// Runs the command in `args` (without the program name); returns the exit code.
int run_cli(const std::vector<std::string>& args);

}  // namespace relais::app
