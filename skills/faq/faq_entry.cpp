#include "skills/faq/faq_entry.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "bot/core/files.hpp"
#include "bot/core/knowledge_file.hpp"
#include "bot/core/messages.hpp"

namespace relais::faq {
namespace {

using core::lines_of;
using core::trim;

bool is_slug(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

std::string strip_trailing_blank_lines(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

const Translation& Entry::best_translation(std::string_view language) const {
  for (auto want : {language, core::reference_language})
    for (const auto& t : translations)
      if (t.language == want) return t;
  return translations.front();
}

bool Entry::same_content(const Entry& o) const {
  if (id != o.id || topics != o.topics || link != o.link || translations.size() != o.translations.size())
    return false;
  for (std::size_t i = 0; i < translations.size(); ++i)
    if (!translations[i].same_content(o.translations[i])) return false;
  return true;
}

std::string render_entry(const Entry& entry) {
  std::string out = "---\nid: " + entry.id + "\n";
  if (!entry.topics.empty()) {
    out += "topics: ";
    for (std::size_t i = 0; i < entry.topics.size(); ++i) out += (i ? ", " : "") + entry.topics[i];
    out += "\n";
  }
  if (!entry.link.empty()) out += "link: " + entry.link + "\n";
  out += "---\n";
  for (const auto& t : entry.translations) {
    out += "\n# " + t.language + ": " + t.question + "\n";
    for (const auto& a : t.alternatives) out += "? " + a + "\n";
    out += "\n" + t.answer + "\n";
  }
  return out;
}

std::optional<Entry> parse_entry(std::string_view text, const std::string& source,
                                 Problems& problems) {
  const auto lines = lines_of(text);
  auto at = [&](std::size_t i) { return source + ":" + std::to_string(i + 1); };
  const auto before = problems.size();
  Entry entry;
  entry.source = source;

  const auto header = core::read_header(lines, source, problems);
  if (!header) return std::nullopt;
  for (const auto& [key, value, line] : header->fields) {
    const auto i = line;
    if (key == "id") {
      entry.id = value;
      if (!is_slug(value)) problems.push_back({at(i), "id must use a-z, 0-9 and -"});
    } else if (key == "topics") {
      entry.topics = core::split_list(value);
    } else if (key == "link") {
      entry.link = value;
      if (!value.starts_with("https://") && !value.starts_with("http://"))
        problems.push_back({at(i), "link must start with https:// or http://"});
    } else {
      problems.push_back({at(i), "unknown header key \"" + key + "\" (id, topics, link)"});
    }
  }
  if (entry.id.empty()) problems.push_back({source + ":1", "the header has no id"});

  Translation* current = nullptr;
  bool in_answer = false;
  for (auto i = header->body; i < lines.size(); ++i) {
    const auto& raw = lines[i];
    if (raw.starts_with("# ")) {
      const auto colon = raw.find(':');
      const auto lang = colon == std::string::npos ? std::string() : trim(raw.substr(2, colon - 2));
      if (!core::is_supported_language(lang)) {
        problems.push_back({at(i), "expected \"# <fr|nl|en|de>: <question>\""});
        current = nullptr;
        continue;
      }
      if (std::any_of(entry.translations.begin(), entry.translations.end(),
                      [&](const Translation& t) { return t.language == lang; }))
        problems.push_back({at(i), "language \"" + lang + "\" appears twice"});
      entry.translations.push_back({lang, trim(raw.substr(colon + 1)), {}, "", static_cast<int>(i + 1)});
      current = &entry.translations.back();
      if (current->question.empty()) problems.push_back({at(i), "the question is empty"});
      in_answer = false;
      continue;
    }
    if (!current) {
      if (!trim(raw).empty()) problems.push_back({at(i), "text before the first \"# <lang>: question\""});
      continue;
    }
    if (!in_answer && raw.starts_with("? ")) {
      if (auto alt = trim(raw.substr(2)); !alt.empty()) current->alternatives.push_back(alt);
      continue;
    }
    if (!in_answer && trim(raw).empty()) continue;
    in_answer = true;
    current->answer += raw + "\n";
  }
  for (auto& t : entry.translations) {
    t.answer = strip_trailing_blank_lines(t.answer);
    if (t.answer.empty())
      problems.push_back({source + ":" + std::to_string(t.line), "the " + t.language + " answer is empty"});
  }
  if (entry.translations.empty())
    problems.push_back({source, "no \"# <lang>: question\" section"});
  if (problems.size() != before) return std::nullopt;
  return entry;
}

std::vector<Entry> load_entries(const std::filesystem::path& dir, Problems& problems) {
  std::vector<Entry> entries;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    problems.push_back({dir.string(), "the FAQ directory does not exist"});
    return entries;
  }
  std::map<std::string, std::string> ids;
  for (const auto& file : core::markdown_files(dir)) {
    const auto text = read_file(file);
    if (!text) {
      problems.push_back({file.string(), "cannot read the FAQ file"});
      continue;
    }
    auto entry = parse_entry(*text, file.string(), problems);
    if (!entry) continue;
    if (auto [it, fresh] = ids.emplace(entry->id, file.string()); !fresh) {
      problems.push_back({file.string() + ":2", "id \"" + entry->id + "\" is also used by " + it->second});
      continue;
    }
    entries.push_back(std::move(*entry));
  }
  return entries;
}

}  // namespace relais::faq
