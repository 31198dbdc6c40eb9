#include "skills/campaigns/campaign_report.hpp"

#include <cmath>
#include <cstdio>

#include "bot/core/dates.hpp"

namespace relais::campaigns {

namespace {
std::string percent(double share) { return std::to_string(static_cast<int>(std::lround(share * 100))) + "%"; }

std::string decimal(double v) {
  char out[32];
  std::snprintf(out, sizeof out, "%.1f", v);
  return out;
}

/// "62% (target 60%) ✅"
std::string against(const core::Turn& turn, const core::Person& reader, const std::optional<std::string>& value,
                    const std::optional<std::string>& target, std::optional<bool> met) {
  std::string out = value ? *value : turn.say(reader, "campaign.no_data");
  if (target) out += " (" + turn.say(reader, "campaign.target", {{"target", *target}}) + ")";
  if (met) out += *met ? " ✅" : " ⚠️";
  return out;
}

template <class F>
std::optional<std::string> shown(std::optional<double> v, F format) {
  return v ? std::optional<std::string>(format(*v)) : std::nullopt;
}
}  // namespace

std::string campaign_report(const core::Turn& turn, const core::Person& reader, const Campaign& c, const Indicators& k,
                            const std::string& phase) {
  const auto& t = c.targets;
  std::string text = "**" + c.name + "**" + " — " +
                     turn.say(reader, "campaign.phase_now",
                              {{"phase", phase.empty() ? turn.say(reader, "campaign.phase_not_started")
                                                       : turn.say(reader, "campaign.phase_" + phase)}});
  if (c.cancelled) text += " · " + turn.say(reader, "campaign.status_cancelled");
  std::string weeks;
  for (const auto& w : k.weeks)
    weeks += "\n- " + core::format_iso_date(w.start) + ": " +
             turn.say(reader, "campaign.week_line", {{"questions", std::to_string(w.questions)},
                                                     {"feedback", std::to_string(w.feedback)}});
  if (!weeks.empty()) text += "\n\n" + turn.say(reader, "campaign.per_week") + weeks;
  text += "\n\n" + turn.say(reader, "campaign.totals", {{"questions", std::to_string(k.questions)},
                                                       {"feedback", std::to_string(k.feedback)},
                                                       {"routed", std::to_string(k.routed)}});
  text += "\n- " + turn.say(reader, "campaign.ind_deflection") + " " +
          against(turn, reader, shown(k.deflection(), percent), shown(t.deflection, percent), meets(k.deflection(), t.deflection));
  text += "\n- " + turn.say(reader, "campaign.ind_answer") + " " +
          against(turn, reader, shown(k.answer_hours_p50, [](double h) { return decimal(h) + " h"; }),
                  shown(t.answer_hours, [](double h) { return decimal(h) + " h"; }),
                  meets(k.answer_hours_p50, t.answer_hours, false));
  text += "\n- " + turn.say(reader, "campaign.ind_satisfaction") + " " +
          against(turn, reader, shown(k.satisfaction(), percent), shown(t.satisfaction, percent),
                  meets(k.satisfaction(), t.satisfaction));
  text += "\n- " + turn.say(reader, "campaign.ind_adoption", {{"count", std::to_string(k.scores)}}) + " " +
          against(turn, reader, shown(k.adoption, [](double v) { return decimal(v) + " / 5"; }),
                  shown(t.adoption, [](double v) { return decimal(v) + " / 5"; }), meets(k.adoption, t.adoption));
  return text;
}

}  // namespace relais::campaigns
