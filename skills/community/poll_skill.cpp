#include "skills/community/poll_skill.hpp"

#include <algorithm>

#include "bot/core/ascii.hpp"
#include "bot/core/dates.hpp"
#include "bot/core/knowledge_file.hpp"
#include "bot/core/log.hpp"
#include "skills/community/members.hpp"
#include "skills/community/poll_store.hpp"
#include "skills/shared/command.hpp"

namespace relais::community {

namespace {
constexpr const char* action_vote = "poll_vote";
constexpr const char* action_propose = "poll_propose";
constexpr const char* timer_close = "poll.close";

std::int64_t int_arg(const core::InboundEvent& e, const char* key) {
  const auto it = e.args.find(key);
  return it != e.args.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

std::string closing_day(const PollSettings& s, const Poll& p) {
  return core::format_iso_date(s.zone.local(p.closes_at - std::chrono::minutes(1)).date);
}

/// "1. Power BI: 7 votes (Amélie Dubois)" lines, most votes first.
std::string results(core::Turn& turn, const core::Person& reader, Poll poll) {
  std::stable_sort(poll.options.begin(), poll.options.end(),
                   [](const PollOption& a, const PollOption& b) { return a.votes > b.votes; });
  std::string out;
  int rank = 0;
  for (const auto& o : poll.options)
    out += "\n" + std::to_string(++rank) + ". **" + o.label + "**: " +
           turn.say(reader, "poll.votes", {{"count", std::to_string(o.votes)}});
  return out;
}
}  // namespace

std::span<const storage::Migration> PollSkill::migrations() const { return poll_migrations(); }

std::vector<std::string> PollSkill::timer_kinds() const { return {timer_close}; }

int PollSkill::fit(const core::InboundEvent& event, const core::Person&) const {
  if (event.action == action_vote || event.action == action_propose) return core::fit::exact;
  if (!event.action.empty()) return core::fit::none;
  const auto c = skills::parse_command(event.text);
  if (c.verb == "polls" && c.rest.empty() && !c.number) return core::fit::exact;
  if (c.verb != "poll") return core::fit::none;
  const auto rest = skills::after_verb(event.text);
  const auto sub = skills::parse_command(rest);
  if (sub.verb == "close" && sub.number && sub.rest.empty()) return core::fit::exact;
  return rest.find('|') != std::string::npos ? core::fit::exact : core::fit::none;  // "poll <question> | <date>"
}

void PollSkill::handle(core::Turn& turn) {
  const auto& event = *turn.event();
  if (event.action == action_vote) return vote(turn);
  if (event.action == action_propose) return propose(turn);
  const auto c = skills::parse_command(event.text);
  if (c.verb == "polls") return show_open(turn);
  const auto rest = skills::after_verb(event.text);
  const auto sub = skills::parse_command(rest);
  if (sub.verb == "close" && sub.number) {
    if (!turn.sender()->has(core::Role::community_lead)) return turn.reply({turn.say("poll.only_leads")});
    PollStore store(turn.stores().db);
    const auto p = store.get(*sub.number);
    if (!p) return turn.reply({turn.say("poll.unknown", {{"id", std::to_string(*sub.number)}})});
    if (p->closed) return turn.reply({turn.say("poll.already_closed")});
    return close(turn, *sub.number);
  }
  open(turn, rest);
}

void PollSkill::open(core::Turn& turn, const std::string& spec) {
  const auto& me = *turn.sender();
  if (!me.has(core::Role::community_lead)) return turn.reply({turn.say("poll.only_leads")});
  const auto parts = core::split_list(spec, '|');
  if (parts.size() < 2 || parts.size() > 3) return turn.reply({turn.say("poll.usage")});
  const auto date = core::parse_iso_date(parts[1]);
  if (!date) return turn.reply({turn.say("poll.bad_date", {{"date", parts[1]}})});
  const auto closes_at = settings_.zone.at(*date + std::chrono::days(1), 0);  // the whole closing day
  if (closes_at <= turn.now()) return turn.reply({turn.say("poll.in_past")});
  const auto options = parts.size() == 3 ? core::split_list(parts[2]) : std::vector<std::string>{};
  if (options.size() > max_options) return turn.reply({turn.say("poll.too_many", {{"max", std::to_string(max_options)}})});
  PollStore store(turn.stores().db);
  const auto id = store.open(parts[0].substr(0, 300), closes_at, me.id, turn.now());
  for (const auto& o : options) store.propose(id, o.substr(0, 80), me.id, turn.now());
  turn.schedule(timer_close, std::to_string(id), closes_at);
  const auto poll = store.get(id);
  show_to_members(turn, *poll, "poll.announce");
  if (settings_.community_room)
    turn.post(*settings_.community_room, {turn.say(settings_.community_room->as_reader(), "poll.room_post",
                                                   {{"question", poll->question}, {"date", closing_day(settings_, *poll)}})});
  log::info("community_poll").kv("poll", id);
  turn.reply({turn.say("poll.opened", {{"id", std::to_string(id)}, {"date", closing_day(settings_, *poll)}})});
}

namespace {
/// The poll as `reader` sees it: the options to vote for and a way to propose one; once
/// closed, the results.
core::OutboundMessage poll_card(core::Turn& turn, const core::Person& reader, const Poll& poll,
                                const std::string& closes, PollStore& store) {
  core::OutboundMessage m;
  core::Card card{.key = "poll:" + std::to_string(poll.id), .title = poll.question};
  if (poll.closed) {
    card.body = turn.say(reader, "poll.results") + results(turn, reader, poll);
    card.status = turn.say(reader, "poll.status_closed");
    m.card = std::move(card);
    return m;
  }
  card.facts = {{turn.say(reader, "poll.fact_closes"), closes},
                {turn.say(reader, "poll.fact_options"), std::to_string(poll.options.size())}};
  card.body = turn.say(reader, poll.options.empty() ? "poll.no_options" : "poll.how_to_vote");
  const auto mine = store.vote_of(poll.id, reader.id);
  for (const auto& o : poll.options) {
    if (mine == o.id) card.status = turn.say(reader, "poll.your_vote", {{"option", o.label}});
    m.buttons.push_back({.label = o.label, .action = action_vote, .args = {{"poll", poll.id}, {"option", o.id}}});
  }
  if (poll.options.size() < PollSkill::max_options)
    m.buttons.push_back({.label = turn.say(reader, "poll.button_propose"), .action = action_propose,
                         .args = {{"poll", poll.id}}, .input_placeholder = turn.say(reader, "poll.placeholder_propose")});
  m.card = std::move(card);
  return m;
}
}  // namespace

void PollSkill::show_to_members(core::Turn& turn, const Poll& poll, const std::string& lead_text_key) {
  PollStore store(turn.stores().db);
  for (const auto& p : community_members(turn.stores().people)) {
    auto m = poll_card(turn, p, poll, closing_day(settings_, poll), store);
    if (!lead_text_key.empty()) m.text = turn.say(p, lead_text_key, {{"question", poll.question}});
    turn.send(p, m);
  }
}

void PollSkill::vote(core::Turn& turn) {
  const auto& me = *turn.sender();
  PollStore store(turn.stores().db);
  const auto poll = store.get(int_arg(*turn.event(), "poll"));
  const auto option_id = int_arg(*turn.event(), "option");
  if (!poll || !is_member(me)) return turn.reply({turn.say("poll.unknown", {{"id", std::to_string(int_arg(*turn.event(), "poll"))}})});
  if (poll->closed) return turn.reply({turn.say("poll.already_closed")});
  const auto option = std::find_if(poll->options.begin(), poll->options.end(), [&](const PollOption& o) { return o.id == option_id; });
  if (option == poll->options.end()) return turn.reply({turn.say("poll.unknown", {{"id", std::to_string(poll->id)}})});
  store.vote(poll->id, option_id, me.id, turn.now());
  auto card = poll_card(turn, me, *poll, closing_day(settings_, *poll), store);
  card.text = turn.say("poll.voted", {{"option", option->label}});
  turn.reply(card);
}

void PollSkill::propose(core::Turn& turn) {
  const auto& me = *turn.sender();
  PollStore store(turn.stores().db);
  const auto poll = store.get(int_arg(*turn.event(), "poll"));
  if (!poll || !is_member(me)) return turn.reply({turn.say("poll.unknown", {{"id", std::to_string(int_arg(*turn.event(), "poll"))}})});
  if (poll->closed) return turn.reply({turn.say("poll.already_closed")});
  const auto label = core::trim(turn.event()->text).substr(0, 80);
  if (label.empty()) return turn.reply({turn.say("poll.placeholder_propose")});
  const bool known = std::any_of(poll->options.begin(), poll->options.end(), [&](const PollOption& o) {
    return core::ascii_iequals(o.label, label);
  });
  if (!known && poll->options.size() >= max_options) return turn.reply({turn.say("poll.full")});
  const auto option_id = store.propose(poll->id, label, me.id, turn.now());
  store.vote(poll->id, option_id, me.id, turn.now());  // proposing is voting for it
  turn.reply({turn.say(known ? "poll.voted" : "poll.proposed", {{"option", label}})});
  if (!known) show_to_members(turn, *store.get(poll->id), "");
}

void PollSkill::show_open(core::Turn& turn) {
  if (!is_member(*turn.sender())) return turn.reply({turn.say("poll.members_only")});
  PollStore store(turn.stores().db);
  const auto ids = store.open_polls();
  if (ids.empty()) return turn.reply({turn.say("poll.none")});
  for (auto id : ids) {
    const auto poll = store.get(id);
    turn.reply(poll_card(turn, *turn.sender(), *poll, closing_day(settings_, *poll), store));
  }
}

void PollSkill::close(core::Turn& turn, std::int64_t id) {
  PollStore store(turn.stores().db);
  if (!store.close(id, turn.now())) return;
  turn.stores().timers.cancel(timer_close, std::to_string(id), turn.now());
  const auto poll = store.get(id);
  show_to_members(turn, *poll, "poll.closed");
  if (settings_.community_room) {
    const auto reader = settings_.community_room->as_reader();
    turn.post(*settings_.community_room,
              {turn.say(reader, "poll.room_results", {{"question", poll->question}}) + results(turn, reader, *poll)});
  }
  log::info("community_poll_closed").kv("poll", id);
  if (turn.event()) turn.reply({turn.say("poll.closed_by_you", {{"id", std::to_string(id)}})});
}

void PollSkill::on_timer(core::Turn& turn, const storage::TimerRow& timer) { close(turn, std::stoll(timer.subject)); }

}  // namespace relais::community
