#pragma once
// The escalation ladder on durable timers: a routed question nobody claims goes to the whole
// ambassador community, then to IT. Claiming or closing a question disarms it.
#include <chrono>
#include <cstdint>

#include "bot/core/skill.hpp"

namespace relais::escalation {

struct Policy {
  std::chrono::minutes to_community{60};  ///< after routing
  std::chrono::minutes to_it{480};        ///< after routing
};

inline constexpr const char* timer_to_community = "escalate_community";
inline constexpr const char* timer_to_it = "escalate_it";

/// Starts the ladder for a question that was just routed.
void arm(core::Turn& turn, std::int64_t question_id, const Policy& policy);
/// Stops it (the question was claimed, resolved or cancelled).
void disarm(core::Turn& turn, std::int64_t question_id);

/// An escalated question goes to every ambassador (its card, with `intro` above it), the asker
/// is told, and the step to IT is scheduled.
void share_with_community(core::Turn& turn, const storage::Question& q, const Policy& policy,
                          const std::string& intro_key, const core::Params& intro_params);

class EscalationSkill final : public core::Skill {
 public:
  explicit EscalationSkill(Policy policy) : policy_(policy) {}
  std::string_view name() const override { return "escalation"; }
  int fit(const core::InboundEvent&, const core::Person&) const override { return core::fit::none; }
  void handle(core::Turn&) override {}
  std::vector<std::string> timer_kinds() const override { return {timer_to_community, timer_to_it}; }
  void on_timer(core::Turn& turn, const storage::TimerRow& timer) override;

 private:
  void to_community(core::Turn& turn, std::int64_t question_id);
  void to_it(core::Turn& turn, std::int64_t question_id);
  Policy policy_;
};

}  // namespace relais::escalation
