#include "bot/core/dates.hpp"

#include <cstdio>

namespace relais::core {

std::optional<std::chrono::sys_days> parse_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int digits[10] = {};
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    digits[i] = s[i] - '0';
  }
  using namespace std::chrono;
  const year_month_day ymd{year(digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]),
                           month(static_cast<unsigned>(digits[5] * 10 + digits[6])),
                           day(static_cast<unsigned>(digits[8] * 10 + digits[9]))};
  if (!ymd.ok()) return std::nullopt;
  return sys_days(ymd);
}

std::string format_iso_date(std::chrono::sys_days d) {
  const std::chrono::year_month_day ymd(d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

}  // namespace relais::core
