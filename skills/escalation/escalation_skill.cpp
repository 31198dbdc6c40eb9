#include "skills/escalation/escalation_skill.hpp"

#include <algorithm>

#include "bot/core/log.hpp"
#include "skills/shared/question_card.hpp"

namespace relais::escalation {

void arm(core::Turn& turn, std::int64_t question_id, const Policy& policy) {
  const auto subject = std::to_string(question_id);
  turn.schedule(timer_to_community, subject, turn.now() + policy.to_community);
}

void disarm(core::Turn& turn, std::int64_t question_id) {
  const auto subject = std::to_string(question_id);
  turn.stores().timers.cancel(timer_to_community, subject, turn.now());
  turn.stores().timers.cancel(timer_to_it, subject, turn.now());
}

void share_with_community(core::Turn& turn, const storage::Question& q, const Policy& policy,
                          const std::string& intro_key, const core::Params& intro_params) {
  auto& questions = turn.stores().questions;
  for (const auto& ambassador : turn.stores().people.with_role(core::Role::ambassador)) {
    if (ambassador.id == q.asker_id) continue;
    questions.offer(q.id, ambassador.id, turn.now());
    turn.send(ambassador, skills::question_card(turn, q, ambassador, turn.say(ambassador, intro_key, intro_params)));
  }
  if (const auto asker = turn.stores().people.find(q.asker_id))
    turn.send(*asker, {turn.say(*asker, "escalate.to_asker_community", {{"id", std::to_string(q.id)}})});
  turn.schedule(timer_to_it, std::to_string(q.id), turn.now() + (policy.to_it - policy.to_community));
}

void EscalationSkill::on_timer(core::Turn& turn, const storage::TimerRow& timer) {
  const auto id = std::stoll(timer.subject);
  if (timer.kind == timer_to_community) to_community(turn, id);
  else if (timer.kind == timer_to_it) to_it(turn, id);
}

void EscalationSkill::to_community(core::Turn& turn, std::int64_t id) {
  auto& questions = turn.stores().questions;
  const auto q = questions.transition(id, core::QuestionEvent::escalate, "", turn.now(),
                                      {{"after_minutes", policy_.to_community.count()}});
  if (!q) return;  // claimed or closed meanwhile: nothing to do
  log::info("escalated").kv("question", id).kv("to", "community");
  share_with_community(turn, q.value(), policy_, "escalate.community_intro",
                       {{"id", std::to_string(id)}, {"minutes", std::to_string(policy_.to_community.count())}});
}

void EscalationSkill::to_it(core::Turn& turn, std::int64_t id) {
  auto& questions = turn.stores().questions;
  const auto q = questions.transition(id, core::QuestionEvent::escalate_it, "", turn.now(),
                                      {{"after_minutes", policy_.to_it.count()}});
  if (!q) return;
  log::info("escalated").kv("question", id).kv("to", "it");
  // Ambassadors who were offered it see that it moved on (and can still claim it).
  skills::refresh_cards(turn, q.value());
  const std::string minutes = std::to_string(policy_.to_it.count());
  const auto already = questions.offered_to(id);
  for (const auto& it_person : turn.stores().people.with_role(core::Role::it)) {
    if (std::find(already.begin(), already.end(), it_person.id) != already.end()) continue;
    questions.offer(id, it_person.id, turn.now());
    turn.send(it_person, skills::question_card(
                             turn, q.value(), it_person,
                             turn.say(it_person, "escalate.it_intro",
                                      {{"id", std::to_string(id)}, {"minutes", minutes}})));
  }
  if (const auto asker = turn.stores().people.find(q->asker_id))
    turn.send(*asker, {turn.say(*asker, "escalate.to_asker_it", {{"id", std::to_string(id)}})});
}

}  // namespace relais::escalation
