#include "skills/escalation/escalation_skill.hpp"

#include <algorithm>

#include "bot/core/log.hpp"
#include "skills/routing/routing.hpp"
#include "skills/shared/question_card.hpp"

namespace relais::escalation {

const Ladder& ladder_of(core::Turn& turn, std::int64_t question_id, const Policy& policy) {
  const auto q = turn.stores().questions.get(question_id);
  const auto asker = q ? turn.stores().people.find(q->asker_id) : std::nullopt;
  return policy.for_circle(asker ? asker->circle : "");
}

void arm(core::Turn& turn, std::int64_t question_id, const Policy& policy) {
  const auto subject = std::to_string(question_id);
  const auto& w = policy.working;
  const auto& l = ladder_of(turn, question_id, policy);
  turn.schedule(timer_reroute, subject, w.add(turn.now(), l.reroute));
  turn.schedule(timer_to_community, subject, w.add(turn.now(), l.to_community));
  turn.schedule(timer_to_it, subject, w.add(turn.now(), l.to_it));
}

void arm_claimed(core::Turn& turn, std::int64_t question_id, const Policy& policy) {
  const auto subject = std::to_string(question_id);
  const auto& w = policy.working;
  const auto& l = ladder_of(turn, question_id, policy);
  turn.schedule(timer_remind, subject, w.add(turn.now(), std::max(l.to_it - policy.remind_before, std::chrono::minutes(1))));
  turn.schedule(timer_unresolved, subject, w.add(turn.now(), l.to_it));
}

void disarm(core::Turn& turn, std::int64_t question_id) {
  const auto subject = std::to_string(question_id);
  for (const char* kind : {timer_reroute, timer_to_community, timer_to_it, timer_remind, timer_unresolved})
    turn.stores().timers.cancel(kind, subject, turn.now());
}

namespace {
/// Posts the question's card to a room, written in the room's language for its audience.
void post_card(core::Turn& turn, const core::Room& room, const storage::Question& q, const std::string& intro_key,
               const core::Params& intro_params) {
  const auto reader = room.as_reader();
  turn.post(room, skills::question_card(turn, q, reader, turn.say(reader, intro_key, intro_params)));
  if (room.transport == "teams") turn.stores().questions.posted_in(q.id, room);  // its card updates in place
}
}  // namespace

void share_with_community(core::Turn& turn, const storage::Question& q, const Policy& policy,
                          const std::string& intro_key, const core::Params& intro_params) {
  auto& questions = turn.stores().questions;
  if (policy.community_room) {
    post_card(turn, *policy.community_room, q, intro_key, intro_params);
  } else {
    for (const auto& ambassador : turn.stores().people.with_role(core::Role::ambassador)) {
      if (ambassador.id == q.asker_id) continue;
      questions.offer(q.id, ambassador.id, turn.now());
      turn.send(ambassador, skills::question_card(turn, q, ambassador, turn.say(ambassador, intro_key, intro_params)));
    }
  }
  if (const auto asker = turn.stores().people.find(q.asker_id))
    turn.send(*asker, {turn.say(*asker, "escalate.to_asker_community", {{"id", std::to_string(q.id)}})});
}

void EscalationSkill::on_timer(core::Turn& turn, const storage::TimerRow& timer) {
  const auto id = std::stoll(timer.subject);
  if (timer.kind == timer_reroute) reroute(turn, id);
  else if (timer.kind == timer_to_community) to_community(turn, id);
  else if (timer.kind == timer_to_it) to_it(turn, id);
  else if (timer.kind == timer_remind) remind(turn, id);
  else if (timer.kind == timer_unresolved) unresolved(turn, id);
}

void EscalationSkill::reroute(core::Turn& turn, std::int64_t id) {
  const auto q = turn.stores().questions.get(id);
  if (!q || q->state != core::QuestionState::routed) return;
  const auto asker = turn.stores().people.find(q->asker_id);
  if (!asker) return;
  log::info("rerouted").kv("question", id);
  routing_.offer(turn, *q, *asker, {}, /*tell_asker_if_nobody=*/false);
}

void EscalationSkill::to_community(core::Turn& turn, std::int64_t id) {
  const auto minutes = ladder_of(turn, id, policy_).to_community.count();
  const auto q = turn.stores().questions.transition(id, core::QuestionEvent::escalate, "", turn.now(),
                                                    {{"after_working_minutes", minutes}});
  if (!q) return;  // claimed or closed meanwhile: nothing to do
  log::info("escalated").kv("question", id).kv("to", "community");
  skills::refresh_cards(turn, q.value());
  share_with_community(turn, q.value(), policy_, "escalate.community_intro",
                       {{"id", std::to_string(id)}, {"minutes", std::to_string(minutes)}});
}

void EscalationSkill::to_it(core::Turn& turn, std::int64_t id) {
  auto& questions = turn.stores().questions;
  auto q = questions.get(id);
  if (!q) return;
  if (q->state == core::QuestionState::routed)  // the community step was skipped (a short ladder)
    questions.transition(id, core::QuestionEvent::escalate, "", turn.now());
  const auto after = ladder_of(turn, id, policy_).to_it.count();
  const auto moved = questions.transition(id, core::QuestionEvent::escalate_it, "", turn.now(),
                                          {{"after_working_minutes", after}});
  if (!moved) return;
  log::info("escalated").kv("question", id).kv("to", "it");
  // Ambassadors who were offered it see that it moved on (and can still claim it).
  skills::refresh_cards(turn, moved.value());
  const core::Params intro = {{"id", std::to_string(id)}, {"minutes", std::to_string(after)}};
  if (policy_.it_room) {
    post_card(turn, *policy_.it_room, moved.value(), "escalate.it_intro", intro);
  } else {
    const auto already = questions.offered_to(id);
    for (const auto& it_person : turn.stores().people.with_role(core::Role::it)) {
      if (std::find(already.begin(), already.end(), it_person.id) != already.end()) continue;
      questions.offer(id, it_person.id, turn.now());
      turn.send(it_person, skills::question_card(turn, moved.value(), it_person,
                                                 turn.say(it_person, "escalate.it_intro", intro)));
    }
  }
  if (const auto asker = turn.stores().people.find(moved->asker_id))
    turn.send(*asker, {turn.say(*asker, "escalate.to_asker_it", {{"id", std::to_string(id)}})});
}

void EscalationSkill::remind(core::Turn& turn, std::int64_t id) {
  const auto q = turn.stores().questions.get(id);
  if (!q || q->state != core::QuestionState::claimed) return;
  if (const auto claimant = turn.stores().people.find(q->claimant_id)) {
    core::OutboundMessage m{turn.say(*claimant, "escalate.remind_claimant",
                                     {{"id", std::to_string(id)}, {"minutes", std::to_string(policy_.remind_before.count())}})};
    m.buttons.push_back({.label = turn.say(*claimant, "card.button_resolve"), .action = "resolve", .args = {{"question", id}}});
    m.buttons.push_back({.label = turn.say(*claimant, "card.button_release"), .action = "release", .args = {{"question", id}}});
    turn.send(*claimant, m);
  }
}

void EscalationSkill::unresolved(core::Turn& turn, std::int64_t id) {
  const auto q = turn.stores().questions.get(id);
  if (!q || q->state != core::QuestionState::claimed) return;
  log::info("unresolved_told_it").kv("question", id);
  turn.stores().questions.note(id, "", "unresolved_told_it", turn.now());
  const core::Params intro = {{"id", std::to_string(id)}, {"name", skills::name_of(turn, q->claimant_id)}};
  if (policy_.it_room) return post_card(turn, *policy_.it_room, *q, "escalate.it_unresolved", intro);
  for (const auto& it_person : turn.stores().people.with_role(core::Role::it))
    turn.send(it_person, skills::question_card(turn, *q, it_person, turn.say(it_person, "escalate.it_unresolved", intro)));
}

}  // namespace relais::escalation
