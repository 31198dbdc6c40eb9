#include "skills/faq/faq_skill.hpp"

#include "bot/core/log.hpp"

namespace relais::faq {
namespace {
constexpr std::size_t max_question_length = 4000;
}

int FaqSkill::fit(const core::InboundEvent& event, const core::Person&) const {
  if (event.action == "helpful" || event.action == "not_helpful") return core::fit::exact;
  if (event.action.empty() && !event.text.empty()) return core::fit::fallback;
  return core::fit::none;
}

void FaqSkill::handle(core::Turn& turn) {
  const auto& action = turn.event()->action;
  if (action == "helpful") return rate(turn, true);
  if (action == "not_helpful") return rate(turn, false);
  ask(turn);
}

void FaqSkill::ask(core::Turn& turn) {
  const auto& event = *turn.event();
  const auto& asker = *turn.sender();
  std::string text = event.text;
  if (text.size() > max_question_length) text.resize(max_question_length);
  auto& questions = turn.stores().questions;
  const auto q = questions.create(asker.id, text, asker.language, event.dedupe_key(), turn.now());

  const auto matches = index_->search(text, 1);
  if (!matches.empty() && matches.front().confidence >= threshold_) {
    const auto& entry = *matches.front().entry;
    const auto& t = entry.best_translation(asker.language);
    questions.set_faq_entry(q.id, entry.id);
    questions.transition(q.id, core::QuestionEvent::answer, "", turn.now(),
                         {{"entry", entry.id}, {"confidence", matches.front().confidence}});
    log::debug("faq_answer").kv("question", q.id).kv("entry", entry.id)
        .kv("confidence", matches.front().confidence);
    core::OutboundMessage m;
    m.text = turn.say("faq.answer_intro", {{"question", t.question}}) + "\n\n" + t.answer;
    if (!entry.link.empty()) m.text += "\n\n" + turn.say("faq.more_link", {{"link", entry.link}});
    const nlohmann::json args = {{"question", q.id}};
    m.buttons.push_back({.label = turn.say("faq.button_helpful"), .action = "helpful", .args = args});
    m.buttons.push_back({.label = turn.say("faq.button_not_helpful"), .action = "not_helpful", .args = args});
    turn.reply(m);
    return;
  }
  routing_.route(turn, q, asker);
}

void FaqSkill::rate(core::Turn& turn, bool helpful) {
  const auto& args = turn.event()->args;
  const auto it = args.find("question");
  const auto id = it != args.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
  auto& questions = turn.stores().questions;
  const auto q = questions.get(id);
  if (!q || q->asker_id != turn.sender()->id) {
    turn.reply({turn.say("error.unknown_question", {{"id", std::to_string(id)}})});
    return;
  }
  questions.note(q->id, turn.sender()->id, "rated", turn.now(), {{"helpful", helpful}});
  if (helpful || q->state != core::QuestionState::answered) {
    turn.reply({turn.say("faq.thanks_rating")});
    return;
  }
  routing_.route(turn, *q, *turn.sender());
}

}  // namespace relais::faq
