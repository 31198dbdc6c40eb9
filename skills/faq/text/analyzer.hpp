#pragma once
// Turns text into index terms for one language: folded Snowball stems without stop words,
// plus the parts of German/Dutch compounds, German/Dutch separable verbs joined again ("stecke
// ... an" -> "anstecken"), and the synonym groups the text mentions.
// Index and queries go through the same analyzer, so they always agree.
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "skills/faq/text/stemmer.hpp"
#include "skills/faq/text/unicode.hpp"

namespace relais::faq::text {

/// Language resources read from knowledge/: stop words per language, synonym groups.
struct Lexicon {
  std::map<std::string, std::set<std::string, std::less<>>, std::less<>> stopwords;  ///< by language, folded
  std::vector<std::vector<std::string>> synonyms;  ///< groups of equivalent terms (any language)
};

class Analyzer {
 public:
  Analyzer(std::string language, const Lexicon& lexicon);

  const std::string& language() const { return language_; }

  /// Teaches the analyzer the words of the collection, so compounds can be split into them.
  void learn(std::string_view text);
  /// Index terms of `text`, in order (compound parts and synonym groups follow their word).
  std::vector<std::string> terms(std::string_view text) const;
  /// True if `folded_word` is a stop word of this language.
  bool is_stopword(std::string_view folded_word) const;

 private:
  struct Token {
    std::string stem;
    std::string folded;
  };
  std::vector<Token> tokens(std::string_view text) const;
  /// The separable verb a clause ends with, joined to its finite verb, if the collection uses it.
  std::optional<Token> rejoined_verb(const std::vector<Word>& clause_words, std::size_t first, std::size_t last) const;
  void split_compound(const std::string& folded, std::vector<std::string>& out, int depth) const;
  bool known(std::string_view folded_part) const;
  std::string stem_folded(std::string_view lower) const;

  std::string language_;
  Stemmer stemmer_;
  const std::set<std::string, std::less<>>* stopwords_ = nullptr;
  bool decompound_ = false;
  std::set<std::string, std::less<>> vocabulary_;  ///< folded words of the collection
  std::set<std::string, std::less<>> stems_;       ///< their stems
  /// Synonym members as stem sequences -> the group's term.
  std::vector<std::pair<std::vector<std::string>, std::string>> synonyms_;
};

}  // namespace relais::faq::text
