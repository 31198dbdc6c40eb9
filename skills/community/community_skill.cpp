#include "skills/community/community_skill.hpp"

#include <set>
#include <sstream>

#include "bot/core/ascii.hpp"
#include "skills/shared/command.hpp"

namespace relais::community {

namespace {

/// "Amélie Dubois (fr, en · excel, teams)"
std::string introduce(const core::Person& a) {
  std::string topics, languages = a.language;
  for (const auto& t : a.topics) topics += (topics.empty() ? "" : ", ") + t;
  for (const auto& l : a.languages) languages += ", " + l;
  return "**" + a.name + "** (" + languages + (topics.empty() ? "" : " · " + topics) + ")";
}
}  // namespace

bool asks_for_ambassador(std::string_view text) {
  if (text.size() > 80) return false;  // a long message is a question, not this
  const auto t = core::ascii_lower(text);
  const bool names_them = t.find("ambassad") != std::string::npos || t.find("botschafter") != std::string::npos;
  if (!names_them) return false;
  const auto c = skills::parse_command(t);
  if (c.verb.starts_with("ambassad") && c.rest.empty()) return true;  // "ambassadors", "!ambassador"
  std::istringstream words(t);
  static const std::set<std::string, std::less<>> asking = {"who", "my", "qui", "mon", "ma", "mes", "wie", "mijn", "wer", "mein", "meine"};
  for (std::string w; words >> w;)
    if (asking.contains(w)) return true;
  return false;
}

int CommunitySkill::fit(const core::InboundEvent& event, const core::Person&) const {
  return event.action.empty() && asks_for_ambassador(event.text) ? core::fit::keyword : core::fit::none;
}

void CommunitySkill::handle(core::Turn& turn) {
  const auto& me = *turn.sender();
  std::vector<core::Person> mine, others;
  for (auto& a : turn.stores().people.with_role(core::Role::ambassador)) {
    if (a.id == me.id) continue;
    (a.circle == me.circle ? mine : others).push_back(std::move(a));
  }
  std::string text;
  if (!mine.empty()) {
    std::string list;
    for (const auto& a : mine) list += (list.empty() ? "" : ", ") + introduce(a);
    text = turn.say("community.your_ambassador", {{"circle", me.circle}, {"ambassadors", list}});
  } else {
    text = turn.say("community.no_ambassador", {{"circle", me.circle.empty() ? "-" : me.circle}});
  }
  if (!others.empty()) {
    text += "\n\n" + turn.say("community.others");
    for (const auto& a : others) text += "\n- " + introduce(a) + " — " + a.circle;
  }
  text += "\n\n" + turn.say("community.ask_me");
  core::OutboundMessage reply{text};
  for (const auto& a : mine) reply.mentions.push_back(a.id);
  turn.reply(reply);
}

}  // namespace relais::community
