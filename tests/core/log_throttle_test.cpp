#include <doctest/doctest.h>

#include "bot/core/log_throttle.hpp"

using relais::log::Throttle;
using namespace std::chrono_literals;

TEST_CASE("a repeated complaint is let through once a period, then with how many were held back") {
  Throttle throttle(10s, 2);
  const Throttle::Clock::time_point t0{};
  CHECK(throttle.pass("wrong token", t0) == 0);
  CHECK_FALSE(throttle.pass("wrong token", t0 + 1s));
  CHECK_FALSE(throttle.pass("wrong token", t0 + 9s));
  CHECK(throttle.pass("no token", t0 + 9s) == 0);  // another complaint has its own period
  CHECK(throttle.pass("wrong token", t0 + 10s) == 2);
  CHECK_FALSE(throttle.pass("wrong token", t0 + 11s));

  // Past the key limit everything is forgotten, instead of growing with what clients send.
  CHECK(throttle.pass("alg x", t0 + 12s) == 0);
  CHECK(throttle.pass("wrong token", t0 + 12s) == 0);
}
