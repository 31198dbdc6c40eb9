#pragma once
// Hands a question the FAQ could not answer to the right ambassador(s) — see ambassador_picker.hpp
// for who is chosen and why — tells them and the asker why, and starts the escalation ladder.
#include <set>
#include <string>
#include <vector>

#include "bot/core/person.hpp"
#include "bot/core/turn.hpp"
#include "bot/storage/question_store.hpp"
#include "skills/escalation/escalation_skill.hpp"
#include "skills/routing/ambassador_picker.hpp"

namespace relais::routing {

class Routing {
 public:
  Routing(escalation::Policy escalation, Policy policy) : escalation_(escalation), policy_(policy) {}

  /// asked/answered -> routed: offers it (by the topics recorded when it was asked), tells the asker.
  void route(core::Turn& turn, const storage::Question& question, const core::Person& asker);
  /// Offers an already routed question to ambassadors not yet asked (and not in `exclude`).
  void offer(core::Turn& turn, const storage::Question& question, const core::Person& asker,
             const std::set<std::string>& exclude = {}, bool tell_asker_if_nobody = true);

  const escalation::Policy& escalation_policy() const { return escalation_; }

 private:
  escalation::Policy escalation_;
  Policy policy_;
};

}  // namespace relais::routing
