#include "skills/trends/trends.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>

namespace relais::trends {

namespace {

/// "AND the asker is in the circle" when the filter names one.
std::string circle_clause(const Filter& f, const char* person_column) {
  return f.circle.empty() ? "" : std::string(" AND ") + person_column + " IN (SELECT id FROM people WHERE circle = ?3)";
}

std::int64_t ms(core::TimePoint t) { return core::to_millis(t); }

}  // namespace

std::optional<double> percentile(std::vector<double> values, double p) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size())));
  return values[std::min(values.size() - 1, rank == 0 ? 0 : rank - 1)];
}

std::optional<std::string> refused(storage::Database& db, const Filter& filter, int min_group) {
  if (filter.circle.empty()) return std::nullopt;
  const auto size = db.query_int("SELECT COUNT(*) FROM people WHERE circle = ?1 AND active = 1", filter.circle).value_or(0);
  if (size >= min_group) return std::nullopt;
  return "the circle \"" + filter.circle + "\" has fewer than " + std::to_string(min_group) +
         " people: no figures are shown for so small a group";
}

std::vector<TopicCount> topics(storage::Database& db, const Filter& f) {
  std::vector<TopicCount> out;
  if (!db.has_table("question_topics")) return out;
  auto& st = db.prepare(
      "SELECT COALESCE(t.topic, '(no topic)'), COUNT(*), SUM(q.faq_entry IS NOT NULL AND q.id NOT IN "
      "(SELECT question_id FROM question_events WHERE event = 'route')) FROM questions q "
      "LEFT JOIN question_topics t ON t.question_id = q.id WHERE q.created_at >= ?1 AND q.created_at < ?2" +
      circle_clause(f, "q.asker_id") + " GROUP BY 1 ORDER BY 2 DESC, 1");
  if (f.circle.empty()) st.bind(ms(f.from), ms(f.to));
  else st.bind(ms(f.from), ms(f.to), f.circle);
  while (st.step()) out.push_back({st.text(0), static_cast<int>(st.int64(1)), static_cast<int>(st.int64(2))});
  return out;
}

std::vector<Rising> rising(storage::Database& db, const Filter& f, std::chrono::days period, int baseline_periods,
                           int min_count, double min_growth) {
  std::vector<Rising> out;
  Filter now = f;
  now.from = f.to - period;
  std::map<std::string, double> before;
  for (int k = 1; k <= baseline_periods; ++k) {
    Filter earlier = f;
    earlier.to = f.to - period * k;
    earlier.from = earlier.to - period;
    for (const auto& t : topics(db, earlier)) before[t.topic] += t.questions;
  }
  for (const auto& t : topics(db, now)) {
    if (t.questions < min_count || t.topic == "(no topic)") continue;
    const double average = before[t.topic] / baseline_periods;
    const double growth = t.questions / std::max(average, 1.0);
    if (growth >= min_growth) out.push_back({t.topic, t.questions, average, growth});
  }
  std::sort(out.begin(), out.end(), [](const Rising& a, const Rising& b) { return a.growth > b.growth; });
  return out;
}

