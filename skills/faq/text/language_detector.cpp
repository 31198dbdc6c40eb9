#include "skills/faq/text/language_detector.hpp"

#include <map>

#include "skills/faq/text/unicode.hpp"

namespace relais::faq::text {

std::string detect_language(std::string_view text, const Lexicon& lexicon, const std::string& fallback) {
  return detect_language(words(text), lexicon, fallback);
}

std::string detect_language(const std::vector<Word>& text_words, const Lexicon& lexicon, const std::string& fallback) {
  std::map<std::string, double> score;
  for (const auto& [lang, stop] : lexicon.stopwords) score[lang] = 0;
  for (const auto& w : text_words) {
    const auto folded = fold(w.lower);
    for (const auto& [lang, stop] : lexicon.stopwords)
      if (stop.find(folded) != stop.end()) score[lang] += 1;
    // Letters and spellings typical of one language.
    if (w.lower.find("ß") != std::string::npos || w.lower.find("ä") != std::string::npos ||
        w.lower.find("ö") != std::string::npos || w.lower.find("ü") != std::string::npos)
      score["de"] += 1.5;
    if (w.lower.find("é") != std::string::npos || w.lower.find("è") != std::string::npos ||
        w.lower.find("ê") != std::string::npos || w.lower.find("ç") != std::string::npos ||
        w.lower.find("à") != std::string::npos)
      score["fr"] += 1.5;
    if (folded.find("ij") != std::string::npos && folded.size() > 3) score["nl"] += 0.75;
    if (folded.size() > 3 && folded.ends_with("sch")) score["de"] += 0.5;
  }
  std::string best = fallback;
  double best_score = score.count(fallback) ? score[fallback] + 0.5 : 0.5;  // the fallback wins ties
  for (const auto& [lang, s] : score) {
    if (s > best_score) {
      best = lang;
      best_score = s;
    }
  }
  return best;
}

}  // namespace relais::faq::text
