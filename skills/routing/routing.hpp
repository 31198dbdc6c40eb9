#pragma once
// Hands a question the FAQ could not answer to an ambassador. This walking-skeleton policy:
// an ambassador of the asker's circle first, then any ambassador; the least loaded, then the
// least recently asked; never the asker. The chosen ambassador and the asker see why.
#include <optional>
#include <string>

#include "bot/core/person.hpp"
#include "bot/core/turn.hpp"
#include "bot/storage/question_store.hpp"
#include "skills/escalation/escalation_skill.hpp"

namespace relais::routing {

struct Pick {
  core::Person ambassador;
  bool same_circle = false;
};

/// The ambassador to offer a question of `asker` to, skipping `exclude` (a person id).
std::optional<Pick> pick_ambassador(core::Turn& turn, const core::Person& asker,
                                    const std::string& exclude = "");

class Routing {
 public:
  explicit Routing(escalation::Policy policy) : policy_(policy) {}

  /// asked/answered -> routed: offers the question and tells the asker.
  void route(core::Turn& turn, const storage::Question& question, const core::Person& asker);
  /// Offers an already routed question (e.g. after a release), skipping `exclude`.
  void offer(core::Turn& turn, const storage::Question& question, const core::Person& asker,
             const std::string& exclude);

  const escalation::Policy& policy() const { return policy_; }

 private:
  escalation::Policy policy_;
};

}  // namespace relais::routing
