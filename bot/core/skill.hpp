#pragma once
// A capability of the bot. Skills hold pure domain logic over their stores and write replies
// through the Turn; they never call a transport.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bot/core/inbound_event.hpp"
#include "bot/core/person.hpp"
#include "bot/core/turn.hpp"
#include "bot/storage/migrations.hpp"
#include "bot/storage/timer_store.hpp"

namespace relais::core {

/// How well a skill fits an event. The router runs the highest; ties go to the earlier skill.
namespace fit {
inline constexpr int none = 0;
inline constexpr int fallback = 1;  ///< the FAQ catch-all
inline constexpr int keyword = 50;  ///< a free-text command such as "help"
inline constexpr int exact = 100;   ///< a button action or command this skill owns
}  // namespace fit

class Skill {
 public:
  virtual ~Skill() = default;
  virtual std::string_view name() const = 0;
  virtual int fit(const InboundEvent& event, const Person& sender) const = 0;
  virtual void handle(Turn& turn) = 0;

  /// Timer kinds this skill fires, and the handler.
  virtual std::vector<std::string> timer_kinds() const { return {}; }
  virtual void on_timer(Turn& /*turn*/, const storage::TimerRow& /*timer*/) {}

  /// The staff directory or the knowledge changed (and at start): new starters, modules or
  /// survey runs to act on.
  virtual void on_refresh(Turn& /*turn*/) {}

  /// The skill's own tables.
  virtual std::span<const storage::Migration> migrations() const { return {}; }
};

}  // namespace relais::core
