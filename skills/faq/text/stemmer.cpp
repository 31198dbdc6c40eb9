#include "skills/faq/text/stemmer.hpp"

#include <libstemmer.h>

namespace relais::faq::text {
namespace {
const char* algorithm(std::string_view language) {
  if (language == "fr") return "french";
  if (language == "nl") return "dutch";
  if (language == "en") return "english";
  if (language == "de") return "german";
  return nullptr;
}
}  // namespace

Stemmer::Stemmer(std::string_view language) {
  if (const char* name = algorithm(language)) stemmer_ = sb_stemmer_new(name, "UTF_8");
}

Stemmer::~Stemmer() {
  if (stemmer_) sb_stemmer_delete(stemmer_);
}

std::string Stemmer::stem(std::string_view lower_word) const {
  if (!stemmer_) return std::string(lower_word);
  const auto* out = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(lower_word.data()),
                                    static_cast<int>(lower_word.size()));
  if (!out) return std::string(lower_word);
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(sb_stemmer_length(stemmer_)));
}

}  // namespace relais::faq::text
