#include "skills/shared/question_card.hpp"
#include "bot/core/ascii.hpp"

#include <algorithm>
#include <cctype>

namespace relais::skills {

using core::QuestionState;

std::string card_key(std::int64_t question_id) { return "question-" + std::to_string(question_id); }

bool may_claim(const core::Person& person, const storage::Question& q) {
  if (person.id == q.asker_id) return false;
  return person.has(core::Role::ambassador) ||
         (q.state == QuestionState::escalated_it && person.has(core::Role::it));
}

std::string circle_of(core::Turn& turn, const std::string& person_id) {
  const auto p = turn.stores().people.find(person_id);
  return p ? p->circle : "";
}

std::string name_of(core::Turn& turn, const std::string& person_id) {
  const auto p = turn.stores().people.find(person_id);
  return p ? p->name : person_id;
}

core::OutboundMessage question_card(core::Turn& turn, const storage::Question& q,
                                    const core::Person& viewer, const std::string& intro) {
  const auto asker = turn.stores().people.find(q.asker_id);
  const std::string id = std::to_string(q.id);
  const std::string claimant = q.claimant_id.empty() ? "" : name_of(turn, q.claimant_id);

  core::Card card;
  card.key = card_key(q.id);
  card.title = turn.say(viewer, "card.title", {{"id", id}});
  card.facts = {
      {turn.say(viewer, "card.asker"), asker ? asker->name : q.asker_id},
      {turn.say(viewer, "card.circle"), asker && !asker->circle.empty() ? asker->circle : "-"},
      {turn.say(viewer, "card.language"), q.language},
  };
  card.body = q.text;
  switch (q.state) {
    case QuestionState::claimed:
      card.status = turn.say(viewer, "card.status_claimed", {{"name", claimant}});
      break;
    case QuestionState::resolved:
      card.status = turn.say(viewer, "card.status_resolved", {{"name", claimant}});
      break;
    case QuestionState::escalated:
      card.status = turn.say(viewer, "card.status_escalated");
      break;
    case QuestionState::escalated_it:
      card.status = turn.say(viewer, "card.status_escalated_it");
      break;
    case QuestionState::cancelled:
      card.status = turn.say(viewer, "card.status_cancelled");
      break;
    default:
      card.status = turn.say(viewer, "card.status_waiting");
  }

  core::OutboundMessage m;
  m.text = intro;
  m.card = std::move(card);
  const nlohmann::json args = {{"question", q.id}};
  if (core::is_claimable(q.state) && may_claim(viewer, q)) {
    m.buttons.push_back({.label = turn.say(viewer, "card.button_claim"), .action = "claim", .args = args, .primary = true});
    const auto offered = turn.stores().questions.offered_to(q.id);
    if (q.state == QuestionState::routed && std::find(offered.begin(), offered.end(), viewer.id) != offered.end())
      m.buttons.push_back({.label = turn.say(viewer, "card.button_pass"), .action = "pass", .args = args});
  } else if (q.state == QuestionState::claimed && viewer.id == q.claimant_id) {
    m.buttons.push_back({.label = turn.say(viewer, "card.button_answer"), .action = "answer", .args = args,
                         .input_placeholder = turn.say(viewer, "card.answer_placeholder"), .primary = true});
    m.buttons.push_back({.label = turn.say(viewer, "card.button_resolve"), .action = "resolve", .args = args});
    m.buttons.push_back({.label = turn.say(viewer, "card.button_release"), .action = "release", .args = args});
  }
  return m;
}

void refresh_cards(core::Turn& turn, const storage::Question& q) {
  for (const auto& id : turn.stores().questions.offered_to(q.id))
    if (const auto viewer = turn.stores().people.find(id)) turn.send(*viewer, question_card(turn, q, *viewer));
  for (const auto& room : turn.stores().questions.rooms_of(q.id)) turn.post(room, question_card(turn, q, room.as_reader()));
}

std::optional<core::Person> find_named(std::vector<core::Person> people, const std::string& who) {
  const auto wanted = core::ascii_lower(who);
  for (auto& p : people)
    if (core::ascii_lower(p.id) == wanted || core::ascii_lower(p.name) == wanted) return std::move(p);
  return std::nullopt;
}

}  // namespace relais::skills
