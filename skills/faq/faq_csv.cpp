#include "skills/faq/faq_csv.hpp"

#include <algorithm>
#include <fstream>
#include <map>

#include "bot/core/csv.hpp"
#include "bot/core/files.hpp"
#include "bot/core/messages.hpp"

namespace relais::faq {
namespace {

const std::vector<std::string> columns = {"id", "language", "question", "alternatives", "answer", "topics", "link"};

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? separator : "") + items[i];
  return out;
}

std::string trim(std::string s) {
  s.erase(0, s.find_first_not_of(" \t\r\n"));
  s.erase(s.find_last_not_of(" \t\r\n") + 1);
  return s;
}

std::vector<std::string> split(const std::string& s, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const auto at = s.find(separator, start);
    auto item = trim(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (!item.empty()) out.push_back(item);
    if (at == std::string::npos) break;
    start = at + 1;
  }
  return out;
}

}  // namespace

std::string export_csv(const std::vector<Entry>& entries) {
  std::vector<const Entry*> sorted;
  for (const auto& e : entries) sorted.push_back(&e);
  std::sort(sorted.begin(), sorted.end(), [](auto a, auto b) { return a->id < b->id; });
  std::string out = "\xEF\xBB\xBF" + csv::format_row(columns);  // the BOM makes Excel read UTF-8
  for (const auto* e : sorted)
    for (const auto& t : e->translations)
      out += csv::format_row({e->id, t.language, t.question, join(t.alternatives, "\n"), t.answer,
                              join(e->topics, ", "), e->link});
  return out;
}

std::vector<Entry> import_csv(std::string_view text, const std::string& source, Problems& problems) {
  auto at = [&](int line) { return source + ":" + std::to_string(line); };
  const auto sheet = csv::parse(text);
  if (!sheet.error.empty()) {
    problems.push_back({at(sheet.error_line), sheet.error});
    return {};
  }
  if (sheet.rows.empty() || sheet.rows[0].cells.size() < columns.size() ||
      !std::equal(columns.begin(), columns.end(), sheet.rows[0].cells.begin())) {
    problems.push_back({at(1), "the first row must be: " + join(columns, ",")});
    return {};
  }
  std::vector<Entry> entries;
  std::map<std::string, std::size_t> by_id;
  for (std::size_t r = 1; r < sheet.rows.size(); ++r) {
    const auto& row = sheet.rows[r];
    const auto before = problems.size();
    auto cell = [&](std::size_t i) { return i < row.cells.size() ? row.cells[i] : std::string(); };
    Translation t{trim(cell(1)), trim(cell(2)), split(cell(3), '\n'), trim(cell(4)), row.line};
    const auto id = trim(cell(0));
    const auto topics = split(cell(5), ',');
    const auto link = trim(cell(6));
    if (id.empty() || !std::all_of(id.begin(), id.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        }))
      problems.push_back({at(row.line), "id \"" + id + "\" must be non-empty and use a-z, 0-9 and -"});
    if (!core::is_supported_language(t.language))
      problems.push_back({at(row.line), "language \"" + t.language + "\" is not one of fr, nl, en, de"});
    if (t.question.empty()) problems.push_back({at(row.line), "the question is empty"});
    if (t.answer.empty()) problems.push_back({at(row.line), "the answer is empty"});
    if (t.answer.starts_with("? ")) problems.push_back({at(row.line), "the answer may not start with \"? \""});
    if (!link.empty() && !link.starts_with("https://") && !link.starts_with("http://"))
      problems.push_back({at(row.line), "link must start with https:// or http://"});
    if (problems.size() != before) continue;

    auto [it, fresh] = by_id.emplace(id, entries.size());
    if (fresh) entries.push_back(Entry{id, topics, link, {}, source});
    auto& entry = entries[it->second];
    if (!fresh && (entry.topics != topics || entry.link != link))
      problems.push_back({at(row.line), "topics and link must be the same on every row of \"" + id + "\""});
    if (std::any_of(entry.translations.begin(), entry.translations.end(),
                    [&](const Translation& x) { return x.language == t.language; }))
      problems.push_back({at(row.line), "\"" + id + "\" has two " + t.language + " rows"});
    entry.translations.push_back(std::move(t));
  }
  // What gets written must read back the same: check it through the file parser too.
  for (const auto& e : entries) {
    Problems reread;
    const auto back = parse_entry(render_entry(e), e.id + ".md", reread);
    if (!back || !back->same_content(e))
      problems.push_back({at(e.translations.front().line), "\"" + e.id + "\" would not read back as written"});
  }
  return entries;
}

ImportReport write_entries(const std::vector<Entry>& entries, const std::filesystem::path& faq_dir) {
  ImportReport report;
  std::filesystem::create_directories(faq_dir);
  for (const auto& e : entries) {
    const auto file = faq_dir / (e.id + ".md");
    if (const auto existing = read_file(file)) {
      Problems ignored;
      const auto old = parse_entry(*existing, file.string(), ignored);
      if (old && old->same_content(e)) {
        ++report.unchanged;
        continue;
      }
      ++report.updated;
    } else {
      ++report.added;
    }
    // Write beside, then rename: a reader (hot reload) never sees half a file.
    const auto temp = file.string() + ".tmp";
    std::ofstream(temp, std::ios::binary) << render_entry(e);
    std::filesystem::rename(temp, file);
  }
  return report;
}

}  // namespace relais::faq
