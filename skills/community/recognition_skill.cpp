#include "skills/community/recognition_skill.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "bot/core/ascii.hpp"
#include "bot/core/dates.hpp"
#include "bot/core/knowledge_file.hpp"
#include "bot/core/log.hpp"
#include "skills/community/members.hpp"
#include "skills/community/recognition_figures.hpp"
#include "skills/routing/routing_skill.hpp"
#include "skills/shared/command.hpp"
#include "skills/trends/trends.hpp"

namespace relais::community {

namespace {
constexpr const char* timer_monthly = "recognition.thank_you";

const storage::Migration recognition_migrations[] = {
    {"recognition", 1, R"sql(
-- Ambassadors who chose to appear on the community's leaderboard.
CREATE TABLE leaderboard_optins (
  person_id TEXT PRIMARY KEY,
  at        INTEGER NOT NULL
) WITHOUT ROWID;
)sql"},
};

std::chrono::sys_days first_of_month(std::chrono::sys_days d) {
  const std::chrono::year_month_day ymd(d);
  return std::chrono::sys_days(ymd.year() / ymd.month() / 1);
}

std::chrono::sys_days first_of_next_month(std::chrono::sys_days d) {
  const std::chrono::year_month_day ymd(d);
  return std::chrono::sys_days((ymd.year() / ymd.month() + std::chrono::months(1)) / 1);
}

/// "2026-11" for the month of `d`.
std::string month_name(std::chrono::sys_days d) { return core::format_iso_date(d).substr(0, 7); }

std::string figures_text(const core::Turn& turn, const core::Person& reader, const AmbassadorFigures& f) {
  auto text = turn.say(reader, "recog.figures_line", {{"claimed", std::to_string(f.claimed)},
                                                      {"resolved", std::to_string(f.resolved)},
                                                      {"faq", std::to_string(f.faq_entries)}});
  if (const auto share = f.helpful_share())
    text += " " + turn.say(reader, "recog.rated_line", {{"percent", std::to_string(std::lround(*share * 100))},
                                                        {"ratings", std::to_string(f.ratings)}});
  return text;
}

bool opted_in(storage::Database& db, const std::string& id) {
  return db.query_int("SELECT 1 FROM leaderboard_optins WHERE person_id = ?1", id).has_value();
}
}  // namespace

std::span<const storage::Migration> RecognitionSkill::migrations() const { return recognition_migrations; }

std::vector<std::string> RecognitionSkill::timer_kinds() const { return {timer_monthly}; }

int RecognitionSkill::fit(const core::InboundEvent& event, const core::Person&) const {
  if (!event.action.empty()) return core::fit::none;
  const auto c = skills::parse_command(event.text);
  if (c.number) return core::fit::none;
  const auto phrase = c.verb + (c.rest.empty() ? "" : " " + core::ascii_lower(c.rest));
  static const std::set<std::string, std::less<>> asks = {
      "my figures", "my stats", "figures", "stats", "mes chiffres", "mes stats", "mijn cijfers", "meine zahlen",
      "circle figures", "figures by circle"};
  if (asks.contains(phrase)) return core::fit::exact;
  if (c.verb == "leaderboard" && (c.rest.empty() || core::ascii_lower(c.rest) == "on" || core::ascii_lower(c.rest) == "off"))
    return core::fit::exact;
  return core::fit::none;
}

void RecognitionSkill::handle(core::Turn& turn) {
  const auto c = skills::parse_command(turn.event()->text);
  if (c.verb == "leaderboard") return leaderboard(turn, core::ascii_lower(c.rest));
  if (c.verb == "circle" || c.rest.ends_with("by circle")) return circle_figures(turn);
  my_figures(turn);
}

void RecognitionSkill::my_figures(core::Turn& turn) {
  const auto& me = *turn.sender();
  if (!me.has(core::Role::ambassador)) return turn.reply({turn.say("recog.ambassadors_only")});
  const auto month_start = settings_.times.hours.zone.at(first_of_month(settings_.times.hours.zone.local(turn.now()).date), 0);
  const auto month = ambassador_figures(turn.stores().db, month_start, turn.now() + std::chrono::milliseconds(1));
  const auto ever = ambassador_figures(turn.stores().db, core::TimePoint{}, turn.now() + std::chrono::milliseconds(1));
  auto find = [&](const std::map<std::string, AmbassadorFigures>& m) {
    const auto it = m.find(me.id);
    return it == m.end() ? AmbassadorFigures{} : it->second;
  };
  turn.reply({turn.say("recog.your_figures") + "\n- " + routing::workload_summary(turn, me) + "\n- " +
              turn.say("recog.this_month") + " " +
              figures_text(turn, me, find(month)) + "\n- " + turn.say("recog.all_time") + " " +
              figures_text(turn, me, find(ever)) + "\n\n" +
              turn.say(opted_in(turn.stores().db, me.id) ? "recog.on_leaderboard" : "recog.off_leaderboard")});
}

std::string RecognitionSkill::ranking(core::Turn& turn, const core::Person& reader, core::TimePoint from, core::TimePoint to) {
  const auto figures = ambassador_figures(turn.stores().db, from, to);
  struct Row {
    std::string name;
    AmbassadorFigures f;
  };
  std::vector<Row> rows;
  for (const auto& a : turn.stores().people.with_role(core::Role::ambassador)) {
    const auto it = figures.find(a.id);
    if (!opted_in(turn.stores().db, a.id) || it == figures.end() || !it->second.any()) continue;
    rows.push_back({a.name, it->second});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& x, const Row& y) {
    return std::tie(x.f.resolved, x.f.claimed, x.f.faq_entries) > std::tie(y.f.resolved, y.f.claimed, y.f.faq_entries);
  });
  std::string out;
  for (std::size_t i = 0; i < rows.size() && i < static_cast<std::size_t>(settings_.leaderboard_size); ++i)
    out += "\n" + std::to_string(i + 1) + ". **" + rows[i].name + "**: " + figures_text(turn, reader, rows[i].f);
  return out;
}

