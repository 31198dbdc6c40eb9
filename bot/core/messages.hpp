#pragma once
// Every sentence the bot says, per language, from knowledge/messages/<lang>.json.
// Templates use {placeholders}; English is the reference every language must match.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bot/core/problem.hpp"

namespace relais::core {

using Params = std::vector<std::pair<std::string, std::string>>;

inline constexpr std::string_view supported_languages[] = {"fr", "nl", "en", "de"};
inline constexpr std::string_view reference_language = "en";

bool is_supported_language(std::string_view lang);

class MessageCatalog {
 public:
  /// Loads every supported language from `dir`; every problem found is appended to `problems`.
  static MessageCatalog load(const std::filesystem::path& dir, Problems& problems);

  /// The sentence `key` in `lang` (English if the language lacks it), placeholders filled in.
  std::string text(std::string_view lang, std::string_view key, const Params& params = {}) const;

  bool has(std::string_view lang, std::string_view key) const;

 private:
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> by_lang_;
};

/// Replaces each {name} in `tmpl` by its value; unknown placeholders are left as they are.
std::string fill(std::string_view tmpl, const Params& params);

}  // namespace relais::core
