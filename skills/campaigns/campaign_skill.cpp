#include "skills/campaigns/campaign_skill.hpp"

#include <set>
#include <sstream>

#include "bot/core/dates.hpp"
#include "bot/core/knowledge_file.hpp"
#include "bot/core/log.hpp"
#include "skills/campaigns/campaign.hpp"
#include "skills/campaigns/campaign_indicators.hpp"
#include "skills/campaigns/campaign_report.hpp"
#include "skills/campaigns/campaign_store.hpp"
#include "skills/community/briefing_skill.hpp"
#include "skills/community/members.hpp"
#include "skills/feedback/feedback_store.hpp"
#include "skills/shared/command.hpp"
#include "skills/shared/question_card.hpp"

namespace relais::campaigns {

namespace {
constexpr const char* timer_phase = "campaign.phase";
constexpr const char* action_feedback = "campaign_feedback";
constexpr const char* action_score = "campaign_score";

std::vector<std::string> words_of(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

bool may_read(const core::Person& p) { return community::is_member(p) || p.has(core::Role::it); }

std::string campaign_arg(const core::InboundEvent& e) {
  const auto it = e.args.find("campaign");
  return it != e.args.end() && it->is_string() ? it->get<std::string>() : "";
}
}  // namespace

std::span<const storage::Migration> CampaignSkill::migrations() const { return campaign_migrations(); }

std::vector<std::string> CampaignSkill::timer_kinds() const { return {timer_phase}; }

int CampaignSkill::fit(const core::InboundEvent& event, const core::Person&) const {
  if (event.action == action_feedback || event.action == action_score) return core::fit::exact;
  if (!event.action.empty()) return core::fit::none;
  const auto c = skills::parse_command(event.text);
  if (c.verb == "campaigns" && c.rest.empty() && !c.number) return core::fit::exact;
  if (c.verb != "campaign") return core::fit::none;
  const auto first_line = event.text.substr(0, event.text.find('\n'));
  const auto words = words_of(skills::after_verb(first_line));
  if (!words.empty() && words[0] == "new") return core::fit::exact;
  // "campaign <id>", "campaign <id> cancel" or "campaign <id> targets …"; any other sentence is a
  // question about something else.
  if (words.size() == 1 || (words.size() == 2 && words[1] == "cancel") || (words.size() > 2 && words[1] == "targets"))
    return core::fit::exact;
  return core::fit::none;
}

void CampaignSkill::handle(core::Turn& turn) {
  const auto& event = *turn.event();
  if (event.action == action_feedback) return pilot_feedback(turn);
  if (event.action == action_score) return adoption_score(turn);
  if (skills::parse_command(event.text).verb == "campaigns") return list(turn);
  const auto words = words_of(skills::after_verb(event.text.substr(0, event.text.find('\n'))));
  if (words[0] == "new") return create(turn);
  if (words.size() > 2) {
    const auto line = skills::after_verb(event.text.substr(0, event.text.find('\n')));
    return set_targets(turn, words[0], line.substr(line.find("targets") + 7));
  }
  if (words.size() == 2) return cancel(turn, words[0]);
  show(turn, words[0]);
}

void CampaignSkill::create(core::Turn& turn) {
  const auto& me = *turn.sender();
  if (!me.has(core::Role::community_lead)) return turn.reply({turn.say("campaign.only_leads")});
  Problems problems;
  auto c = parse_campaign(turn.event()->text, problems);
  if (!c) {
    std::string text = turn.say("campaign.invalid");
    for (const auto& p : problems) text += "\n- " + p.where + ": " + p.what;
    return turn.reply({text + "\n\n" + turn.say("campaign.usage")});
  }
  // Pilots are named as people: each must be someone in the directory.
  const auto people = turn.stores().people.all();
  std::vector<std::string> pilot_ids;
  for (const auto& who : c->pilot) {
    const auto p = skills::find_named(people, who);
    if (!p) return turn.reply({turn.say("campaign.unknown_pilot", {{"who", who}})});
    pilot_ids.push_back(p->id);
  }
  c->pilot = pilot_ids;
  c->created_by = me.id;
  CampaignStore store(turn.stores().db);
  if (!store.add(*c, turn.now())) return turn.reply({turn.say("campaign.exists", {{"id", c->id}})});
  std::string plan;
  for (const char* phase : phases) {
    const auto due = std::max(settings_.times.on_or_after(c->dates.at(phase)), turn.now());
    turn.schedule(timer_phase, c->id + "|" + phase, due);
    plan += "\n- " + turn.say("campaign.phase_" + std::string(phase)) + ": " + core::format_iso_date(c->dates.at(phase));
  }
  log::info("campaign_created").kv("campaign", c->id);
  turn.reply({turn.say("campaign.created", {{"name", c->name}, {"id", c->id}}) + plan});
}

void CampaignSkill::cancel(core::Turn& turn, const std::string& id) {
  if (!turn.sender()->has(core::Role::community_lead)) return turn.reply({turn.say("campaign.only_leads")});
  CampaignStore store(turn.stores().db);
  const auto c = store.get(id);
  if (!c) return turn.reply({turn.say("campaign.unknown", {{"id", id}})});
  store.cancel(id, turn.now());
  for (const char* phase : phases) turn.stores().timers.cancel(timer_phase, id + "|" + phase, turn.now());
  log::info("campaign_cancelled").kv("campaign", id);
  turn.reply({turn.say("campaign.cancelled", {{"name", c->name}})});
}

void CampaignSkill::set_targets(core::Turn& turn, const std::string& id, const std::string& text) {
  const auto& me = *turn.sender();
  if (!me.has(core::Role::it) && !me.has(core::Role::community_lead)) return turn.reply({turn.say("campaign.targets_who")});
  CampaignStore store(turn.stores().db);
  auto c = store.get(id);
  if (!c) return turn.reply({turn.say("campaign.unknown", {{"id", id}})});
  std::string error;
  auto targets = c->targets;
  if (!parse_targets(text, targets, error)) return turn.reply({turn.say("campaign.bad_targets", {{"error", error}})});
  store.set_targets(id, targets);
  c->targets = targets;
  log::info("campaign_targets").kv("campaign", id);
  const auto k = indicators(turn.stores().db, *c, turn.now(), settings_.min_group);
  turn.reply({turn.say("campaign.targets_set") + "\n\n" +
              campaign_report(turn, me, *c, k, c->phase_on(settings_.times.hours.zone.local(turn.now()).date))});
}

void CampaignSkill::list(core::Turn& turn) {
  if (!may_read(*turn.sender())) return turn.reply({turn.say("campaign.members_only")});
  const auto today = settings_.times.hours.zone.local(turn.now()).date;
  std::string text;
  for (const auto& c : CampaignStore(turn.stores().db).all()) {
    const auto phase = c.phase_on(today);
    text += "\n- **" + c.name + "** (`" + c.id + "`): " +
            (c.cancelled ? turn.say("campaign.status_cancelled")
                         : phase.empty() ? turn.say("campaign.phase_not_started") : turn.say("campaign.phase_" + phase)) +
            ", " + core::format_iso_date(c.dates.at("prepare")) + " → " + core::format_iso_date(c.dates.at("end"));
  }
  if (text.empty()) return turn.reply({turn.say("campaign.none")});
  turn.reply({turn.say("campaign.list_title") + text + "\n\n" + turn.say("campaign.list_hint")});
}

void CampaignSkill::show(core::Turn& turn, const std::string& id) {
  if (!may_read(*turn.sender())) return turn.reply({turn.say("campaign.members_only")});
  const auto c = CampaignStore(turn.stores().db).get(id);
  if (!c) return turn.reply({turn.say("campaign.unknown", {{"id", id}})});
  const auto k = indicators(turn.stores().db, *c, turn.now(), settings_.min_group);
  turn.reply({campaign_report(turn, *turn.sender(), *c, k, c->phase_on(settings_.times.hours.zone.local(turn.now()).date))});
}

std::vector<core::Person> CampaignSkill::audience(core::Turn& turn, const Campaign& c) {
  auto everyone = turn.stores().people.all();
  if (c.circles.empty()) return everyone;
  std::erase_if(everyone, [&](const core::Person& p) {
    return std::find(c.circles.begin(), c.circles.end(), p.circle) == c.circles.end();
  });
  return everyone;
}

std::vector<core::Person> CampaignSkill::pilots(core::Turn& turn, const Campaign& c) {
  std::vector<core::Person> out;
  for (const auto& id : c.pilot)
    if (auto p = turn.stores().people.find(id)) out.push_back(std::move(*p));
  if (!out.empty()) return out;
  // No pilot named: the ambassadors of the campaign's topics, else every ambassador.
  auto ambassadors = turn.stores().people.with_role(core::Role::ambassador);
  for (const auto& a : ambassadors)
    if (std::any_of(a.topics.begin(), a.topics.end(),
                    [&](const std::string& t) { return std::find(c.topics.begin(), c.topics.end(), t) != c.topics.end(); }))
      out.push_back(a);
  return out.empty() ? ambassadors : out;
}

int CampaignSkill::prepare(core::Turn& turn, const Campaign& c) {
  const auto creator = turn.stores().people.find(c.created_by);
  auto text_for = [&](const core::Person& reader) {
    std::string text = turn.say(reader, "campaign.brief",
                                {{"name", c.name},
                                 {"engage", core::format_iso_date(c.dates.at("engage"))},
                                 {"realise", core::format_iso_date(c.dates.at("realise"))},
                                 {"anchor", core::format_iso_date(c.dates.at("anchor"))},
                                 {"end", core::format_iso_date(c.dates.at("end"))}});
    if (!c.brief.empty()) text += "\n\n" + c.brief;
    if (!c.materials.empty()) text += "\n\n" + turn.say(reader, "campaign.materials", {{"link", c.materials}});
    const auto pack = settings_.faq_pack ? settings_.faq_pack(c.topics, reader.language)
                                         : std::vector<std::pair<std::string, std::string>>{};
    if (!pack.empty()) {
      text += "\n\n" + turn.say(reader, "campaign.faq_pack", {{"count", std::to_string(pack.size())}});
      for (const auto& [question, link] : pack)
        text += "\n- " + (link.empty() ? question : "[" + question + "](" + link + ")");
    }
    return text;
  };
  const auto stored = creator ? text_for(*creator) : c.name;
  return static_cast<int>(community::publish_briefing(turn, creator ? creator->name : c.created_by, c.created_by, stored,
                                                      c.id, text_for));
}

int CampaignSkill::engage(core::Turn& turn, const Campaign& c) {
  const auto group = pilots(turn, c);
  for (const auto& p : group) {
    core::OutboundMessage m{turn.say(p, "campaign.pilot_invite",
                                     {{"name", c.name}, {"realise", core::format_iso_date(c.dates.at("realise"))}})};
    if (!c.materials.empty()) m.text += "\n\n" + turn.say(p, "campaign.materials", {{"link", c.materials}});
    m.buttons.push_back({.label = turn.say(p, "campaign.button_feedback"), .action = action_feedback,
                         .args = {{"campaign", c.id}}, .input_placeholder = turn.say(p, "campaign.placeholder_feedback"),
                         .primary = true});
    turn.send(p, m);
  }
  return static_cast<int>(group.size());
}

int CampaignSkill::realise(core::Turn& turn, const Campaign& c) {
  std::map<std::string, std::vector<core::Person>> ambassadors_of;
  for (auto& a : turn.stores().people.with_role(core::Role::ambassador)) ambassadors_of[a.circle].push_back(std::move(a));
  const auto people = audience(turn, c);
  for (const auto& p : people) {
    core::OutboundMessage m{turn.say(p, "campaign.announce", {{"name", c.name}})};
    if (!c.announce.empty()) m.text += "\n\n" + c.announce;
    if (!c.materials.empty()) m.text += "\n\n" + turn.say(p, "campaign.materials", {{"link", c.materials}});
    std::vector<std::string> names;
    for (const auto& a : ambassadors_of[p.circle]) {
      if (a.id == p.id) continue;
      names.push_back("**" + a.name + "**");
      m.mentions.push_back(a.id);
    }
    m.text += "\n\n" + (names.empty() ? turn.say(p, "campaign.ask_me")
                                      : turn.say(p, "campaign.your_ambassadors", {{"ambassadors", core::join_list(names, ", ")}}));
    turn.send(p, m);
  }
  return static_cast<int>(people.size());
}

int CampaignSkill::anchor(core::Turn& turn, const Campaign& c) {
  const auto people = audience(turn, c);
  for (const auto& p : people) {
    core::OutboundMessage m;
    m.card = core::Card{.key = "campaign:" + c.id + ":adoption", .title = c.name,
                        .body = turn.say(p, "campaign.adoption_question", {{"name", c.name}})};
    for (int v = 1; v <= 5; ++v)
      m.buttons.push_back({.label = std::to_string(v), .action = action_score, .args = {{"campaign", c.id}, {"value", v}}});
    turn.send(p, m);
  }
  return static_cast<int>(people.size());
}

int CampaignSkill::close(core::Turn& turn, const Campaign& c) {
  const auto k = indicators(turn.stores().db, c, turn.now(), settings_.min_group);
  int sent = 0;
  auto post = [&](const std::optional<core::Room>& room) {
    if (!room) return;
    turn.post(*room, {turn.say(room->as_reader(), "campaign.closing") + "\n\n" +
                      campaign_report(turn, room->as_reader(), c, k, "end")});
    ++sent;
  };
  post(settings_.it_room);
  post(settings_.community_room);
  if (const auto creator = turn.stores().people.find(c.created_by)) {
    turn.send(*creator, {turn.say(*creator, "campaign.closing") + "\n\n" + campaign_report(turn, *creator, c, k, "end")});
    ++sent;
  }
  return sent;
}

void CampaignSkill::on_timer(core::Turn& turn, const storage::TimerRow& timer) {
  const auto bar = timer.subject.rfind('|');
  const auto id = timer.subject.substr(0, bar), phase = timer.subject.substr(bar + 1);
  CampaignStore store(turn.stores().db);
  const auto c = store.get(id);
  if (!c || c->cancelled) return;
  for (const auto& run : store.runs(id))
    if (run.phase == phase) return;  // a phase never runs twice
  const int people = phase == "prepare"   ? prepare(turn, *c)
                     : phase == "engage"  ? engage(turn, *c)
                     : phase == "realise" ? realise(turn, *c)
                     : phase == "anchor"  ? anchor(turn, *c)
                                          : close(turn, *c);
  store.record_run(id, phase, people, turn.now());
  log::info("campaign_phase").kv("campaign", id).kv("phase", phase).kv("people", people);
}

void CampaignSkill::pilot_feedback(core::Turn& turn) {
  const auto& me = *turn.sender();
  const auto c = CampaignStore(turn.stores().db).get(campaign_arg(*turn.event()));
  if (!c) return turn.reply({turn.say("campaign.unknown", {{"id", campaign_arg(*turn.event())}})});
  const auto text = turn.event()->text.substr(0, 4000);
  if (text.empty()) return turn.reply({turn.say("campaign.placeholder_feedback")});
  feedback::FeedbackStore(turn.stores().db)
      .add({0, me.id, me.circle, me.language, text, c->topics, turn.event()->transport, turn.now(), ""});
  turn.reply({turn.say("campaign.feedback_thanks", {{"name", c->name}})});
}

void CampaignSkill::adoption_score(core::Turn& turn) {
  const auto& me = *turn.sender();
  const auto c = CampaignStore(turn.stores().db).get(campaign_arg(*turn.event()));
  const auto value = turn.event()->args.value("value", 0);
  if (!c || value < 1 || value > 5) return turn.reply({turn.say("campaign.unknown", {{"id", campaign_arg(*turn.event())}})});
  CampaignStore(turn.stores().db).score(c->id, me.id, value, turn.now());
  core::OutboundMessage m;
  m.card = core::Card{.key = "campaign:" + c->id + ":adoption", .title = c->name,
                      .body = turn.say("campaign.adoption_question", {{"name", c->name}}),
                      .status = turn.say("campaign.adoption_answered", {{"value", std::to_string(value)}})};
  turn.reply(m);
}

}  // namespace relais::campaigns
