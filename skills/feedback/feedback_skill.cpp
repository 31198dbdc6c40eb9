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

int FeedbackSkill::fit(const core::InboundEvent& event, const core::Person&) const {
  if (!event.action.empty()) return event.action == "feedback" ? core::fit::exact : core::fit::none;
  return skills::parse_command(event.text).verb == "feedback" ? core::fit::exact : core::fit::none;
}

void FeedbackSkill::handle(core::Turn& turn) {
  const auto& event = *turn.event();
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
