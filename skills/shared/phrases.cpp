#include "skills/shared/phrases.hpp"

#include <algorithm>

#include "skills/faq/text/unicode.hpp"

namespace relais::skills {

std::vector<std::string> folded_words(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& w : faq::text::words(text))
    if (!w.joined) out.push_back(faq::text::fold(w.lower));
  return out;
}

bool has_word(const std::vector<std::string>& words, std::initializer_list<std::string_view> wanted) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& w) {
    return std::find(wanted.begin(), wanted.end(), w) != wanted.end();
  });
}

bool has_stem(const std::vector<std::string>& words, std::initializer_list<std::string_view> stems) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& w) {
    return std::any_of(stems.begin(), stems.end(), [&](std::string_view s) { return w.starts_with(s); });
  });
}

}  // namespace relais::skills
