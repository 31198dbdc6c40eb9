#pragma once
// Snowball stemmers (libstemmer) for the languages we serve. Not thread-safe: one per analyzer.
#include <memory>
#include <string>
#include <string_view>

struct sb_stemmer;

namespace relais::faq::text {

class Stemmer {
 public:
  /// `language`: fr, nl, en or de. Any other language leaves words as they are.
  explicit Stemmer(std::string_view language);
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  std::string stem(std::string_view lower_word) const;

 private:
  sb_stemmer* stemmer_ = nullptr;
};

}  // namespace relais::faq::text
