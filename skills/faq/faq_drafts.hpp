#pragma once
// How the FAQ grows from real questions: drafts of new entries (an ambassador's answer to a
// resolved question) and of new phrasings (a question an entry answered helpfully). Drafts
// wait for a community lead; approving one writes the knowledge file, and the running bot
// re-reads its knowledge by itself.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/core/result.hpp"
#include "bot/storage/database.hpp"
#include "bot/storage/migrations.hpp"

namespace relais::faq {

struct Draft {
  std::int64_t id = 0;
  std::string kind;  ///< "entry" (a new question and answer) or "phrasing" (for an existing entry)
  std::int64_t question_id = 0;
  std::string entry_id;  ///< the entry a phrasing is for; the new entry's id once approved
  std::string language;
  std::string question;
  std::string answer;  ///< empty for phrasings
  std::string author_id;
  std::string status;  ///< pending | approved | rejected
  std::string reviewer_id;
};

std::span<const storage::Migration> draft_migrations();

class DraftStore {
 public:
  explicit DraftStore(storage::Database& db) : db_(db) {}

  Draft add(Draft draft, core::TimePoint now);
  std::optional<Draft> get(std::int64_t id);
  std::vector<Draft> pending();
  /// A pending phrasing draft or entry for the same question already exists.
  bool exists_for(std::int64_t question_id, const std::string& kind);
  /// pending -> approved|rejected; false if it was not pending.
  bool review(std::int64_t id, bool approve, const std::string& reviewer_id, const std::string& entry_id,
              core::TimePoint now);

 private:
  storage::Database& db_;
};

/// Writes an approved draft into `faq_dir`: a new entry file, or a phrasing added to its entry.
/// Returns the entry id, or why it could not be written.
Result<std::string> apply_draft(const Draft& draft, const std::filesystem::path& faq_dir);

/// A file-name-safe id from a question: "Comment partager l'écran ?" -> "comment-partager-l-ecran".
std::string slug_for(std::string_view question);

}  // namespace relais::faq
