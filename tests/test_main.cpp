#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>

#include "bot/core/log.hpp"

int main(int argc, char** argv) {
  // Tests check behaviour, not log lines; warnings and errors still show.
  relais::log::set_level(relais::log::Level::warn);
  doctest::Context context(argc, argv);
  return context.run();
}
