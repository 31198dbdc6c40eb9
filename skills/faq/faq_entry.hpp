#pragma once
// One FAQ entry per Markdown file in knowledge/faq/:
//
//   ---
//   id: teams-share-screen
//   topics: teams, meetings
//   link: https://support.microsoft.com/...
//   ---
//
//   # en: How do I share my screen in a Teams meeting?
//   ? present my screen in Teams            <- alternative phrasings, right under the question
//
//   The answer, in Markdown (lists, **bold**, [links](https://...)).
//
//   # fr: Comment partager mon écran dans une réunion Teams ?
//   ...
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/core/problem.hpp"

namespace relais::faq {

struct Translation {
  std::string language;
  std::string question;
  std::vector<std::string> alternatives;
  std::string answer;
  int line = 0;

  bool same_content(const Translation& o) const {
    return language == o.language && question == o.question && alternatives == o.alternatives && answer == o.answer;
  }
};

struct Entry {
  std::string id;
  std::vector<std::string> topics;
  std::string link;
  std::vector<Translation> translations;
  std::string source;  ///< the file it came from

  /// The translation in `language`, else English, else the first one.
  const Translation& best_translation(std::string_view language) const;
  /// Same id, topics, link and translations (where it came from aside).
  bool same_content(const Entry& o) const;
};

/// The entry as a knowledge file, in the form parse_entry reads back unchanged.
std::string render_entry(const Entry& entry);

/// Parses one entry; problems carry `source:line`. Returns nothing if the entry is unusable.
std::optional<Entry> parse_entry(std::string_view text, const std::string& source, Problems& problems);

/// Every *.md file under `dir`, in name order; duplicate ids are problems.
std::vector<Entry> load_entries(const std::filesystem::path& dir, Problems& problems);

}  // namespace relais::faq
