#include "skills/trends/digest_skill.hpp"

#include <cstdio>

#include "bot/core/dates.hpp"
#include "skills/trends/trends.hpp"

namespace relais::trends {

namespace {
constexpr const char* timer_weekly = "digest.weekly";

std::string percent(int part, int whole) {
  if (whole == 0) return "-";
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.0f%%", 100.0 * part / whole);
  return buffer;
}

std::string minutes(const std::optional<double>& v) {
  if (!v) return "-";
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.0f", *v);
  return buffer;
}
}  // namespace

core::TimePoint DigestSkill::next_monday(core::TimePoint now) const {
  auto date = times_.hours.zone.local(now).date + std::chrono::days(1);
  while (std::chrono::weekday(date) != std::chrono::Monday) date += std::chrono::days(1);
  return times_.on_or_after(date);
}

void DigestSkill::on_refresh(core::Turn& turn) {
  for (const auto& t : turn.stores().timers.pending_for("it-room"))
    if (t.kind == timer_weekly) return;  // already planned
  turn.schedule(timer_weekly, "it-room", next_monday(turn.now()));
}

void DigestSkill::on_timer(core::Turn& turn, const storage::TimerRow&) {
  turn.post(room_, digest(turn));
  turn.schedule(timer_weekly, "it-room", next_monday(turn.now()));
}

core::OutboundMessage DigestSkill::digest(core::Turn& turn) const {
  auto& db = turn.stores().db;
  const Filter week{turn.now() - std::chrono::days(7), turn.now(), ""};
  const auto reader = room_.as_reader();
  const auto k = kpis(db, week);
  std::string text = turn.say(reader, "digest.title",
                              {{"from", core::format_iso_date(times_.hours.zone.local(week.from).date)},
                               {"to", core::format_iso_date(times_.hours.zone.local(week.to).date)}});
  text += "\n\n" + turn.say(reader, "digest.kpis",
                            {{"questions", std::to_string(k.questions)},
                             {"deflection", percent(k.answered_by_faq, k.questions)},
                             {"routed", std::to_string(k.routed)},
                             {"escalated", std::to_string(k.escalated_to_it)}});
  if (k.minutes_to_claim_p50)
    text += " " + turn.say(reader, "digest.claim", {{"p50", minutes(k.minutes_to_claim_p50)}, {"p90", minutes(k.minutes_to_claim_p90)}});
  if (k.ratings > 0)
    text += " " + turn.say(reader, "digest.helpful", {{"helpful", percent(k.helpful, k.ratings)}, {"ratings", std::to_string(k.ratings)}});
  std::string most;
  const auto asked = topics(db, week);
  for (std::size_t i = 0, shown = 0; i < asked.size() && shown < 5; ++i) {
    if (asked[i].topic == "(no topic)") continue;
    most += (most.empty() ? "" : ", ") + asked[i].topic + " (" + std::to_string(asked[i].questions) + ")";
    ++shown;
  }
  if (!most.empty()) text += "\n\n" + turn.say(reader, "digest.topics", {{"topics", most}});
  std::string up;
  for (const auto& r : rising(db, week, std::chrono::days(7), 4, 5, 2.0))
    up += (up.empty() ? "" : ", ") + r.topic + " (" + std::to_string(r.this_period) + ")";
  if (!up.empty()) text += "\n\n" + turn.say(reader, "digest.rising", {{"topics", up}});
  const auto holes = gaps(db, week, lexicon_(), 3);
  if (!holes.empty()) {
    text += "\n\n" + turn.say(reader, "digest.gaps");
    for (std::size_t i = 0; i < std::min<std::size_t>(3, holes.size()); ++i)
      text += "\n- " + std::to_string(holes[i].questions) + " × \"" + holes[i].examples.front() + "\"";
  }
  return core::OutboundMessage{text};
}

}  // namespace relais::trends
