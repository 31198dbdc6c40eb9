#include "skills/routing/circles.hpp"

#include "bot/core/csv.hpp"
#include "bot/core/files.hpp"

namespace relais::routing {
namespace {

std::string trim(std::string s) {
  s.erase(0, s.find_first_not_of(" \t"));
  s.erase(s.find_last_not_of(" \t") + 1);
  return s;
}

}  // namespace

Circles load_circles(const std::filesystem::path& file, const std::set<std::string>& known, Problems& problems) {
  Circles circles;
  const auto text = read_file(file);
  if (!text) return circles;
  auto at = [&](int line) { return file.string() + ":" + std::to_string(line); };
  const auto sheet = csv::parse(*text);
  if (!sheet.error.empty()) {
    problems.push_back({at(sheet.error_line), sheet.error});
    return circles;
  }
  const std::vector<std::string> header = {"circle", "neighbours", "reroute_after_minutes",
                                           "escalate_to_community_after_minutes", "escalate_to_it_after_minutes"};
  if (sheet.rows.empty() || sheet.rows[0].cells != header) {
    problems.push_back({at(1), "the first row must be: circle,neighbours,reroute_after_minutes,"
                               "escalate_to_community_after_minutes,escalate_to_it_after_minutes"});
    return circles;
  }
  for (std::size_t r = 1; r < sheet.rows.size(); ++r) {
    const auto& row = sheet.rows[r];
    auto cell = [&](std::size_t i) { return i < row.cells.size() ? trim(row.cells[i]) : std::string(); };
    const auto name = cell(0);
    if (!known.count(name)) {
      problems.push_back({at(row.line), "unknown circle \"" + name + "\" (not in the staff directory)"});
      continue;
    }
    CircleSettings s;
    std::size_t start = 0;
    const auto list = cell(1);
    while (start < list.size()) {
      const auto semi = list.find(';', start);
      const auto n = trim(list.substr(start, semi == std::string::npos ? std::string::npos : semi - start));
      if (!n.empty() && !known.count(n)) problems.push_back({at(row.line), "unknown neighbour circle \"" + n + "\""});
      else if (!n.empty()) s.neighbours.push_back(n);
      if (semi == std::string::npos) break;
      start = semi + 1;
    }
    std::optional<std::chrono::minutes>* fields[] = {&s.reroute, &s.to_community, &s.to_it};
    for (std::size_t i = 0; i < 3; ++i) {
      const auto v = cell(2 + i);
      if (v.empty()) continue;
      if (v.find_first_not_of("0123456789") != std::string::npos || v.size() > 6 || std::stoi(v) < 1) {
        problems.push_back({at(row.line), header[2 + i] + " must be a whole number of minutes, got \"" + v + "\""});
        continue;
      }
      *fields[i] = std::chrono::minutes(std::stoi(v));
    }
    circles[name] = std::move(s);
  }
  return circles;
}

}  // namespace relais::routing
