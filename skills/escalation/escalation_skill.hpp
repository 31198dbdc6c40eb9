#pragma once
// The escalation ladder, on durable timers counted in working time (see working_time.hpp):
//   unclaimed after `reroute`       -> offered to the next best ambassador(s)
//   unclaimed after `to_community`  -> offered to every ambassador (or posted to their room)
//   unclaimed after `to_it`         -> passed to IT (each IT person, or IT's room or webhook)
//   claimed: the claimant is reminded `remind_before` ahead of `to_it`; at `to_it` IT is told
//   the question is still unresolved (the claimant keeps it).
// Claiming, resolving, releasing or cancelling re-arms or disarms the ladder.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string_view>

#include "bot/core/skill.hpp"
#include "bot/storage/question_store.hpp"
#include "bot/core/working_time.hpp"

namespace relais::routing {
class Routing;
}

namespace relais::escalation {

struct Ladder {
  std::chrono::minutes reroute{15};
  std::chrono::minutes to_community{60};
  std::chrono::minutes to_it{510};  ///< one working day of 09:00-17:30
};

struct Policy {
  Ladder ladder;
  std::chrono::minutes remind_before{60};
  core::WorkingTime working;
  std::map<std::string, Ladder, std::less<>> per_circle;  ///< circles with their own times
  std::optional<core::Room> community_room;  ///< else each ambassador is told directly
  std::optional<core::Room> it_room;         ///< else each IT person is told directly

  const Ladder& for_circle(std::string_view circle) const {
    const auto it = per_circle.find(circle);
    return it == per_circle.end() ? ladder : it->second;
  }
};

inline constexpr const char* timer_reroute = "reroute";
inline constexpr const char* timer_to_community = "escalate_community";
inline constexpr const char* timer_to_it = "escalate_it";
inline constexpr const char* timer_remind = "remind_claimant";
inline constexpr const char* timer_unresolved = "unresolved";

/// Starts the ladder for a question just routed (or released back to routing).
void arm(core::Turn& turn, std::int64_t question_id, const Policy& policy);
/// Starts the claimant's clock for a question just claimed.
void arm_claimed(core::Turn& turn, std::int64_t question_id, const Policy& policy);
/// Stops every timer of the question.
void disarm(core::Turn& turn, std::int64_t question_id);

/// An escalated question goes to the community room, or else to every ambassador (its card, with
/// `intro` above it); the asker is told.
void share_with_community(core::Turn& turn, const storage::Question& q, const Policy& policy,
                          const std::string& intro_key, const core::Params& intro_params);

class EscalationSkill final : public core::Skill {
 public:
  EscalationSkill(Policy policy, routing::Routing& routing) : policy_(std::move(policy)), routing_(routing) {}
  std::string_view name() const override { return "escalation"; }
  int fit(const core::InboundEvent&, const core::Person&) const override { return core::fit::none; }
  void handle(core::Turn&) override {}
  std::vector<std::string> timer_kinds() const override {
    return {timer_reroute, timer_to_community, timer_to_it, timer_remind, timer_unresolved};
  }
  void on_timer(core::Turn& turn, const storage::TimerRow& timer) override;

 private:
  void reroute(core::Turn& turn, std::int64_t question_id);
  void to_community(core::Turn& turn, std::int64_t question_id);
  void to_it(core::Turn& turn, std::int64_t question_id);
  void remind(core::Turn& turn, std::int64_t question_id);
  void unresolved(core::Turn& turn, std::int64_t question_id);
  Policy policy_;
  routing::Routing& routing_;
};

}  // namespace relais::escalation
