#include "skills/campaigns/campaign_indicators.hpp"

#include <algorithm>

#include "skills/trends/trends.hpp"

namespace relais::campaigns {

namespace {
constexpr std::int64_t week_ms = 7LL * 24 * 3600 * 1000;

}  // namespace

std::optional<double> Indicators::deflection() const {
  if (questions == 0) return std::nullopt;
  return static_cast<double>(answered_by_faq) / questions;
}

std::optional<double> Indicators::satisfaction() const {
  if (ratings == 0) return std::nullopt;
  return static_cast<double>(helpful) / ratings;
}

std::optional<bool> meets(std::optional<double> value, std::optional<double> target, bool higher_is_better) {
  if (!value || !target) return std::nullopt;
  return higher_is_better ? *value >= *target : *value <= *target;
}

Indicators indicators(storage::Database& db, const Campaign& c, core::TimePoint now, int min_group) {
  Indicators k;
  const auto from = core::TimePoint(c.dates.at("prepare"));
  const auto to = std::min(now + std::chrono::milliseconds(1), core::TimePoint(c.dates.at("end") + std::chrono::days(1)));
  if (to <= from) return k;
  const auto from_ms = core::to_millis(from), to_ms = core::to_millis(to);
  for (auto w = from; w < to; w += std::chrono::days(7))
    k.weeks.push_back({std::chrono::floor<std::chrono::days>(w), 0, 0});
  auto week_of = [&](std::int64_t at) -> CampaignWeek* {
    const auto i = static_cast<std::size_t>((at - from_ms) / week_ms);
    return i < k.weeks.size() ? &k.weeks[i] : nullptr;
  };

  if (db.has_table("question_topics")) {
    auto& st = db.prepare(
        "SELECT q.created_at, q.faq_entry IS NOT NULL, MIN(CASE WHEN e.event = 'route' THEN e.at END), "
        "MIN(CASE WHEN e.event = 'resolve' THEN e.at END), SUM(e.event = 'rated'), "
        "SUM(e.event = 'rated' AND json_extract(e.detail, '$.helpful') = 1) "
        "FROM questions q JOIN question_events e ON e.question_id = q.id "
        "WHERE q.created_at >= ?1 AND q.created_at < ?2 AND q.id IN (SELECT question_id FROM question_topics "
        "WHERE topic IN (SELECT topic FROM campaign_topics WHERE campaign_id = ?3)) GROUP BY q.id");
    st.bind(from_ms, to_ms, c.id);
    std::vector<double> hours;
    while (st.step()) {
      ++k.questions;
      if (auto* w = week_of(st.int64(0))) ++w->questions;
      if (!st.is_null(2)) ++k.routed;
      else if (st.int64(1)) ++k.answered_by_faq;
      if (!st.is_null(3)) {
        ++k.resolved;
        if (!st.is_null(2)) hours.push_back(static_cast<double>(st.int64(3) - st.int64(0)) / 3'600'000.0);
      }
      k.ratings += static_cast<int>(st.int64(4));
      k.helpful += static_cast<int>(st.int64(5));
    }
    k.answer_hours_p50 = trends::percentile(hours, 0.5);
  }
  if (db.has_table("feedback")) {
    // Feedback is about the campaign when one of its topics is one of the campaign's.
    auto& st = db.prepare("SELECT created_at, topics FROM feedback WHERE created_at >= ?1 AND created_at < ?2");
    st.bind(from_ms, to_ms);
    while (st.step()) {
      const auto topics = "," + st.text(1) + ",";
      if (std::none_of(c.topics.begin(), c.topics.end(),
                       [&](const std::string& t) { return topics.find("," + t + ",") != std::string::npos; }))
        continue;
      ++k.feedback;
      if (auto* w = week_of(st.int64(0))) ++w->feedback;
    }
  }
  auto& scores = db.prepare("SELECT COUNT(*), AVG(value) FROM campaign_scores WHERE campaign_id = ?1");
  scores.bind(c.id);
  if (scores.step()) {
    k.scores = static_cast<int>(scores.int64(0));
    if (k.scores >= min_group) k.adoption = scores.real(1);
  }
  scores.reset();
  return k;
}

}  // namespace relais::campaigns
