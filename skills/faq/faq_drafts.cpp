#include "skills/faq/faq_drafts.hpp"

#include <algorithm>

#include "bot/core/files.hpp"
#include "skills/faq/faq_csv.hpp"
#include "skills/faq/faq_entry.hpp"
#include "skills/faq/text/unicode.hpp"

namespace relais::faq {
namespace {

constexpr storage::Migration migrations[] = {
    {"faq", 1, R"sql(
CREATE TABLE faq_drafts (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('entry', 'phrasing')),
  question_id INTEGER REFERENCES questions(id),
  entry_id    TEXT NOT NULL DEFAULT '',
  language    TEXT NOT NULL,
  question    TEXT NOT NULL,
  answer      TEXT NOT NULL DEFAULT '',
  author_id   TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'pending',
  reviewer_id TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  reviewed_at INTEGER
);
CREATE INDEX faq_drafts_pending ON faq_drafts(status, id);
)sql"},
};

constexpr std::string_view columns =
    "SELECT id, kind, COALESCE(question_id, 0), entry_id, language, question, answer, author_id, status, "
    "reviewer_id FROM faq_drafts ";

Draft read(const storage::Statement& st) {
  return {st.int64(0), st.text(1), st.int64(2), st.text(3), st.text(4),
          st.text(5),  st.text(6), st.text(7),  st.text(8), st.text(9)};
}

}  // namespace

std::span<const storage::Migration> draft_migrations() { return migrations; }

Draft DraftStore::add(Draft d, core::TimePoint now) {
  db_.run(
      "INSERT INTO faq_drafts(kind, question_id, entry_id, language, question, answer, author_id, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
      d.kind, d.question_id ? std::optional<std::int64_t>(d.question_id) : std::nullopt, d.entry_id, d.language,
      d.question, d.answer, d.author_id, core::to_millis(now));
  d.id = db_.last_insert_id();
  d.status = "pending";
  return d;
}

std::optional<Draft> DraftStore::get(std::int64_t id) {
  auto& st = db_.prepare(std::string(columns) + "WHERE id = ?1");
  st.bind(id);
  if (!st.step()) return std::nullopt;
  auto d = read(st);
  st.reset();
  return d;
}

std::vector<Draft> DraftStore::pending() {
  std::vector<Draft> out;
  auto& st = db_.prepare(std::string(columns) + "WHERE status = 'pending' ORDER BY id");
  st.bind();
  while (st.step()) out.push_back(read(st));
  return out;
}

bool DraftStore::exists_for(std::int64_t question_id, const std::string& kind) {
  return db_.query_int("SELECT 1 FROM faq_drafts WHERE question_id = ?1 AND kind = ?2 AND status != 'rejected'",
                       question_id, kind)
      .has_value();
}

bool DraftStore::review(std::int64_t id, bool approve, const std::string& reviewer_id, const std::string& entry_id,
                        core::TimePoint now) {
  db_.run(
      "UPDATE faq_drafts SET status = ?2, reviewer_id = ?3, entry_id = CASE WHEN ?4 = '' THEN entry_id ELSE ?4 END, "
      "reviewed_at = ?5 WHERE id = ?1 AND status = 'pending'",
      id, approve ? "approved" : "rejected", reviewer_id, entry_id, core::to_millis(now));
  return db_.changes() == 1;
}

std::string slug_for(std::string_view question) {
  std::string slug;
  for (const auto& w : text::words(question)) {
    if (w.joined) continue;
    const auto folded = text::fold(w.lower);
    if (folded.empty() || (folded[0] & 0x80)) continue;  // keep the file name ASCII
    if (slug.size() + folded.size() + 1 > 60) break;
    slug += (slug.empty() ? "" : "-") + folded;
  }
  return slug.empty() ? "entry" : slug;
}

Result<std::string> apply_draft(const Draft& draft, const std::filesystem::path& faq_dir) {
  Problems problems;
  if (draft.kind == "entry") {
    std::string id = slug_for(draft.question);
    for (int n = 2; std::filesystem::exists(faq_dir / (id + ".md")); ++n) id = slug_for(draft.question) + "-" + std::to_string(n);
    Entry e{id, {}, "", {Translation{draft.language, draft.question, {}, draft.answer, 0}}, ""};
    // The file must read back as written (an answer starting with "? " would not).
    const auto back = parse_entry(render_entry(e), id + ".md", problems);
    if (!back || !back->same_content(e)) return Result<std::string>::failure("the draft cannot be written as an FAQ entry");
    write_entries({e}, faq_dir);
    return id;
  }
  const auto file = faq_dir / (draft.entry_id + ".md");
  const auto text = read_file(file);
  if (!text) return Result<std::string>::failure("the entry " + draft.entry_id + " no longer exists");
  auto entry = parse_entry(*text, file.string(), problems);
  if (!entry) return Result<std::string>::failure("the entry " + draft.entry_id + " has problems; run relais kb lint");
  for (auto& t : entry->translations) {
    if (t.language != draft.language) continue;
    if (std::find(t.alternatives.begin(), t.alternatives.end(), draft.question) == t.alternatives.end())
      t.alternatives.push_back(draft.question);
    write_entries({*entry}, faq_dir);
    return entry->id;
  }
  return Result<std::string>::failure("the entry " + draft.entry_id + " has no " + draft.language + " version");
}

}  // namespace relais::faq
