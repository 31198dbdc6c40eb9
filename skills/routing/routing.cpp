#include "skills/routing/routing.hpp"

#include <tuple>

#include "bot/core/log.hpp"
#include "skills/shared/question_card.hpp"

namespace relais::routing {

std::optional<Pick> pick_ambassador(core::Turn& turn, const core::Person& asker,
                                    const std::string& exclude) {
  auto& db = turn.stores().db;
  std::optional<Pick> best;
  std::tuple<int, std::int64_t, std::int64_t, std::string> best_rank;
  for (auto& a : turn.stores().people.with_role(core::Role::ambassador)) {
    if (a.id == asker.id || a.id == exclude) continue;
    const bool same_circle = !asker.circle.empty() && a.circle == asker.circle;
    const auto load = turn.stores().questions.open_claims(a.id);
    const auto last_asked =
        db.query_int("SELECT MAX(offered_at) FROM question_offers WHERE person_id = ?1", a.id)
            .value_or(0);
    const auto rank = std::make_tuple(same_circle ? 0 : 1, load, last_asked, a.id);
    if (!best || rank < best_rank) {
      best_rank = rank;
      best = Pick{std::move(a), same_circle};
    }
  }
  return best;
}

void Routing::route(core::Turn& turn, const storage::Question& question, const core::Person& asker) {
  const auto routed = turn.stores().questions.transition(question.id, core::QuestionEvent::route,
                                                         asker.id, turn.now());
  if (!routed) return;
  escalation::arm(turn, question.id, policy_);
  offer(turn, routed.value(), asker, "");
}

void Routing::offer(core::Turn& turn, const storage::Question& question, const core::Person& asker,
                    const std::string& exclude) {
  const std::string id = std::to_string(question.id);
  const auto pick = pick_ambassador(turn, asker, exclude);
  if (!pick) {
    log::warn("no_ambassador").kv("question", question.id);
    turn.send(asker, {turn.say(asker, "routing.to_asker_nobody", {{"id", id}})});
    return;
  }
  const auto& a = pick->ambassador;
  turn.stores().questions.offer(question.id, a.id, turn.now());
  const std::string why =
      pick->same_circle
          ? turn.say(a, "routing.why_same_circle", {{"circle", asker.circle}})
          : turn.say(a, "routing.why_other_circle", {{"circle", asker.circle.empty() ? "-" : asker.circle}});
  turn.stores().questions.note(question.id, "", "offered", turn.now(),
                               {{"to", a.id}, {"same_circle", pick->same_circle}});
  turn.send(a, skills::question_card(turn, question, a,
                                     turn.say(a, "routing.to_ambassador", {{"id", id}, {"why", why}})));
  turn.send(asker, {turn.say(asker, "routing.to_asker",
                             {{"id", id}, {"name", a.name}, {"circle", a.circle}})});
}

}  // namespace relais::routing
