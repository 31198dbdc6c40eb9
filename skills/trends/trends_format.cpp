#include "skills/trends/trends_format.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bot/core/csv.hpp"
#include "bot/core/dates.hpp"

namespace relais::trends {

namespace {
using json = nlohmann::json;

std::string fixed(double v, int decimals = 1) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
  return buffer;
}

std::string share(int part, int whole) { return whole == 0 ? "-" : fixed(100.0 * part / whole, 1) + "%"; }
std::string opt(const std::optional<double>& v, int decimals = 1) { return v ? fixed(*v, decimals) : "-"; }
std::string opt_share(const std::optional<double>& v) { return v ? fixed(*v * 100, 1) + "%" : "-"; }
json opt_json(const std::optional<double>& v) { return v ? json(*v) : json(); }

std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : separator) + i;
  return out;
}
}  // namespace

std::string format_topics(const std::vector<TopicCount>& rows, const std::string& format) {
  if (format == "json") {
    json j = json::array();
    for (const auto& r : rows) j.push_back({{"topic", r.topic}, {"questions", r.questions}, {"answered_by_faq", r.answered_by_faq}});
    return j.dump(2) + "\n";
  }
  if (format == "csv") {
    std::string out = csv::format_row({"topic", "questions", "answered_by_faq"});
    for (const auto& r : rows) out += csv::format_row({r.topic, std::to_string(r.questions), std::to_string(r.answered_by_faq)});
    return out;
  }
  std::ostringstream out;
  out << "topic                 questions  answered by the FAQ\n";
  for (const auto& r : rows) {
    char line[160];
    std::snprintf(line, sizeof line, "%-21s %9d  %d (%s)\n", r.topic.c_str(), r.questions, r.answered_by_faq,
                  share(r.answered_by_faq, r.questions).c_str());
    out << line;
  }
  return out.str();
}

std::string format_rising(const std::vector<Rising>& rows, const std::string& format) {
  if (format == "json") {
    json j = json::array();
    for (const auto& r : rows)
      j.push_back({{"topic", r.topic}, {"this_period", r.this_period}, {"before_average", r.before_average}, {"growth", r.growth}});
    return j.dump(2) + "\n";
  }
  if (format == "csv") {
    std::string out = csv::format_row({"topic", "this_period", "before_average", "growth"});
    for (const auto& r : rows)
      out += csv::format_row({r.topic, std::to_string(r.this_period), fixed(r.before_average, 2), fixed(r.growth, 2)});
    return out;
  }
  std::ostringstream out;
  if (rows.empty()) out << "No topic is rising.\n";
  for (const auto& r : rows)
    out << r.topic << ": " << r.this_period << " questions, " << fixed(r.growth) << "x the average of " << fixed(r.before_average)
        << " before\n";
  return out.str();
}

std::string format_gaps(const std::vector<Gap>& rows, const std::string& format) {
  if (format == "json") {
    json j = json::array();
    for (const auto& r : rows) j.push_back({{"questions", r.questions}, {"terms", r.terms}, {"examples", r.examples}});
    return j.dump(2) + "\n";
  }
  if (format == "csv") {
    std::string out = csv::format_row({"questions", "terms", "examples"});
    for (const auto& r : rows) out += csv::format_row({std::to_string(r.questions), joined(r.terms, " "), joined(r.examples, " | ")});
    return out;
  }
  std::ostringstream out;
  if (rows.empty()) out << "No FAQ gap: every group of unanswered questions is smaller than the minimum.\n";
  for (const auto& r : rows) {
    out << r.questions << " questions about: " << joined(r.terms, ", ") << "\n";
    for (const auto& e : r.examples) out << "  - \"" << e << "\"\n";
  }
  return out.str();
}

std::string format_weekly(const std::vector<WeekTopic>& rows, const std::string& format) {
  if (format == "json") {
    json j = json::array();
    for (const auto& r : rows) j.push_back({{"week", core::format_iso_date(r.week)}, {"topic", r.topic}, {"questions", r.questions}});
    return j.dump(2) + "\n";
  }
  std::string out = format == "csv" ? csv::format_row({"week", "topic", "questions"}) : "";
  std::string current;
  for (const auto& r : rows) {
    const auto week = core::format_iso_date(r.week);
    if (format == "csv") {
      out += csv::format_row({week, r.topic, std::to_string(r.questions)});
      continue;
    }
    if (week != current) out += (current.empty() ? "" : "\n") + ("week of " + week + "\n");
    current = week;
    out += "  " + r.topic + ": " + std::to_string(r.questions) + "\n";
  }
  return out;
}

std::string format_kpis(const Kpis& k, const std::string& format) {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"questions", std::to_string(k.questions)},
      {"answered by the FAQ (deflection)", share(k.answered_by_faq, k.questions)},
      {"passed to an ambassador", share(k.routed, k.questions)},
      {"escalated to all ambassadors", share(k.escalated_to_community, k.routed)},
      {"escalated to IT", share(k.escalated_to_it, k.routed)},
      {"resolved", std::to_string(k.resolved)},
      {"minutes to claim, p50 / p90", opt(k.minutes_to_claim_p50) + " / " + opt(k.minutes_to_claim_p90)},
      {"minutes to resolve, p50 / p90", opt(k.minutes_to_resolve_p50) + " / " + opt(k.minutes_to_resolve_p90)},
      {"answers rated helpful", share(k.helpful, k.ratings) + " of " + std::to_string(k.ratings)},
      {"feedback messages", std::to_string(k.feedback)},
      {"know the ambassadors (survey)", opt_share(k.knows_ambassadors)},
      {"asked an ambassador (survey)", opt_share(k.asked_ambassador)},
      {"ambassador value, 0-10 (survey)", opt(k.ambassador_value, 2)},
      {"roll-out made easier, 1-5 (survey)", opt(k.adoption_easier, 2)},
      {"starters who completed onboarding", share(k.starters_completed, k.starters) + " of " + std::to_string(k.starters)}};
  if (format == "json") {
    return json{{"questions", k.questions}, {"answered_by_faq", k.answered_by_faq}, {"routed", k.routed},
                {"escalated_to_community", k.escalated_to_community}, {"escalated_to_it", k.escalated_to_it},
                {"resolved", k.resolved}, {"minutes_to_claim_p50", opt_json(k.minutes_to_claim_p50)},
                {"minutes_to_claim_p90", opt_json(k.minutes_to_claim_p90)},
                {"minutes_to_resolve_p50", opt_json(k.minutes_to_resolve_p50)},
                {"minutes_to_resolve_p90", opt_json(k.minutes_to_resolve_p90)}, {"ratings", k.ratings},
                {"helpful", k.helpful}, {"feedback", k.feedback}, {"knows_ambassadors", opt_json(k.knows_ambassadors)},
                {"asked_ambassador", opt_json(k.asked_ambassador)}, {"ambassador_value", opt_json(k.ambassador_value)},
                {"adoption_easier", opt_json(k.adoption_easier)}, {"starters", k.starters},
                {"starters_completed", k.starters_completed}}
               .dump(2) + "\n";
  }
  if (format == "csv") {
    std::string out = csv::format_row({"figure", "value"});
    for (const auto& [name, value] : rows) out += csv::format_row({name, value});
    return out;
  }
  std::ostringstream out;
  for (const auto& [name, value] : rows) {
    char line[160];
    std::snprintf(line, sizeof line, "%-36s %s\n", name.c_str(), value.c_str());
    out << line;
  }
  return out.str();
}

}  // namespace relais::trends
