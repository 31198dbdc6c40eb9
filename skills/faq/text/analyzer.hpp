#pragma once
// Turns text into index terms for one language: folded Snowball stems without stop words,
// plus the parts of German/Dutch compounds, German/Dutch separable verbs joined again ("stecke
// ... an" -> "anstecken"), and the synonym groups the text mentions.
// Index and queries go through the same analyzer, so they always agree.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "skills/faq/text/stemmer.hpp"
#include "skills/faq/text/unicode.hpp"

namespace relais::faq::text {

/// Hashes strings and string views alike, so a set of words is searched without a copy.
struct WordHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
/// A set of words: hashed, because every word of every question is looked up in several.
using WordSet = std::unordered_set<std::string, WordHash, std::equal_to<>>;

/// Language resources read from knowledge/: stop words per language, synonym groups.
struct Lexicon {
  std::map<std::string, WordSet, std::less<>> stopwords;  ///< by language, folded
  std::vector<std::vector<std::string>> synonyms;  ///< groups of equivalent terms (any language)
};

class Analyzer {
 public:
  Analyzer(std::string language, const Lexicon& lexicon);

  const std::string& language() const { return language_; }

  /// Teaches the analyzer the words of the collection, so compounds can be split into them.
  void learn(std::string_view text);
  /// Index terms of `text`, in order (compound parts and synonym groups follow their word).
  std::vector<std::string> terms(std::string_view text) const { return terms(words(text)); }
  /// The same from the text's words, split once for all the languages a question is tried in.
  std::vector<std::string> terms(const std::vector<Word>& text_words) const;
  /// True if `folded_word` is a stop word of this language.
  bool is_stopword(std::string_view folded_word) const;

 private:
  struct Token {
    std::string stem;
    std::string folded;
  };
  std::vector<Token> tokens(const std::vector<Word>& text_words) const;
  /// The separable verb a clause ends with, joined to its finite verb, if the collection uses it.
  std::optional<Token> rejoined_verb(const std::vector<Word>& clause_words, std::size_t first, std::size_t last) const;
  void split_compound(const std::string& folded, std::vector<std::string>& out, int depth) const;
  bool known(std::string_view folded_part) const;
  std::string stem_folded(std::string_view lower) const;

  std::string language_;
  Stemmer stemmer_;
  const WordSet* stopwords_ = nullptr;
  bool decompound_ = false;
  WordSet vocabulary_;  ///< folded words of the collection
  WordSet stems_;       ///< their stems
  struct Synonym {
    std::vector<std::string> stems;  ///< a member of a group, as a sequence of stems
    std::string group;               ///< the group's term
  };
  /// Synonym members by their first stem: a word is checked against the few that start with it.
  std::unordered_map<std::string, std::vector<Synonym>, WordHash, std::equal_to<>> synonyms_;
};

}  // namespace relais::faq::text
