#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>

#include "bot/core/log.hpp"

int main(int argc, char** argv) {
  // Tests check behaviour, not log lines; warnings and errors still show.
  relais::log::set_level(relais::log::Level::warn);
  // Working-time tests count in the default time zone, as `relais serve` would.
  setenv("TZ", "Europe/Brussels", 1);
  tzset();
  doctest::Context context(argc, argv);
  return context.run();
}
