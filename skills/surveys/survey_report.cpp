#include "skills/surveys/survey_report.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "bot/core/csv.hpp"
#include "skills/surveys/survey_store.hpp"

namespace relais::surveys {

namespace {

GroupFigures figures(const std::string& group, const std::vector<Invitation>& invitations,
                     const std::vector<Answer>& answers, const Survey* survey, int min_group, bool with_texts) {
  GroupFigures g{group};
  std::set<std::string> responders;
  for (const auto& a : answers) responders.insert(a.person_id);
  for (const auto& i : invitations) {
    g.invited += i.invited_at ? 1 : 0;
    g.completed += i.completed_at ? 1 : 0;
  }
  g.responded = static_cast<int>(responders.size());
  g.suppressed = g.responded < min_group;
  if (g.suppressed || !survey) return g;
  for (const auto& q : survey->questions) {
    QuestionFigures f{q.id, q.text_for("en"), q.kind};
    double sum = 0;
    for (const auto& a : answers) {
      if (a.question_id != q.id) continue;
      if (a.value) {
        ++f.answers;
        sum += *a.value;
        ++f.distribution[static_cast<int>(*a.value)];
      } else if (!a.text.empty()) {
        ++f.answers;
        if (with_texts) f.texts.push_back(a.text);
      }
    }
    if (q.kind != Question::Kind::text && f.answers > 0) f.mean = sum / f.answers;
    g.questions.push_back(std::move(f));
  }
  return g;
}

std::string number(std::optional<double> v, bool percent) {
  if (!v) return "-";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, percent ? "%.0f%%" : "%.2f", percent ? *v * 100 : *v);
  return buffer;
}

std::string rate(int part, int whole) { return whole == 0 ? "-" : number(static_cast<double>(part) / whole, true); }

}  // namespace

std::vector<RunReport> survey_report(storage::Database& db, const std::vector<Survey>& surveys, int min_group,
                                     bool with_texts) {
  std::vector<RunReport> out;
  if (!db.query_int("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'survey_invitations'")) return out;
  SurveyStore store(db);
  for (const auto& run : store.runs()) {
    const Survey* survey = nullptr;
    for (const auto& s : surveys)
      if (s.id == run.substr(0, run.find('@'))) survey = &s;
    RunReport r{run, survey ? survey->intro_for("en").title : "(no longer in knowledge/surveys)", {}};
    const auto invitations = store.invitations(run);
    const auto answers = store.answers(run);
    r.groups.push_back(figures("all", invitations, answers, survey, min_group, with_texts));
    std::set<std::string> circles;
    for (const auto& i : invitations) circles.insert(i.circle);
    for (const auto& c : circles) {
      std::vector<Invitation> in;
      std::vector<Answer> an;
      for (const auto& i : invitations)
        if (i.circle == c) in.push_back(i);
      for (const auto& a : answers)
        if (a.circle == c) an.push_back(a);
      r.groups.push_back(figures(c.empty() ? "(no circle)" : c, in, an, survey, min_group, with_texts));
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::string survey_table(const std::vector<RunReport>& report) {
  std::ostringstream out;
  for (const auto& r : report) {
    out << r.run << " — " << r.title << "\n";
    for (const auto& g : r.groups) {
      out << "  " << g.group << ": invited " << g.invited << ", responded " << g.responded << " ("
          << rate(g.responded, g.invited) << "), completed " << g.completed << "\n";
      if (g.suppressed) {
        out << "    (fewer than the minimum group size responded: no figures)\n";
        continue;
      }
      for (const auto& q : g.questions) {
        out << "    " << q.question_id << ": " << q.answers << " answers";
        if (q.kind == Question::Kind::scale) out << ", mean " << number(q.mean, false);
        if (q.kind == Question::Kind::yes_no) out << ", yes " << number(q.mean, true);
        out << "\n";
        for (const auto& t : q.texts) out << "      \"" << t << "\"\n";
      }
    }
  }
  return out.str();
}

std::string survey_csv(const std::vector<RunReport>& report) {
  std::string out = csv::format_row({"run", "group", "invited", "responded", "completed", "question", "answers", "mean", "yes_share"});
  for (const auto& r : report)
    for (const auto& g : r.groups) {
      const std::vector<std::string> head = {r.run, g.group, std::to_string(g.invited), std::to_string(g.responded),
                                             std::to_string(g.completed)};
      if (g.suppressed || g.questions.empty()) {
        auto row = head;
        row.insert(row.end(), {"", "", "", ""});
        out += csv::format_row(row);
        continue;
      }
      for (const auto& q : g.questions) {
        auto row = head;
        row.insert(row.end(), {q.question_id, std::to_string(q.answers),
                               q.kind == Question::Kind::scale ? number(q.mean, false) : "",
                               q.kind == Question::Kind::yes_no ? number(q.mean, true) : ""});
        out += csv::format_row(row);
      }
    }
  return out;
}

std::string survey_json(const std::vector<RunReport>& report) {
  nlohmann::json runs = nlohmann::json::array();
  for (const auto& r : report) {
    nlohmann::json groups = nlohmann::json::array();
    for (const auto& g : r.groups) {
      nlohmann::json questions = nlohmann::json::array();
      for (const auto& q : g.questions) {
        nlohmann::json dist = nlohmann::json::object();
        for (const auto& [v, n] : q.distribution) dist[std::to_string(v)] = n;
        questions.push_back({{"question", q.question_id}, {"text", q.text}, {"answers", q.answers},
                             {"mean", q.mean ? nlohmann::json(*q.mean) : nlohmann::json()}, {"distribution", dist},
                             {"texts", q.texts}});
      }
      groups.push_back({{"group", g.group}, {"invited", g.invited}, {"responded", g.responded},
                        {"completed", g.completed}, {"suppressed", g.suppressed}, {"questions", questions}});
    }
    runs.push_back({{"run", r.run}, {"title", r.title}, {"groups", groups}});
  }
  return runs.dump(2) + "\n";
}

}  // namespace relais::surveys