std::vector<Gap> gaps(storage::Database& db, const Filter& f, const faq::text::Lexicon& lexicon, int min_cluster) {
  struct Asked {
    std::string text;
    std::set<std::string> terms;
  };
  std::map<std::string, std::unique_ptr<faq::text::Analyzer>> analyzers;
  std::vector<Asked> asked;
  // Not answered by the FAQ, or answered and still passed to a person.
  auto& st = db.prepare("SELECT text, language FROM questions q WHERE (faq_entry IS NULL OR q.id IN "
                        "(SELECT question_id FROM question_events WHERE event = 'route')) "
                        "AND created_at >= ?1 AND created_at < ?2" +
                        circle_clause(f, "q.asker_id") + " ORDER BY id");
  if (f.circle.empty()) st.bind(ms(f.from), ms(f.to));
  else st.bind(ms(f.from), ms(f.to), f.circle);
  while (st.step()) {
    const auto language = st.text(1);
    auto it = analyzers.find(language);
    if (it == analyzers.end())
      it = analyzers.emplace(language, std::make_unique<faq::text::Analyzer>(language, lexicon)).first;
    auto terms = it->second->terms(st.text(0));
    asked.push_back({st.text(0), std::set<std::string>(terms.begin(), terms.end())});
  }
  // Greedy grouping: a question joins the first group whose core terms it shares enough of.
  struct Group {
    std::map<std::string, int> term_counts;
    std::vector<std::size_t> members;
  };
  std::vector<Group> groups;
  std::map<std::string, std::set<std::size_t>> groups_with_term;  // only groups sharing a word are compared
  for (std::size_t i = 0; i < asked.size(); ++i) {
    if (asked[i].terms.empty()) continue;
    std::map<std::size_t, int> shared;
    for (const auto& t : asked[i].terms)
      if (const auto it = groups_with_term.find(t); it != groups_with_term.end())
        for (const auto g : it->second)
          if (groups[g].term_counts.at(t) * 2 >= static_cast<int>(groups[g].members.size())) ++shared[g];
    std::optional<std::size_t> best;
    double best_score = 0;
    for (const auto& [g, n] : shared) {
      const double score = static_cast<double>(n) / static_cast<double>(asked[i].terms.size());
      if (n >= 2 && score > best_score) best = g, best_score = score;
    }
    if (!best || best_score < 0.34) {
      groups.emplace_back();
      best = groups.size() - 1;
    }
    groups[*best].members.push_back(i);
    for (const auto& t : asked[i].terms) {
      ++groups[*best].term_counts[t];
      groups_with_term[t].insert(*best);
    }
  }
  std::vector<Gap> out;
  for (const auto& g : groups) {
    if (static_cast<int>(g.members.size()) < min_cluster) continue;
    Gap gap{static_cast<int>(g.members.size()), {}, {}};
    std::vector<std::pair<int, std::string>> common;
    for (const auto& [t, n] : g.term_counts)
      if (n * 2 >= static_cast<int>(g.members.size())) common.push_back({-n, t});
    std::sort(common.begin(), common.end());
    for (std::size_t k = 0; k < std::min<std::size_t>(4, common.size()); ++k) gap.terms.push_back(common[k].second);
    for (std::size_t k = 0; k < std::min<std::size_t>(3, g.members.size()); ++k) gap.examples.push_back(asked[g.members[k]].text);
    out.push_back(std::move(gap));
  }
  std::sort(out.begin(), out.end(), [](const Gap& a, const Gap& b) { return a.questions > b.questions; });
  return out;
}

std::vector<Week> weekly(storage::Database& db, core::TimePoint to, int weeks, const std::string& circle) {
  const auto from = to - std::chrono::days(7 * weeks);
  std::vector<Week> out;
  for (int w = 0; w < weeks; ++w)
    out.push_back({std::chrono::floor<std::chrono::days>(from + std::chrono::days(7 * w)), 0, 0});
  const Filter f{from, to, circle};
  auto& st = db.prepare("SELECT created_at, faq_entry IS NOT NULL AND q.id NOT IN "
                        "(SELECT question_id FROM question_events WHERE event = 'route') FROM questions q "
                        "WHERE created_at >= ?1 AND created_at < ?2" + circle_clause(f, "q.asker_id"));
  if (circle.empty()) st.bind(ms(from), ms(to));
  else st.bind(ms(from), ms(to), circle);
  while (st.step()) {
    const auto index = static_cast<std::size_t>((st.int64(0) - ms(from)) / (7LL * 24 * 3600 * 1000));
    if (index >= out.size()) continue;
    ++out[index].questions;
    out[index].answered_by_faq += st.int64(1) ? 1 : 0;
  }
  return out;
}

std::vector<WeekTopic> topics_by_week(storage::Database& db, const Filter& f) {
  std::map<std::pair<std::int64_t, std::string>, int> counts;  // (weeks back, topic)
  if (!db.has_table("question_topics")) return {};
  auto& st = db.prepare("SELECT q.created_at, COALESCE(t.topic, '(no topic)') FROM questions q "
                        "LEFT JOIN question_topics t ON t.question_id = q.id WHERE q.created_at >= ?1 AND q.created_at < ?2" +
                        circle_clause(f, "q.asker_id"));
  if (f.circle.empty()) st.bind(ms(f.from), ms(f.to));
  else st.bind(ms(f.from), ms(f.to), f.circle);
  constexpr std::int64_t week_ms = 7LL * 24 * 3600 * 1000;
  while (st.step()) ++counts[{(ms(f.to) - 1 - st.int64(0)) / week_ms, st.text(1)}];
  std::vector<WeekTopic> out;
  for (const auto& [key, n] : counts)
    out.push_back({std::chrono::floor<std::chrono::days>(f.to - std::chrono::days(7 * (key.first + 1))), key.second, n});
  std::stable_sort(out.begin(), out.end(), [](const WeekTopic& a, const WeekTopic& b) {
    return a.week != b.week ? a.week > b.week : a.questions > b.questions;
  });
  return out;
}

