#pragma once
// The FAQ matcher: an in-memory inverted index over every translation of every entry, scored
// with BM25F (the question and its alternative phrasings weigh more than the answer), and a
// confidence that says whether to answer, to offer choices, or to hand over to a person.
//
// Why in memory and not SQLite FTS5: each document must be analysed with its own language's
// stemmer and compound splitter, which FTS5's tokenizer API cannot be told per row, and the
// score needs per-phrasing maxima and grouping that bm25() cannot express. The knowledge is
// files; the index is rebuilt from them in milliseconds (see relais-bench faq).
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "skills/faq/faq_entry.hpp"
#include "skills/faq/text/analyzer.hpp"

namespace relais::faq {

struct Scoring {
  double k1 = 1.2;
  double b_question = 1.0;  ///< short phrasings matched whole rank first (DEV sweep)
  double b_answer = 0.6;   ///< DEV sweep: 0.5-0.6 is a flat optimum
  double weight_question = 1.0;  ///< best question/phrasing match
  double weight_answer = 0.25;   ///< answer text (shared by a question's group)
  double weight_topics = 0.3;
  double other_language = 0.8;   ///< factor for documents not in the query's language
};

struct Hit {
  const Entry* entry = nullptr;
  std::string language;  ///< of the translation that matched best
  double score = 0;
};

struct SearchResult {
  std::vector<Hit> hits;     ///< best first
  std::string language;      ///< the language the query was read in
  double confidence = 0;     ///< 0..1: how sure the best hit, and not another, answers it
  double coverage = 0;       ///< 0..1: how much the question and the best phrasing share at all
};

class FaqIndex {
 public:
  FaqIndex(std::vector<Entry> entries, text::Lexicon lexicon, Scoring scoring = {});
  const text::Lexicon& lexicon() const { return lexicon_; }
  ~FaqIndex();

  /// The best `limit` entries for `query`; `fallback_language` when the text says too little.
  SearchResult search(std::string_view query, const std::string& fallback_language, std::size_t limit = 10) const;

  const std::vector<Entry>& entries() const { return entries_; }
  /// The entry with this id, if the knowledge has it.
  const Entry* find(std::string_view id) const;
  std::size_t document_count() const;

 private:
  struct Doc;
  struct Posting {
    std::uint32_t doc;
    std::uint16_t phrasing;  ///< 0 = the question, 1.. = alternatives
    float weight;            ///< tf normalised by field length
  };
  struct LanguageIndex;

  std::vector<Entry> entries_;
  text::Lexicon lexicon_;
  Scoring scoring_;
  std::vector<Doc> docs_;
  std::uint32_t group_count_ = 0;
  std::map<std::string, std::unique_ptr<LanguageIndex>, std::less<>> languages_;
};

/// Lexicon from knowledge/: stopwords/<lang>.txt and synonyms/*.txt (missing files are fine).
text::Lexicon load_lexicon(const std::filesystem::path& knowledge_dir, Problems& problems);

}  // namespace relais::faq
