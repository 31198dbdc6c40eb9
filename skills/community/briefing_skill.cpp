#include "skills/community/briefing_skill.hpp"

#include "bot/core/dates.hpp"
#include "bot/core/log.hpp"
#include "skills/community/briefing_store.hpp"
#include "skills/community/members.hpp"
#include "skills/shared/command.hpp"

namespace relais::community {

namespace {
bool may_brief(const core::Person& p) { return p.has(core::Role::community_lead) || p.has(core::Role::it); }
bool may_read(const core::Person& p) { return is_member(p) || p.has(core::Role::it); }
}  // namespace

std::span<const storage::Migration> BriefingSkill::migrations() const { return briefing_migrations(); }

int BriefingSkill::fit(const core::InboundEvent& event, const core::Person&) const {
  if (!event.action.empty()) return core::fit::none;
  const auto c = skills::parse_command(event.text);
  if (c.verb == "briefings" && c.rest.empty() && !c.number) return core::fit::exact;
  // "brief <text>": a few words at least, so "brief" alone or a short question is not one.
  return c.verb == "brief" && skills::after_verb(event.text).size() >= 10 ? core::fit::exact : core::fit::none;
}

std::size_t publish_briefing(core::Turn& turn, const std::string& author_name, const std::string& author_id,
                             const std::string& text, const std::string& campaign,
                             const std::function<std::string(const core::Person&)>& text_for) {
  BriefingStore(turn.stores().db).add(author_id, text, campaign, turn.now());
  const auto members = community_members(turn.stores().people);
  for (const auto& p : members)
    turn.send(p, {turn.say(p, "briefing.message", {{"author", author_name}}) + "\n\n" + (text_for ? text_for(p) : text)});
  log::info("briefing").kv("members", members.size()).kv("campaign", campaign);
  return members.size();
}

void BriefingSkill::handle(core::Turn& turn) {
  const auto& me = *turn.sender();
  const auto c = skills::parse_command(turn.event()->text);
  if (c.verb == "brief") {
    if (!may_brief(me)) return turn.reply({turn.say("briefing.only_leads")});
    const auto count = publish_briefing(turn, me.name, me.id, skills::after_verb(turn.event()->text).substr(0, 4000));
    return turn.reply({turn.say("briefing.sent", {{"count", std::to_string(count)}})});
  }
  if (!may_read(me)) return turn.reply({turn.say("briefing.members_only")});
  const auto latest = BriefingStore(turn.stores().db).latest(5);
  if (latest.empty()) return turn.reply({turn.say("briefing.none")});
  std::string text = turn.say("briefing.latest");
  for (const auto& b : latest) {
    const auto author = turn.stores().people.find(b.author_id);
    text += "\n\n**" + core::format_iso_date(std::chrono::floor<std::chrono::days>(b.at)) + "** · " +
            (author ? author->name : b.author_id) + "\n" + b.text;
  }
  turn.reply({text});
}

}  // namespace relais::community
