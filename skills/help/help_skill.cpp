#include "skills/help/help_skill.hpp"

#include <set>

#include "skills/shared/command.hpp"

namespace relais::help {
namespace {
const std::set<std::string, std::less<>> words = {
    "help", "aide", "hulp", "hilfe", "hi", "hello", "hey", "bonjour", "salut", "hallo", "dag", "goedemorgen",
    "guten", "moin", "start", "?"};
}

int HelpSkill::fit(const core::InboundEvent& event, const core::Person&) const {
  if (event.action == "help" || event.action == "welcome") return core::fit::exact;  // welcome: just added
  if (!event.action.empty()) return core::fit::none;
  const auto c = skills::parse_command(event.text);
  // Only a short greeting or the bare word: "help me share my screen" is a question.
  return words.contains(c.verb) && c.rest.size() <= 12 && !c.number ? core::fit::keyword : core::fit::none;
}

void HelpSkill::handle(core::Turn& turn) {
  const auto& me = *turn.sender();
  const bool helper = me.has(core::Role::ambassador) || me.has(core::Role::community_lead) || me.has(core::Role::it);
  const bool matrix = turn.event()->transport == "matrix";  // no buttons there: commands start with "!", reactions press
  std::string text = turn.say("help.intro", {{"name", me.name}}) + "\n\n";
  text += turn.say(matrix ? "help.matrix" : "help.commands");
  if (helper) text += "\n\n" + turn.say(matrix ? "help.matrix_ambassador" : "help.commands_ambassador");
  text += "\n\n" + turn.say("help.community");
  if (me.has(core::Role::ambassador) || me.has(core::Role::community_lead))
    text += "\n\n" + turn.say("help.community_member");
  if (me.has(core::Role::community_lead)) text += "\n\n" + turn.say("help.community_lead");
  turn.reply({text});
}

}  // namespace relais::help
