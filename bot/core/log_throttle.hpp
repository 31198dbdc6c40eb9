#pragma once
// The same complaint, one line per period: a client retrying with a bad token hundreds of times
// a second must not bury the log (nor fill the disk). The next line let through says how many
// were held back meanwhile.
#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "bot/core/log.hpp"

namespace relais::log {

class Throttle {
 public:
  using Clock = std::chrono::steady_clock;
  explicit Throttle(Clock::duration period = std::chrono::seconds(10), std::size_t max_keys = 256)
      : period_(period), max_keys_(max_keys) {}

  /// May a line about `key` be written now? If so, how many were held back since the last one;
  /// if not, nullopt (and it is counted).
  std::optional<long long> pass(const std::string& key, Clock::time_point now = Clock::now()) {
    auto it = keys_.find(key);
    if (it != keys_.end() && now - it->second.last < period_) {
      ++it->second.held;
      return std::nullopt;
    }
    // Keys can carry what a client sent (a token's odd algorithm): forget them all rather than grow.
    if (it == keys_.end() && keys_.size() >= max_keys_) keys_.clear();
    auto& state = keys_[key];
    const long long held = state.held;
    state = {now, 0};
    return held;
  }

 private:
  struct State {
    Clock::time_point last;
    long long held = 0;
  };
  Clock::duration period_;
  std::size_t max_keys_;
  std::map<std::string, State> keys_;
};

/// `event reason=...` at warn level, once a period per reason; the line says `held_back=N` when
/// lines were held back before it.
inline void warn_throttled(Throttle& throttle, std::string_view event, const std::string& reason) {
  const auto held_back = throttle.pass(reason);
  if (!held_back) return;
  auto line = warn(event);
  line.kv("reason", reason);
  if (*held_back > 0) line.kv("held_back", *held_back);
}

}  // namespace relais::log
