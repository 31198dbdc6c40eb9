#pragma once
// What ambassadors and askers do with a routed question: claim, answer, resolve, release,
// reopen, cancel, reassign (to a named ambassador or to the community); plus "queue" for
// ambassadors and "my questions" for everyone. Each works from a card button or as a typed
// command ("claim 12", "answer 12 Open Settings...", "reassign 12 Bart Peeters").
#include "bot/core/skill.hpp"
#include "skills/routing/routing.hpp"

namespace relais::claim {

class ClaimSkill final : public core::Skill {
 public:
  explicit ClaimSkill(routing::Routing& routing) : routing_(routing) {}
  std::string_view name() const override { return "claim"; }
  int fit(const core::InboundEvent& event, const core::Person& sender) const override;
  void handle(core::Turn& turn) override;

 private:
  void claim(core::Turn& turn, const storage::Question& q);
  void answer(core::Turn& turn, const storage::Question& q, const std::string& text);
  void resolve(core::Turn& turn, const storage::Question& q);
  void release(core::Turn& turn, const storage::Question& q);
  /// An offered ambassador declines: the next best one is asked now.
  void pass(core::Turn& turn, const storage::Question& q);
  void reopen(core::Turn& turn, const storage::Question& q);
  void cancel(core::Turn& turn, const storage::Question& q);
  void reassign(core::Turn& turn, const storage::Question& q, const std::string& to);
  void queue(core::Turn& turn);
  void my_questions(core::Turn& turn);
  void open_questions(core::Turn& turn);
  void refuse(core::Turn& turn, const storage::Question& q);
  /// True when `q` is claimed and the sender is its claimant (or the asker, with `asker_too`),
  /// a community lead or IT; otherwise replies why not.
  bool may_act_for_claimant(core::Turn& turn, const storage::Question& q, bool asker_too = false);

  routing::Routing& routing_;
};

}  // namespace relais::claim