void RecognitionSkill::leaderboard(core::Turn& turn, const std::string& switch_to) {
  const auto& me = *turn.sender();
  auto& db = turn.stores().db;
  if (!switch_to.empty()) {
    if (!me.has(core::Role::ambassador)) return turn.reply({turn.say("recog.ambassadors_only")});
    if (switch_to == "on") db.run("INSERT OR IGNORE INTO leaderboard_optins(person_id, at) VALUES (?1, ?2)", me.id, core::to_millis(turn.now()));
    else db.run("DELETE FROM leaderboard_optins WHERE person_id = ?1", me.id);
    return turn.reply({turn.say(switch_to == "on" ? "recog.opted_in" : "recog.opted_out")});
  }
  if (!is_member(me)) return turn.reply({turn.say("recog.members_only")});
  const auto rows = ranking(turn, me, turn.now() - std::chrono::days(30), turn.now() + std::chrono::milliseconds(1));
  turn.reply({(rows.empty() ? turn.say("recog.leaderboard_empty") : turn.say("recog.leaderboard_title") + rows) + "\n\n" +
              turn.say(opted_in(db, me.id) ? "recog.on_leaderboard" : "recog.off_leaderboard")});
}

void RecognitionSkill::circle_figures(core::Turn& turn) {
  const auto& me = *turn.sender();
  if (!me.has(core::Role::community_lead)) return turn.reply({turn.say("recog.leads_only")});
  auto& db = turn.stores().db;
  const auto to = turn.now() + std::chrono::milliseconds(1), from = turn.now() - std::chrono::days(30);
  const auto figures = ambassador_figures(db, from, to);
  std::map<std::string, std::pair<int, AmbassadorFigures>> by_circle;  // ambassadors, their summed figures
  for (const auto& a : turn.stores().people.with_role(core::Role::ambassador)) {
    auto& [count, sum] = by_circle[a.circle];
    ++count;
    if (const auto it = figures.find(a.id); it != figures.end()) {
      sum.claimed += it->second.claimed;
      sum.resolved += it->second.resolved;
      sum.ratings += it->second.ratings;
      sum.helpful += it->second.helpful;
      sum.faq_entries += it->second.faq_entries;
    }
  }
  std::string text = turn.say("recog.circles_title");
  std::set<std::string> circles;
  for (const auto& p : turn.stores().people.all()) circles.insert(p.circle);
  for (const auto& circle : circles) {
    if (circle.empty()) continue;
    text += "\n\n**" + circle + "**";
    const trends::Filter filter{from, to, circle};
    if (trends::refused(db, filter, settings_.min_group)) {
      text += "\n- " + turn.say("recog.circle_too_small", {{"min", std::to_string(settings_.min_group)}});
      continue;
    }
    const auto k = trends::kpis(db, filter);
    const auto& [count, sum] = by_circle[circle];
    text += "\n- " + turn.say("recog.circle_questions", {{"questions", std::to_string(k.questions)},
                                                       {"faq", std::to_string(k.answered_by_faq)},
                                                       {"routed", std::to_string(k.routed)}});
    if (k.minutes_to_claim_p50)
      text += "\n- " + turn.say("recog.circle_claim_time", {{"minutes", std::to_string(std::lround(*k.minutes_to_claim_p50))}});
    text += "\n- " + turn.say("recog.circle_ambassadors", {{"count", std::to_string(count)}}) + ": " +
            figures_text(turn, me, sum);
  }
  turn.reply({text});
}

core::TimePoint RecognitionSkill::next_thank_you(core::TimePoint t) const {
  const auto today = settings_.times.hours.zone.local(t).date;
  const auto this_month = settings_.times.on_or_after(first_of_month(today));
  return this_month > t ? this_month : settings_.times.on_or_after(first_of_next_month(today));
}

void RecognitionSkill::on_refresh(core::Turn& turn) {
  for (const auto& t : turn.stores().timers.pending_for("ambassadors"))
    if (t.kind == timer_monthly) return;  // already planned
  turn.schedule(timer_monthly, "ambassadors", next_thank_you(turn.now()));
}

void RecognitionSkill::on_timer(core::Turn& turn, const storage::TimerRow&) {
  const auto& zone = settings_.times.hours.zone;
  const auto this_month = first_of_month(zone.local(turn.now()).date);
  const auto last_month = first_of_month(this_month - std::chrono::days(1));
  const auto from = zone.at(last_month, 0), to = zone.at(this_month, 0);
  const auto figures = ambassador_figures(turn.stores().db, from, to);
  int thanked = 0;
  for (const auto& a : turn.stores().people.with_role(core::Role::ambassador)) {
    const auto it = figures.find(a.id);
    const bool active = it != figures.end() && it->second.any();
    auto text = turn.say(a, active ? "recog.thank_you" : "recog.thank_you_quiet",
                         {{"name", a.name}, {"month", month_name(last_month)}});
    if (active) text += "\n\n" + figures_text(turn, a, it->second);
    turn.send(a, {text});
    ++thanked;
  }
  if (settings_.community_room) {
    const auto reader = settings_.community_room->as_reader();
    const auto rows = ranking(turn, reader, from, to);
    if (!rows.empty())
      turn.post(*settings_.community_room,
                {turn.say(reader, "recog.room_thanks", {{"month", month_name(last_month)}}) + rows});
  }
  log::info("monthly_thank_you").kv("ambassadors", thanked);
  turn.schedule(timer_monthly, "ambassadors", next_thank_you(turn.now()));
}

}  // namespace relais::community
