#pragma once
// Splits UTF-8 text into lower-case words and folds accents, for the languages we serve
// (Latin script). Other scripts pass through lower-cased where we know how, unchanged otherwise.
#include <string>
#include <string_view>
#include <vector>

namespace relais::faq::text {

struct Word {
  std::string lower;   ///< lower case, accents kept (what Snowball stemmers expect)
  bool joined = false;  ///< a hyphenated compound glued back together ("e-mail" -> "email")
  bool ends_clause = false;  ///< followed by . , ; : ? ! or the end of the text
};

/// Words of `text`: letters and digits; apostrophes and hyphens split words, and a hyphenated
/// word is also given whole, without its hyphens. The last word of each clause says so.
std::vector<Word> words(std::string_view text);

/// Accent-free lower case: "Écran" -> "ecran", "Straße" -> "strasse", "œuvre" -> "oeuvre".
std::string fold(std::string_view lower_word);

}  // namespace relais::faq::text
