#include "skills/onboarding/onboarding_report.hpp"

#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bot/core/csv.hpp"
#include "bot/core/dates.hpp"
#include "skills/onboarding/onboarding_store.hpp"

namespace relais::onboarding {

Report onboarding_report(storage::Database& db, storage::PeopleStore& people, const std::vector<Module>& path,
                         const core::TimeZone& zone) {
  Report report;
  if (!db.query_int("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'onboarding_starters'")) return report;
  OnboardingStore store(db);
  std::map<std::string, ModuleLine> modules;
  for (const auto& m : path) modules[m.id] = {m.id, m.text_for("en").title, 0, 0, 0};
  for (const auto& s : store.starters()) {
    const auto person = people.find(s.person_id);
    StarterLine line{s.person_id, person ? person->name : "(left)", person ? person->circle : "", s.start_date};
    if (s.completed_at) line.completed = core::format_iso_date(zone.local(*s.completed_at).date);
    for (const auto& p : store.modules_of(s.person_id)) {
      auto& m = modules[p.module_id];
      if (m.module_id.empty()) m = {p.module_id, "(no longer on the path)", 0, 0, 0};
      ++line.planned, ++m.planned;
      if (p.sent_at) ++line.sent, ++m.sent;
      if (p.done_at) ++line.done, ++m.done;
    }
    report.starters.push_back(line);
  }
  for (const auto& m : path) report.modules.push_back(modules[m.id]);
  for (const auto& [id, m] : modules)
    if (std::none_of(path.begin(), path.end(), [&key = id](const Module& x) { return x.id == key; }))
      report.modules.push_back(m);
  return report;
}

namespace {
std::string percent(int part, int whole) {
  if (whole == 0) return "-";
  return std::to_string((part * 100 + whole / 2) / whole) + "%";
}
}  // namespace

std::string report_table(const Report& r) {
  std::ostringstream out;
  out << "Starters\n" << std::left << std::setw(22) << "person" << std::setw(16) << "circle" << std::setw(12) << "start"
      << std::setw(10) << "done" << std::setw(10) << "sent" << "completed\n";
  for (const auto& s : r.starters)
    out << std::setw(22) << s.person_id << std::setw(16) << s.circle << std::setw(12) << s.start_date << std::setw(10)
        << (std::to_string(s.done) + "/" + std::to_string(s.planned)) << std::setw(10)
        << (std::to_string(s.sent) + "/" + std::to_string(s.planned)) << (s.completed.empty() ? "-" : s.completed) << "\n";
  out << "\nModules\n" << std::setw(24) << "module" << std::setw(10) << "planned" << std::setw(8) << "sent" << std::setw(8)
      << "done" << "done of sent\n";
  for (const auto& m : r.modules)
    out << std::setw(24) << m.module_id << std::setw(10) << m.planned << std::setw(8) << m.sent << std::setw(8) << m.done
        << percent(m.done, m.sent) << "\n";
  return out.str();
}

std::string report_csv(const Report& r) {
  std::string out = csv::format_row({"kind", "id", "circle", "start_date", "planned", "sent", "done", "completed"});
  for (const auto& s : r.starters)
    out += csv::format_row({"starter", s.person_id, s.circle, s.start_date, std::to_string(s.planned),
                            std::to_string(s.sent), std::to_string(s.done), s.completed});
  for (const auto& m : r.modules)
    out += csv::format_row({"module", m.module_id, "", "", std::to_string(m.planned), std::to_string(m.sent),
                            std::to_string(m.done), ""});
  return out;
}

std::string report_json(const Report& r) {
  nlohmann::json j = {{"starters", nlohmann::json::array()}, {"modules", nlohmann::json::array()}};
  for (const auto& s : r.starters)
    j["starters"].push_back({{"person", s.person_id}, {"name", s.name}, {"circle", s.circle}, {"start_date", s.start_date},
                             {"planned", s.planned}, {"sent", s.sent}, {"done", s.done},
                             {"completed", s.completed.empty() ? nlohmann::json() : nlohmann::json(s.completed)}});
  for (const auto& m : r.modules)
    j["modules"].push_back({{"module", m.module_id}, {"title", m.title}, {"planned", m.planned}, {"sent", m.sent},
                            {"done", m.done}});
  return j.dump(2) + "\n";
}

}  // namespace relais::onboarding
