#pragma once
// The ambassadors' private briefing feed: community leads and IT brief the community first
// ("brief The new printers arrive on Monday: …"), every member gets it in chat, and
// "briefings" shows the latest ones again. Campaigns brief through it too.
#include <functional>

#include "bot/core/skill.hpp"

namespace relais::community {

class BriefingSkill final : public core::Skill {
 public:
  std::string_view name() const override { return "briefings"; }
  int fit(const core::InboundEvent& event, const core::Person& sender) const override;
  void handle(core::Turn& turn) override;
  std::span<const storage::Migration> migrations() const override;
};

/// Keeps the briefing in the feed and sends it to every ambassador and lead, in their own
/// language when `text_for` is given. Returns how many it was sent to.
std::size_t publish_briefing(core::Turn& turn, const std::string& author_name, const std::string& author_id,
                             const std::string& text, const std::string& campaign = "",
                             const std::function<std::string(const core::Person&)>& text_for = {});

}  // namespace relais::community
