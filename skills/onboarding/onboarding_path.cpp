#include "skills/onboarding/onboarding_path.hpp"

#include <algorithm>
#include <map>

#include "bot/core/files.hpp"
#include "bot/core/messages.hpp"

namespace relais::onboarding {

namespace {

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::vector<std::string> list(const std::string& value) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= value.size()) {
    const auto comma = value.find(',', start);
    auto item = trim(std::string_view(value).substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::optional<int> whole_number(const std::string& s) {
  if (s.empty() || s.size() > 6 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stoi(s);
}

}  // namespace

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
  std::vector<std::string> lines;
  for (std::size_t start = 0; start <= text.size();) {
    const auto nl = text.find('\n', start);
    lines.emplace_back(text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    if (!lines.back().empty() && lines.back().back() == '\r') lines.back().pop_back();
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  if (lines.empty() || trim(lines[0]) != "---") {
    problems.push_back({where(1), "expected a header starting with ---"});
    return std::nullopt;
  }
  Module m;
  m.source = source;
  std::size_t i = 1;
  std::map<std::string, int> seen;
  bool closed = false;
  for (; i < lines.size(); ++i) {
    const int line = static_cast<int>(i) + 1;
    if (trim(lines[i]) == "---") {
      closed = true;
      ++i;
      break;
    }
    if (trim(lines[i]).empty()) continue;
    const auto colon = lines[i].find(':');
    if (colon == std::string::npos) {
      problems.push_back({where(line), "expected \"key: value\" in the header"});
      continue;
    }
    const auto key = trim(std::string_view(lines[i]).substr(0, colon));
    const auto value = trim(std::string_view(lines[i]).substr(colon + 1));
    seen[key] = line;
    if (key == "id") {
      m.id = value;
    } else if (key == "day") {
      const auto d = whole_number(value);
      if (!d || *d > 365) problems.push_back({where(line), "day \"" + value + "\" is not a whole number of days from 0 to 365"});
      else m.day = *d;
    } else if (key == "minutes") {
      const auto n = whole_number(value);
      if (!n || *n == 0 || *n > 600) problems.push_back({where(line), "minutes \"" + value + "\" is not a duration from 1 to 600"});
      else m.minutes = *n;
    } else if (key == "link") {
      if (!(value.starts_with("https://") || value.starts_with("http://")) || value.find(' ') != std::string::npos)
        problems.push_back({where(line), "link \"" + value + "\" is not an http:// or https:// address"});
      else m.link = value;
    } else if (key == "circles") {
      m.circles = list(value);
    } else if (key == "roles") {
      for (const auto& r : list(value)) {
        if (auto role = core::parse_role(r)) m.roles.push_back(*role);
        else problems.push_back({where(line), "unknown role \"" + r + "\""});
      }
    } else {
      problems.push_back({where(line), "unknown header key \"" + key + "\" (id, day, minutes, link, circles, roles)"});
    }
  }
  if (!closed) problems.push_back({where(static_cast<int>(lines.size())), "the header is not closed with ---"});
  if (m.id.empty()) problems.push_back({where(1), "the module has no id"});
  if (!seen.contains("day")) problems.push_back({where(1), "the module has no day"});
  if (!seen.contains("minutes")) problems.push_back({where(1), "the module has no minutes"});
  if (!seen.contains("link")) problems.push_back({where(1), "the module has no link"});

  ModuleText* current = nullptr;
  for (; i < lines.size(); ++i) {
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
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return path;
  std::vector<std::filesystem::path> files;
  for (const auto& f : std::filesystem::directory_iterator(dir, ec))
    if (f.path().extension() == ".md") files.push_back(f.path());
  std::sort(files.begin(), files.end());
  std::map<std::string, std::string> ids;
  for (const auto& file : files) {
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
