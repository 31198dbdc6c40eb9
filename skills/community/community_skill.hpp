#pragma once
// "Who is my ambassador?", in any of our languages (or "ambassadors" as a command): the
// ambassadors of the asker's circle first, with their language and topics, then the others.
#include "bot/core/skill.hpp"

namespace relais::community {

class CommunitySkill final : public core::Skill {
 public:
  std::string_view name() const override { return "community"; }
  int fit(const core::InboundEvent& event, const core::Person& sender) const override;
  void handle(core::Turn& turn) override;
};

/// True for "who is my ambassador?", "qui est mon ambassadeur ?", "wie is mijn ambassadeur",
/// "wer ist mein Botschafter?", "my ambassador", "ambassadors".
bool asks_for_ambassador(std::string_view text);

}  // namespace relais::community
