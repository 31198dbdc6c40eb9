#include "skills/feedback/feedback_skill.hpp"

#include "skills/feedback/feedback_store.hpp"
#include "skills/shared/command.hpp"

namespace relais::feedback {

namespace {
std::string trimmed(std::string s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}
}  // namespace

std::span<const storage::Migration> FeedbackSkill::migrations() const { return feedback_migrations(); }

core::Button comment_button(core::Turn& turn, std::int64_t question_id) {
  return {.label = turn.say("rating.button_comment"), .action = "rate_comment", .args = {{"question", question_id}},
          .input_placeholder = turn.say("rating.placeholder")};
}

int FeedbackSkill::fit(const core::InboundEvent& event, const core::Person&) const {
  if (event.action == "feedback" || event.action == "rate_help" || event.action == "rate_comment") return core::fit::exact;
  if (!event.action.empty()) return core::fit::none;
  return skills::parse_command(event.text).verb == "feedback" ? core::fit::exact : core::fit::none;
}

void FeedbackSkill::rate_help(core::Turn& turn) {
  const auto& event = *turn.event();
  const auto id = event.args.value("question", std::int64_t{0});
  const auto q = turn.stores().questions.get(id);
  if (!q || q->asker_id != turn.sender()->id) return turn.reply({turn.say("error.unknown_question", {{"id", std::to_string(id)}})});
  for (const auto& e : turn.stores().questions.history(id))
    if (e.event == "rated" && e.actor_id == q->asker_id && e.detail.value("of", "") == "help")
      return turn.reply({turn.say("rating.already")});  // one rating per question
  const bool helpful = event.args.value("helpful", false);
  turn.stores().questions.note(id, q->asker_id, "rated", turn.now(), {{"helpful", helpful}, {"of", "help"}});
  core::OutboundMessage thanks{turn.say("rating.thanks")};
  thanks.buttons.push_back(comment_button(turn, id));
  turn.reply(thanks);
}

void FeedbackSkill::comment(core::Turn& turn) {
  const auto& event = *turn.event();
  const auto id = event.args.value("question", std::int64_t{0});
  const auto q = turn.stores().questions.get(id);
  if (!q || q->asker_id != turn.sender()->id) return turn.reply({turn.say("error.unknown_question", {{"id", std::to_string(id)}})});
  const auto text = trimmed(event.text).substr(0, max_feedback_length);
  if (text.empty()) return turn.reply({turn.say("feedback.ask")});
  turn.stores().questions.note(id, q->asker_id, "rating_comment", turn.now(), {{"text", text}});
  turn.reply({turn.say("rating.comment_thanks")});
}

void FeedbackSkill::handle(core::Turn& turn) {
  const auto& event = *turn.event();
  if (event.action == "rate_help") return rate_help(turn);
  if (event.action == "rate_comment") return comment(turn);
  const auto& me = *turn.sender();
  std::string text = trimmed(event.action.empty() ? skills::parse_command(event.text).rest : event.text);
  if (text.empty()) {
    core::OutboundMessage ask{turn.say("feedback.ask")};
    ask.buttons.push_back({.label = turn.say("feedback.button"), .action = "feedback",
                           .input_placeholder = turn.say("feedback.placeholder")});
    return turn.reply(ask);
  }
  if (text.size() > max_feedback_length) text.resize(max_feedback_length);
  const auto topics = tagger_ ? tagger_(text, me.language) : std::vector<std::string>{};
  FeedbackStore(turn.stores().db).add({0, me.id, me.circle, me.language, text, topics, event.transport, turn.now()});
  std::string about;
  for (const auto& t : topics) about += (about.empty() ? "" : ", ") + t;
  turn.reply({about.empty() ? turn.say("feedback.thanks") : turn.say("feedback.thanks_topics", {{"topics", about}})});
}

}  // namespace relais::feedback
