#pragma once
// Guesses which of our languages a short text is in, from stop words and letters that only
// some of them use. Short questions often carry little evidence: then the fallback (the
// sender's language) wins.
#include <string>
#include <string_view>
#include <vector>

#include "skills/faq/text/analyzer.hpp"

namespace relais::faq::text {

std::string detect_language(std::string_view text, const Lexicon& lexicon, const std::string& fallback);
/// The same from the text's words (see words()).
std::string detect_language(const std::vector<Word>& text_words, const Lexicon& lexicon, const std::string& fallback);

}  // namespace relais::faq::text
