// ASCII case folding: letters fold, everything else (digits, punctuation, UTF-8 bytes) is kept.
#include <doctest/doctest.h>

#include "bot/core/ascii.hpp"

using relais::core::ascii_iequals;
using relais::core::ascii_lower;

TEST_CASE("ascii_lower folds ASCII letters only; ascii_iequals compares so, lengths included") {
  CHECK(ascii_lower("Content-Type: X-Ms-123") == "content-type: x-ms-123");
  CHECK(ascii_lower("Élodie ÄÖ") == "Élodie ÄÖ");  // UTF-8 bytes untouched (no locale surprises)
  CHECK(ascii_lower("") == "");
  CHECK(ascii_iequals("Teams Training", "teams training"));
  CHECK_FALSE(ascii_iequals("Teams", "Teams "));
  CHECK_FALSE(ascii_iequals("Élodie", "élodie"));
}
