#include "skills/routing/routing.hpp"

#include "bot/core/log.hpp"
#include "skills/routing/routing_store.hpp"
#include "skills/shared/question_card.hpp"

namespace relais::routing {

void Routing::route(core::Turn& turn, const storage::Question& question, const core::Person& asker) {
  const auto routed = turn.stores().questions.transition(question.id, core::QuestionEvent::route, asker.id, turn.now());
  if (!routed) return;
  escalation::arm(turn, question.id, escalation_);
  offer(turn, routed.value(), asker);
}

void Routing::offer(core::Turn& turn, const storage::Question& question, const core::Person& asker,
                    const std::set<std::string>& exclude, bool tell_asker_if_nobody) {
  const std::string id = std::to_string(question.id);
  Need need{asker, question.language, RoutingStore(turn.stores().db).topics(question.id), exclude};
  for (const auto& already : turn.stores().questions.offered_to(question.id)) need.exclude.insert(already);

  auto candidates = rank_ambassadors(turn, need, policy_);
  if (candidates.size() > static_cast<std::size_t>(policy_.fan_out)) candidates.resize(static_cast<std::size_t>(policy_.fan_out));
  if (candidates.empty()) {
    log::warn("no_ambassador").kv("question", question.id);
    if (tell_asker_if_nobody) turn.send(asker, {turn.say(asker, "routing.to_asker_nobody", {{"id", id}})});
    return;
  }
  std::string names;
  RoutingStore store(turn.stores().db);
  for (const auto& c : candidates) {
    const auto& a = c.ambassador;
    turn.stores().questions.offer(question.id, a.id, turn.now());
    store.record_offer(a.id, question.id, turn.now());
    turn.stores().questions.note(question.id, "", "offered", turn.now(),
                                 {{"to", a.id}, {"same_circle", c.same_circle}, {"fit", c.fit}});
    const auto why = explain(turn, a, c.reasons);
    turn.send(a, skills::question_card(turn, question, a, turn.say(a, "routing.to_ambassador", {{"id", id}, {"why", why}})));
    names += (names.empty() ? "" : ", ") + a.name;
  }
  if (candidates.size() == 1) {
    const auto& a = candidates.front().ambassador;
    turn.send(asker, {turn.say(asker, "routing.to_asker",
                               {{"id", id}, {"name", a.name}, {"why", explain(turn, asker, candidates.front().reasons)}})});
  } else {
    turn.send(asker, {turn.say(asker, "routing.to_asker_many", {{"id", id}, {"names", names}})});
  }
}

}  // namespace relais::routing
