#pragma once
// Guesses which of our languages a short text is in, from stop words and letters that only
// some of them use. Short questions often carry little evidence: then the fallback (the
// sender's language) wins.
#include <string>
#include <string_view>

#include "skills/faq/text/analyzer.hpp"

namespace relais::faq::text {

std::string detect_language(std::string_view text, const Lexicon& lexicon, const std::string& fallback);

}  // namespace relais::faq::text
