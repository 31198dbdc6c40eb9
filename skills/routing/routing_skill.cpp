#include "skills/routing/routing_skill.hpp"

#include <algorithm>
#include <chrono>

#include "bot/core/dates.hpp"
#include "skills/routing/routing_store.hpp"
#include "skills/shared/command.hpp"

namespace relais::routing {
namespace {

bool may_be_routed(const core::Person& p) {
  return p.has(core::Role::ambassador) || p.has(core::Role::community_lead) || p.has(core::Role::it);
}

/// "2026-12-24" -> that day at 00:00 UTC.
std::optional<core::TimePoint> parse_day(const std::string& text) {
  const auto day = core::parse_iso_date(text);
  if (!day) return std::nullopt;
  return std::chrono::time_point_cast<std::chrono::milliseconds>(*day);
}

std::string format_day(core::TimePoint t) {
  return core::format_iso_date(std::chrono::floor<std::chrono::days>(t));
}

}  // namespace

std::span<const storage::Migration> RoutingSkill::migrations() const { return routing_migrations(); }

int RoutingSkill::fit(const core::InboundEvent& event, const core::Person&) const {
  if (!event.action.empty()) return event.action == "available" ? core::fit::exact : core::fit::none;
  const auto c = skills::parse_command(event.text);
  if (c.number) return core::fit::none;
  if ((c.verb == "away" && (c.rest.empty() || c.rest.starts_with("until "))) ||
      (c.verb == "available" && c.rest.empty()))
    return core::fit::exact;
  return core::fit::none;
}

void RoutingSkill::handle(core::Turn& turn) {
  if (!may_be_routed(*turn.sender())) return turn.reply({turn.say("error.only_ambassadors")});
  const auto& e = *turn.event();
  const auto c = skills::parse_command(e.text);
  if (e.action == "available" || c.verb == "available") return available(turn);
  away(turn, c.rest);
}

void RoutingSkill::away(core::Turn& turn, const std::string& rest) {
  RoutingStore store(turn.stores().db);
  if (rest.empty()) {
    store.set_away(turn.sender()->id, std::nullopt, turn.now());
    core::OutboundMessage m{turn.say("availability.away")};
    m.buttons.push_back({.label = turn.say("availability.button_back"), .action = "available"});
    return turn.reply(m);
  }
  const auto day = parse_day(rest.substr(6));
  if (!day) return turn.reply({turn.say("availability.bad_date", {{"text", rest.substr(6)}})});
  if (*day <= turn.now()) return turn.reply({turn.say("availability.date_past", {{"date", format_day(*day)}})});
  store.set_away(turn.sender()->id, *day, turn.now());
  turn.reply({turn.say("availability.away_until", {{"date", format_day(*day)}})});
}

void RoutingSkill::available(core::Turn& turn) {
  RoutingStore(turn.stores().db).set_available(turn.sender()->id, turn.now());
  turn.reply({turn.say("availability.back")});
}

std::string workload_summary(core::Turn& turn, const core::Person& me) {
  auto& db = turn.stores().db;
  const auto month_ago = core::to_millis(turn.now() - std::chrono::days(30));
  const auto resolved = db.query_int(
      "SELECT COUNT(*) FROM question_events WHERE event = 'resolve' AND question_id IN "
      "(SELECT id FROM questions WHERE claimant_id = ?1) AND at >= ?2", me.id, month_ago).value_or(0);
  const auto claimed = db.query_int(
      "SELECT COUNT(*) FROM question_events WHERE event = 'claim' AND actor_id = ?1 AND at >= ?2", me.id, month_ago)
                           .value_or(0);
  const auto offered = RoutingStore(db).offers_since(me.id, turn.now() - std::chrono::days(30));
  // Minutes from being offered a question to claiming it, for the claims of the last 30 days.
  std::vector<double> minutes;
  auto& st = db.prepare(
      "SELECT c.at - MIN(o.at) FROM question_events c JOIN question_events o ON o.question_id = c.question_id "
      "AND o.event = 'offered' AND o.at <= c.at WHERE c.event = 'claim' AND c.actor_id = ?1 AND c.at >= ?2 "
      "GROUP BY c.id");
  st.bind(me.id, month_ago);
  while (st.step()) minutes.push_back(static_cast<double>(st.int64(0)) / 60000.0);
  std::string median = "-";
  if (!minutes.empty()) {
    std::sort(minutes.begin(), minutes.end());
    median = std::to_string(static_cast<long>(std::lround(minutes[minutes.size() / 2])));
  }
  return turn.say(me, "stats.summary", {{"claimed", std::to_string(claimed)}, {"resolved", std::to_string(resolved)},
                                        {"offered", std::to_string(offered)},
                                        {"open", std::to_string(turn.stores().questions.open_claims(me.id))},
                                        {"minutes", median}});
}

}  // namespace relais::routing