Kpis kpis(storage::Database& db, const Filter& f) {
  Kpis k;
  const auto circle = circle_clause(f, "q.asker_id");
  auto bind = [&](storage::Statement& st) -> storage::Statement& {
    if (f.circle.empty()) return st.bind(ms(f.from), ms(f.to));
    return st.bind(ms(f.from), ms(f.to), f.circle);
  };
  {
    auto& st = bind(db.prepare(
        "SELECT COUNT(*), SUM(state = 'resolved') FROM questions q "
        "WHERE created_at >= ?1 AND created_at < ?2" + circle));
    if (st.step()) {
      k.questions = static_cast<int>(st.int64(0));
      k.resolved = static_cast<int>(st.int64(1));
    }
    st.reset();
  }
  {
    // Per question: when it was first routed, escalated, claimed and resolved.
    auto& st = bind(db.prepare(
        "SELECT q.created_at, MIN(CASE WHEN e.event = 'route' THEN e.at END), "
        "MAX(e.event = 'escalate'), MAX(e.event = 'escalate_it'), MIN(CASE WHEN e.event = 'claim' THEN e.at END), "
        "MIN(CASE WHEN e.event = 'resolve' THEN e.at END), "
        "SUM(e.event = 'rated'), SUM(e.event = 'rated' AND json_extract(e.detail, '$.helpful') = 1), "
        "q.faq_entry IS NOT NULL "
        "FROM questions q JOIN question_events e ON e.question_id = q.id "
        "WHERE q.created_at >= ?1 AND q.created_at < ?2" + circle + " GROUP BY q.id"));
    std::vector<double> to_claim, to_resolve;
    while (st.step()) {
      const auto created = st.int64(0);
      if (!st.is_null(1)) ++k.routed;
      else if (st.int64(8)) ++k.answered_by_faq;  // answered by the FAQ and never passed to a person
      k.escalated_to_community += st.int64(2) ? 1 : 0;
      k.escalated_to_it += st.int64(3) ? 1 : 0;
      if (!st.is_null(4)) to_claim.push_back(static_cast<double>(st.int64(4) - created) / 60000.0);
      if (!st.is_null(5) && !st.is_null(1)) to_resolve.push_back(static_cast<double>(st.int64(5) - created) / 60000.0);
      k.ratings += static_cast<int>(st.int64(6));
      k.helpful += static_cast<int>(st.int64(7));
    }
    k.minutes_to_claim_p50 = percentile(to_claim, 0.5);
    k.minutes_to_claim_p90 = percentile(to_claim, 0.9);
    k.minutes_to_resolve_p50 = percentile(to_resolve, 0.5);
    k.minutes_to_resolve_p90 = percentile(to_resolve, 0.9);
  }
  if (db.has_table("feedback")) {
    auto& st = bind(db.prepare("SELECT COUNT(*) FROM feedback q WHERE created_at >= ?1 AND created_at < ?2" +
                               circle_clause(f, "q.person_id")));
    if (st.step()) k.feedback = static_cast<int>(st.int64(0));
    st.reset();
  }
  if (db.has_table("survey_answers")) {
    auto mean = [&](const char* survey, const char* question) -> std::optional<double> {
      auto& st = db.prepare(
          "SELECT AVG(value), COUNT(value) FROM survey_answers q WHERE run LIKE ?4 AND question_id = ?5 "
          "AND answered_at >= ?1 AND answered_at < ?2" + circle_clause(f, "q.person_id"));
      if (f.circle.empty()) st.bind(ms(f.from), ms(f.to), std::nullopt, std::string(survey) + "@%", std::string(question));
      else st.bind(ms(f.from), ms(f.to), f.circle, std::string(survey) + "@%", std::string(question));
      std::optional<double> v;
      if (st.step() && st.int64(1) > 0) v = st.real(0);
      st.reset();
      return v;
    };
    k.knows_ambassadors = mean("digital-skills", "knows_ambassadors");
    k.asked_ambassador = mean("digital-skills", "asked_ambassador");
    k.ambassador_value = mean("team-survey", "ambassador_value");
    k.adoption_easier = mean("team-survey", "adoption_easier");
  }
  if (db.has_table("onboarding_starters")) {
    auto& st = db.prepare(
        "SELECT COUNT(*), COUNT(completed_at) FROM onboarding_starters q WHERE enrolled_at >= ?1 AND enrolled_at < ?2" +
        circle_clause(f, "q.person_id"));
    if (f.circle.empty()) st.bind(ms(f.from), ms(f.to));
    else st.bind(ms(f.from), ms(f.to), f.circle);
    if (st.step()) {
      k.starters = static_cast<int>(st.int64(0));
      k.starters_completed = static_cast<int>(st.int64(1));
    }
    st.reset();
  }
  return k;
}

}  // namespace relais::trends
