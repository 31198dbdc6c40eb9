#pragma once
// What ambassadors say about their own routing: "away until 2026-12-24", "available",
// "my stats" (what they claimed, resolved and how fast).
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
  void stats(core::Turn& turn);
};

}  // namespace relais::routing
