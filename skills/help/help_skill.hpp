#pragma once
// "help" (in any of our languages) and greetings: what the bot can do for this person.
#include "bot/core/skill.hpp"

namespace relais::help {

class HelpSkill final : public core::Skill {
 public:
  std::string_view name() const override { return "help"; }
  int fit(const core::InboundEvent& event, const core::Person& sender) const override;
  void handle(core::Turn& turn) override;
};

}  // namespace relais::help
