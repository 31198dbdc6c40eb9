#include "skills/onboarding/onboarding_path.hpp"

#include <algorithm>
#include <map>

#include "bot/core/files.hpp"
#include "bot/core/knowledge_file.hpp"
#include "bot/core/messages.hpp"

namespace relais::onboarding {

using core::trim;

const ModuleText& Module::text_for(std::string_view language) const {
  for (const auto& t : texts)
    if (t.language == language) return t;
  for (const auto& t : texts)
    if (t.language == core::reference_language) return t;
  return texts.front();
}

bool Module::applies_to(const core::Person& person) const {
  if (!circles.empty() && std::find(circles.begin(), circles.end(), person.circle) == circles.end()) return false;
  if (!roles.empty() && std::none_of(roles.begin(), roles.end(), [&](core::Role r) { return person.has(r); })) return false;
  return true;
}

std::optional<Module> parse_module(std::string_view text, const std::string& source, Problems& problems) {
  const auto before = problems.size();
  auto where = [&](int line) { return source + ":" + std::to_string(line); };
  const auto lines = core::lines_of(text);
  const auto header = core::read_header(lines, source, problems);
  if (!header) return std::nullopt;
  Module m;
  m.source = source;
  std::map<std::string, int> seen;
  for (const auto& [key, value, index] : header->fields) {
    const int line = static_cast<int>(index) + 1;
    seen[key] = line;
    if (key == "id") {
      m.id = value;
    } else if (key == "day") {
      const auto d = core::whole_number(value);
      if (!d || *d > 365) problems.push_back({where(line), "day \"" + value + "\" is not a whole number of days from 0 to 365"});
      else m.day = *d;
    } else if (key == "minutes") {
      const auto n = core::whole_number(value);
      if (!n || *n == 0 || *n > 600) problems.push_back({where(line), "minutes \"" + value + "\" is not a duration from 1 to 600"});
      else m.minutes = *n;
    } else if (key == "link") {
      if (!(value.starts_with("https://") || value.starts_with("http://")) || value.find(' ') != std::string::npos)
        problems.push_back({where(line), "link \"" + value + "\" is not an http:// or https:// address"});
      else m.link = value;
    } else if (key == "circles") {
      m.circles = core::split_list(value);
    } else if (key == "roles") {
      for (const auto& r : core::split_list(value)) {
        if (auto role = core::parse_role(r)) m.roles.push_back(*role);
        else problems.push_back({where(line), "unknown role \"" + r + "\""});
      }
    } else {
      problems.push_back({where(line), "unknown header key \"" + key + "\" (id, day, minutes, link, circles, roles)"});
    }
  }
  if (m.id.empty()) problems.push_back({where(1), "the module has no id"});
  if (!seen.contains("day")) problems.push_back({where(1), "the module has no day"});
  if (!seen.contains("minutes")) problems.push_back({where(1), "the module has no minutes"});
  if (!seen.contains("link")) problems.push_back({where(1), "the module has no link"});

  ModuleText* current = nullptr;
  for (auto i = header->body; i < lines.size(); ++i) {
    const int line = static_cast<int>(i) + 1;
    if (lines[i].starts_with("# ")) {
      const auto colon = lines[i].find(':');
      const auto lang = colon == std::string::npos ? "" : trim(std::string_view(lines[i]).substr(2, colon - 2));
      const auto title = colon == std::string::npos ? "" : trim(std::string_view(lines[i]).substr(colon + 1));
      if (!core::is_supported_language(lang) || title.empty()) {
        problems.push_back({where(line), "expected \"# <fr|nl|en|de>: <title>\""});
        current = nullptr;
        continue;
      }
      if (std::any_of(m.texts.begin(), m.texts.end(), [&](const ModuleText& t) { return t.language == lang; }))
        problems.push_back({where(line), "language \"" + lang + "\" appears twice"});
      m.texts.push_back({lang, title, ""});
      current = &m.texts.back();
      continue;
    }
    if (current) current->description += (current->description.empty() ? "" : "\n") + lines[i];
    else if (!trim(lines[i]).empty()) problems.push_back({where(line), "text before the first \"# <language>: <title>\""});
  }
  for (auto& t : m.texts) t.description = trim(t.description);
  if (m.texts.empty()) problems.push_back({source, "the module has no title: add \"# en: <title>\""});
  if (problems.size() != before) return std::nullopt;
  return m;
}

std::vector<Module> load_path(const std::filesystem::path& dir, const std::set<std::string>& known_circles,
                              Problems& problems) {
  std::vector<Module> path;
  std::map<std::string, std::string> ids;
  for (const auto& file : core::markdown_files(dir)) {
    const auto text = read_file(file);
    if (!text) {
      problems.push_back({file.string(), "cannot read the module file"});
      continue;
    }
    auto m = parse_module(*text, file.string(), problems);
    if (!m) continue;
    if (const auto [it, fresh] = ids.emplace(m->id, file.string()); !fresh) {
      problems.push_back({file.string() + ":2", "module id \"" + m->id + "\" is also used by " + it->second});
      continue;
    }
    for (const auto& c : m->circles)
      if (!known_circles.empty() && !known_circles.contains(c))
        problems.push_back({file.string(), "unknown circle \"" + c + "\" (not in the staff directory)"});
    path.push_back(std::move(*m));
  }
  std::stable_sort(path.begin(), path.end(), [](const Module& a, const Module& b) {
    return a.day != b.day ? a.day < b.day : a.id < b.id;
  });
  return path;
}

std::vector<const Module*> modules_for(const std::vector<Module>& path, const core::Person& person) {
  std::vector<const Module*> out;
  for (const auto& m : path)
    if (m.applies_to(person)) out.push_back(&m);
  return out;
}

}  // namespace relais::onboarding
