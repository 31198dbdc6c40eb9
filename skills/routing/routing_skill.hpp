#pragma once
// What ambassadors say about their own routing: "away until 2026-12-24", "available". Their
// workload figures are part of "my figures" (skills/community/recognition_skill).
#include "bot/core/skill.hpp"

namespace relais::routing {

class RoutingSkill final : public core::Skill {
 public:
  std::string_view name() const override { return "routing"; }
  int fit(const core::InboundEvent& event, const core::Person& sender) const override;
  void handle(core::Turn& turn) override;
  std::span<const storage::Migration> migrations() const override;

 private:
  void away(core::Turn& turn, const std::string& rest);
  void available(core::Turn& turn);
};

/// The ambassador's last 30 days: questions offered, claimed, resolved, open now, and the
/// median time from offer to claim, as a sentence for them.
std::string workload_summary(core::Turn& turn, const core::Person& ambassador);

}  // namespace relais::routing
