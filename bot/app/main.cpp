#include <string>
#include <vector>

#include "bot/app/cli.hpp"

int main(int argc, char** argv) {
  return relais::app::run_cli(std::vector<std::string>(argv + 1, argv + argc));
}
