#include "skills/campaigns/campaign.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "bot/core/ascii.hpp"
#include "bot/core/dates.hpp"
#include "bot/core/knowledge_file.hpp"

namespace relais::campaigns {

namespace {
/// "60%" -> 0.6, "8h" -> 8, "4" -> 4.
std::optional<double> number_in(std::string s, char unit) {
  if (!s.empty() && s.back() == unit) s.pop_back();
  s = core::trim(s);
  if (s.empty()) return std::nullopt;
  try {
    std::size_t used = 0;
    const double v = std::stod(s, &used);
    if (used != s.size() || v < 0) return std::nullopt;
    return unit == '%' ? v / 100.0 : v;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

bool parse_targets(const std::string& text, Targets& t, std::string& error) {
  for (const auto& item : core::split_list(text)) {
    const auto space = item.find(' ');
    const auto name = core::ascii_lower(item.substr(0, space));
    const auto value = space == std::string::npos ? "" : core::trim(item.substr(space + 1));
    std::optional<double> v;
    if (name == "deflection" && (v = number_in(value, '%')) && *v <= 1) t.deflection = v;
    else if (name == "satisfaction" && (v = number_in(value, '%')) && *v <= 1) t.satisfaction = v;
    else if (name == "answer" && (v = number_in(value, 'h'))) t.answer_hours = v;
    else if (name == "adoption" && (v = number_in(value, '\0')) && *v >= 1 && *v <= 5) t.adoption = v;
    else {
      error = "\"" + item + "\" is not a target like \"deflection 60%\", \"satisfaction 80%\", \"answer 8h\" or \"adoption 4\"";
      return false;
    }
  }
  return true;
}
std::string slug(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.substr(0, 40);
}

std::string Campaign::phase_on(std::chrono::sys_days day) const {
  std::string current;
  for (const char* p : phases) {
    const auto it = dates.find(p);
    if (it != dates.end() && it->second <= day) current = p;
  }
  return current;
}

std::optional<Campaign> parse_campaign(const std::string& text, Problems& problems) {
  const auto before = problems.size();
  std::istringstream in(text);
  std::string line;
  int number = 0;
  Campaign c;
  auto problem = [&](const std::string& what) { problems.push_back({"line " + std::to_string(number), what}); };
  while (std::getline(in, line)) {
    ++number;
    line = core::trim(line);
    if (line.empty()) continue;
    if (number == 1) {
      std::istringstream words(line);
      std::string verb, sub;
      words >> verb >> sub;
      std::getline(words, c.name);
      c.name = core::trim(c.name);
      if (!verb.empty() && (verb[0] == '!' || verb[0] == '/')) verb.erase(0, 1);
      if (core::ascii_lower(verb) != "campaign" || core::ascii_lower(sub) != "new" || c.name.empty())
        problem("expected \"campaign new <name>\" on the first line");
      c.id = slug(c.name);
      if (!c.name.empty() && c.id.empty()) problem("the name needs letters or digits");
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string::npos) {
      problem("expected \"key: value\"");
      continue;
    }
    const auto key = core::ascii_lower(core::trim(line.substr(0, colon)));
    const auto value = core::trim(line.substr(colon + 1));
    if (value.empty()) {
      problem(key + " is empty");
      continue;
    }
    const bool is_phase = std::any_of(std::begin(phases), std::end(phases), [&](const char* p) { return key == p; });
    if (is_phase) {
      const auto d = core::parse_iso_date(value);
      if (!d) problem(key + ": \"" + value + "\" is not a date (YYYY-MM-DD)");
      else if (c.dates.contains(key)) problem(key + " is given twice");
      else c.dates[key] = *d;
    } else if (key == "topics") {
      for (const auto& t : core::split_list(value)) c.topics.push_back(core::ascii_lower(t));
    } else if (key == "materials") {
      c.materials = value;
    } else if (key == "pilot") {
      c.pilot = core::split_list(value);
    } else if (key == "audience") {
      const auto l = core::ascii_lower(value);
      if (l == "all") c.circles.clear();
      else if (l.starts_with("circles ")) c.circles = core::split_list(value.substr(8));
      else problem("audience: expected \"all\" or \"circles <name>, <name>\"");
    } else if (key == "brief") {
      c.brief = value;
    } else if (key == "announce") {
      c.announce = value;
    } else if (key == "targets") {
      std::string error;
      if (!parse_targets(value, c.targets, error)) problem("targets: " + error);
    } else {
      problem("unknown key \"" + key + "\" (topics, prepare, engage, realise, anchor, end, materials, pilot, audience, "
              "brief, announce, targets)");
    }
  }
  if (number == 0) problem("expected \"campaign new <name>\" on the first line");
  if (c.topics.empty() && problems.size() == before) problems.push_back({"topics", "topics: is missing (e.g. topics: onedrive)"});
  const char* previous = nullptr;
  for (const char* p : phases) {
    if (!c.dates.contains(p)) {
      problems.push_back({"dates", std::string(p) + ": is missing (every phase needs its first day)"});
      continue;
    }
    if (previous && c.dates.contains(previous) && c.dates[p] <= c.dates[previous])
      problems.push_back({"dates", std::string(p) + " must come after " + previous});
    previous = p;
  }
  if (problems.size() != before) return std::nullopt;
  return c;
}

}  // namespace relais::campaigns
