#include "skills/community/event_skill.hpp"

#include <cstdio>

#include "bot/core/dates.hpp"
#include "bot/core/knowledge_file.hpp"
#include "bot/core/log.hpp"
#include "skills/community/event_store.hpp"
#include "skills/community/members.hpp"
#include "skills/shared/command.hpp"

namespace relais::community {

namespace {
constexpr const char* action_answer = "event_answer";
constexpr const char* timer_reminder = "event.reminder";

std::int64_t event_arg(const core::InboundEvent& e) {
  const auto it = e.args.find("event");
  return it != e.args.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

/// "14:05" -> 845, or nothing.
std::optional<int> minute_of(std::string_view hh_mm) {
  if (hh_mm.size() != 5 || hh_mm[2] != ':') return std::nullopt;
  for (std::size_t i : {0u, 1u, 3u, 4u})
    if (!std::isdigit(static_cast<unsigned char>(hh_mm[i]))) return std::nullopt;
  const int h = (hh_mm[0] - '0') * 10 + (hh_mm[1] - '0'), m = (hh_mm[3] - '0') * 10 + (hh_mm[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

std::vector<core::Person> audience_of(core::Turn& turn, const Event& e) {
  return e.everyone ? turn.stores().people.all() : community_members(turn.stores().people);
}
}  // namespace

std::span<const storage::Migration> EventSkill::migrations() const { return event_migrations(); }

std::vector<std::string> EventSkill::timer_kinds() const { return {timer_reminder}; }

int EventSkill::fit(const core::InboundEvent& event, const core::Person&) const {
  if (event.action == action_answer) return core::fit::exact;
  if (!event.action.empty()) return core::fit::none;
  const auto c = skills::parse_command(event.text);
  if (c.verb == "events" && c.rest.empty() && !c.number) return core::fit::exact;
  if (c.verb != "event") return core::fit::none;
  const auto rest = skills::after_verb(event.text);
  // "event 2026-12-03 …" or "event cancel 4": never a question that starts with "event".
  if (!rest.empty() && std::isdigit(static_cast<unsigned char>(rest[0])) && rest.find('|') != std::string::npos)
    return core::fit::exact;
  const auto sub = skills::parse_command(rest);
  return sub.verb == "cancel" && sub.number && sub.rest.empty() ? core::fit::exact : core::fit::none;
}

std::string EventSkill::when(core::TimePoint t) const {
  const auto local = settings_.zone.local(t);
  char hm[16];
  std::snprintf(hm, sizeof hm, "%02d:%02d", (local.minute / 60) % 24, local.minute % 60);
  return core::format_iso_date(local.date) + " " + hm;
}

void EventSkill::handle(core::Turn& turn) {
  const auto& event = *turn.event();
  if (event.action == action_answer) return answer(turn);
  const auto c = skills::parse_command(event.text);
  if (c.verb == "events") return list(turn);
  const auto rest = skills::after_verb(event.text);
  const auto sub = skills::parse_command(rest);
  if (sub.verb == "cancel" && sub.number) return cancel(turn, *sub.number);
  create(turn, rest);
}

namespace {
core::OutboundMessage event_card(core::Turn& turn, const core::Person& to, const Event& e, const std::string& when,
                                 const std::string& lead_text, const std::string& my_answer) {
  const auto by = turn.stores().people.find(e.created_by);
  core::OutboundMessage m{lead_text};
  m.card = core::Card{.key = "event:" + std::to_string(e.id),
                      .title = e.title,
                      .facts = {{turn.say(to, "event.fact_when"), when},
                                {turn.say(to, "event.fact_where"), e.place},
                                {turn.say(to, "event.fact_by"), by ? by->name : e.created_by}},
                      .status = e.cancelled ? turn.say(to, "event.status_cancelled")
                                : my_answer.empty() ? ""
                                                    : turn.say(to, "event.your_answer_" + my_answer)};
  if (e.cancelled) return m;
  for (const char* a : {"yes", "maybe", "no"})
    m.buttons.push_back({.label = turn.say(to, std::string("event.button_") + a), .action = action_answer,
                         .args = {{"event", e.id}, {"answer", a}}, .primary = std::string(a) == "yes"});
  return m;
}
}  // namespace

void EventSkill::create(core::Turn& turn, const std::string& spec) {
  const auto& me = *turn.sender();
  if (!me.has(core::Role::community_lead)) return turn.reply({turn.say("event.only_leads")});
  const auto parts = core::split_list(spec, '|');
  const auto space = parts.empty() ? std::string::npos : parts[0].find(' ');
  if (parts.size() < 3 || parts.size() > 4 || space == std::string::npos)
    return turn.reply({turn.say("event.usage")});
  const auto date = core::parse_iso_date(parts[0].substr(0, space));
  const auto minute = minute_of(core::trim(parts[0].substr(space + 1)));
  if (!date || !minute) return turn.reply({turn.say("event.bad_when", {{"when", parts[0]}})});
  if (parts.size() == 4 && parts[3] != "everyone") return turn.reply({turn.say("event.usage")});
  Event e{0, parts[1].substr(0, 200), settings_.zone.at(*date, *minute), parts[2].substr(0, 500), parts.size() == 4,
          me.id, false};
  if (e.starts_at <= turn.now()) return turn.reply({turn.say("event.in_past")});
  EventStore store(turn.stores().db);
  e.id = store.add(e, turn.now());
  const auto subject = std::to_string(e.id);
  if (e.starts_at - std::chrono::hours(24) > turn.now())
    turn.schedule(timer_reminder, subject + "|day", e.starts_at - std::chrono::hours(24));
  if (e.starts_at - std::chrono::hours(1) > turn.now())
    turn.schedule(timer_reminder, subject + "|hour", e.starts_at - std::chrono::hours(1));
  const auto audience = audience_of(turn, e);
  for (const auto& p : audience)
    turn.send(p, event_card(turn, p, e, when(e.starts_at), turn.say(p, "event.announce", {{"title", e.title}}), ""));
  if (settings_.community_room)
    turn.post(*settings_.community_room,
              {turn.say(settings_.community_room->as_reader(), "event.room_post",
                        {{"title", e.title}, {"when", when(e.starts_at)}, {"place", e.place}})});
  log::info("community_event").kv("event", e.id).kv("audience", audience.size());
  turn.reply({turn.say("event.created", {{"id", subject}, {"title", e.title}, {"when", when(e.starts_at)},
                                         {"count", std::to_string(audience.size())}})});
}

void EventSkill::answer(core::Turn& turn) {
  const auto& me = *turn.sender();
  const auto answer = turn.event()->args.value("answer", "");
  EventStore store(turn.stores().db);
  const auto e = store.get(event_arg(*turn.event()));
  if (!e || (!e->everyone && !is_member(me)) || (answer != "yes" && answer != "maybe" && answer != "no"))
    return turn.reply({turn.say("event.unknown", {{"id", std::to_string(event_arg(*turn.event()))}})});
  if (e->cancelled || e->starts_at <= turn.now()) return turn.reply(event_card(turn, me, *e, when(e->starts_at), turn.say("event.closed"), ""));
  store.answer(e->id, me.id, answer, turn.now());
  turn.reply(event_card(turn, me, *e, when(e->starts_at), "", answer));
}

void EventSkill::list(core::Turn& turn) {
  const auto& me = *turn.sender();
  EventStore store(turn.stores().db);
  std::string text;
  for (const auto& e : store.upcoming(turn.now())) {
    if (!e.everyone && !is_member(me)) continue;
    const auto answers = store.answers(e.id);
    int yes = 0, maybe = 0;
    for (const auto& [who, a] : answers) {
      if (a == "yes") ++yes;
      if (a == "maybe") ++maybe;
    }
    const auto mine = answers.find(me.id);
    text += "\n- #" + std::to_string(e.id) + " **" + e.title + "**, " + when(e.starts_at) + ", " + e.place + " — " +
            turn.say("event.counts", {{"yes", std::to_string(yes)}, {"maybe", std::to_string(maybe)}}) +
            (mine == answers.end() ? "" : " · " + turn.say("event.your_answer_" + mine->second));
  }
  if (text.empty()) return turn.reply({turn.say("event.none")});
  turn.reply({turn.say("event.list_title") + text});
}

void EventSkill::cancel(core::Turn& turn, std::int64_t id) {
  if (!turn.sender()->has(core::Role::community_lead)) return turn.reply({turn.say("event.only_leads")});
  EventStore store(turn.stores().db);
  auto e = store.get(id);
  if (!e) return turn.reply({turn.say("event.unknown", {{"id", std::to_string(id)}})});
  if (e->cancelled) return turn.reply({turn.say("event.cancel_done", {{"id", std::to_string(id)}, {"count", "0"}})});
  store.cancel(id, turn.now());
  e->cancelled = true;
  for (const auto& kind : {"|day", "|hour"}) turn.stores().timers.cancel(timer_reminder, std::to_string(id) + kind, turn.now());
  int told = 0;
  for (const auto& [person_id, a] : store.answers(id)) {
    if (a == "no") continue;
    const auto p = turn.stores().people.find(person_id);
    if (!p) continue;
    turn.send(*p, event_card(turn, *p, *e, when(e->starts_at),
                             turn.say(*p, "event.cancelled", {{"title", e->title}, {"when", when(e->starts_at)}}), ""));
    ++told;
  }
  turn.reply({turn.say("event.cancel_done", {{"id", std::to_string(id)}, {"count", std::to_string(told)}})});
}

void EventSkill::on_timer(core::Turn& turn, const storage::TimerRow& timer) {
  const auto bar = timer.subject.find('|');
  const bool day_before = timer.subject.substr(bar + 1) == "day";
  EventStore store(turn.stores().db);
  const auto e = store.get(std::stoll(timer.subject.substr(0, bar)));
  if (!e || e->cancelled) return;
  const auto answers = store.answers(e->id);
  for (const auto& p : audience_of(turn, *e)) {
    const auto a = answers.find(p.id);
    const std::string mine = a == answers.end() ? "" : a->second;
    // The day before: everyone who has not said no; the hour before: those going.
    if (day_before ? mine == "no" : mine != "yes") continue;
    const auto key = day_before ? "event.reminder_day" : "event.reminder_hour";
    turn.send(p, event_card(turn, p, *e, when(e->starts_at),
                            turn.say(p, key, {{"title", e->title}, {"when", when(e->starts_at)}, {"place", e->place}}), mine));
  }
}

}  // namespace relais::community
