#pragma once
// Recruiting ambassadors: anyone offers ("I'd like to become an ambassador", or yes to the
// skills survey's question); community leads get a card per candidate and accept them (the
// role, topics and languages are granted in Relais, so a directory import keeps them) or
// decline. An accepted candidate is welcomed in chat and in the community room, and is routed
// questions from then on.
#include <optional>
#include <string>

#include "bot/core/room.hpp"
#include "bot/core/skill.hpp"

namespace relais::community {

struct RecruitmentSettings {
  std::optional<core::Room> community_room;  ///< where newcomers are welcomed
  std::string room_link;                     ///< how to join that room, for the welcome
};

class RecruitmentSkill final : public core::Skill {
 public:
  explicit RecruitmentSkill(RecruitmentSettings settings) : settings_(std::move(settings)) {}

  std::string_view name() const override { return "recruitment"; }
  int fit(const core::InboundEvent& event, const core::Person& sender) const override;
  void handle(core::Turn& turn) override;
  std::span<const storage::Migration> migrations() const override;

  /// `person` offers to become an ambassador (from chat, or "survey"): records it once and
  /// tells the leads. Returns the candidate's number; nothing when they already are an
  /// ambassador or already offered.
  std::optional<std::int64_t> offer(core::Turn& turn, const core::Person& person, const std::string& source,
                                    const std::string& motivation);

 private:
  void volunteer(core::Turn& turn);
  void note_topics(core::Turn& turn);
  void list_candidates(core::Turn& turn);
  void decide(core::Turn& turn, std::int64_t candidate_id, bool accept, const std::string& words);
  void show_to_leads(core::Turn& turn, std::int64_t candidate_id);

  RecruitmentSettings settings_;
};

/// True for "I'd like to become an ambassador", "je voudrais devenir ambassadeur", "ik wil
/// ambassadeur worden", "ich möchte Botschafter werden", or the command "volunteer".
bool offers_to_volunteer(std::string_view text);

}  // namespace relais::community
