#pragma once
// Calendar dates as people write them in files and chat: YYYY-MM-DD.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace relais::core {

/// The date written YYYY-MM-DD, if it is a real one.
std::optional<std::chrono::sys_days> parse_iso_date(std::string_view s);
inline bool is_iso_date(std::string_view s) { return parse_iso_date(s).has_value(); }
std::string format_iso_date(std::chrono::sys_days d);

}  // namespace relais::core
