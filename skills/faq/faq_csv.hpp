#pragma once
// The FAQ as a spreadsheet, for authors who keep it in Excel: one row per entry and language.
//   id, language, question, alternatives (one per line in the cell), answer, topics, link
// Export then import changes nothing; import reports every problem with file:line first and
// writes nothing unless the whole sheet is valid.
#include <filesystem>
#include <string>
#include <vector>

#include "bot/core/problem.hpp"
#include "skills/faq/faq_entry.hpp"

namespace relais::faq {

std::string export_csv(const std::vector<Entry>& entries);

/// Entries from a sheet; problems carry `source:line`.
std::vector<Entry> import_csv(std::string_view text, const std::string& source, Problems& problems);

struct ImportReport {
  int added = 0;
  int updated = 0;
  int unchanged = 0;
};

/// Writes each entry to `faq_dir/<id>.md` unless an identical entry is already there.
ImportReport write_entries(const std::vector<Entry>& entries, const std::filesystem::path& faq_dir);

}  // namespace relais::faq
