#pragma once
// A small keyword matcher over FAQ questions and their alternative phrasings: accent- and
// case-folded words, crude prefix stemming, stop words, idf weights. Enough for a walking
// skeleton; the ranked FTS5 matcher replaces it.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "skills/faq/faq_entry.hpp"

namespace relais::faq {

struct Match {
  const Entry* entry = nullptr;
  double confidence = 0;  ///< 0..1
};

/// Lower-cased, accent-folded word stems of `text`, stop words removed.
std::vector<std::string> keywords(std::string_view text);

class KeywordIndex {
 public:
  explicit KeywordIndex(std::vector<Entry> entries);

  /// Best matches first (at most `limit`).
  std::vector<Match> search(std::string_view query, std::size_t limit = 3) const;
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  struct Phrasing {
    std::size_t entry;
    std::vector<std::string> words;
  };
  double idf(const std::string& word) const;

  std::vector<Entry> entries_;
  std::vector<Phrasing> phrasings_;
  std::map<std::string, int, std::less<>> document_frequency_;
};

}  // namespace relais::faq
