#include "bot/core/messages.hpp"

#include "bot/core/files.hpp"

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace relais::core {
namespace {

std::set<std::string> placeholders(std::string_view tmpl) {
  std::set<std::string> names;
  for (std::size_t open = tmpl.find('{'); open != std::string_view::npos;
       open = tmpl.find('{', open + 1)) {
    const std::size_t close = tmpl.find('}', open);
    if (close == std::string_view::npos) break;
    names.emplace(tmpl.substr(open + 1, close - open - 1));
  }
  return names;
}

}  // namespace

bool is_supported_language(std::string_view lang) {
  for (auto l : supported_languages)
    if (l == lang) return true;
  return false;
}

MessageCatalog MessageCatalog::load(const std::filesystem::path& dir, Problems& problems) {
  MessageCatalog catalog;
  for (auto lang : supported_languages) {
    const auto file = dir / (std::string(lang) + ".json");
    const auto text = read_file(file);
    if (!text) {
      problems.push_back({file.string(), "cannot read the message file"});
      continue;
    }
    const auto doc = nlohmann::json::parse(*text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
      problems.push_back({file.string(), "not a JSON object of \"key\": \"sentence\""});
      continue;
    }
    auto& table = catalog.by_lang_[std::string(lang)];
    for (const auto& [key, value] : doc.items()) {
      if (!value.is_string()) {
        problems.push_back({file.string() + ": " + key, "must be a string"});
        continue;
      }
      table[key] = value.get<std::string>();
    }
  }

  const auto ref = catalog.by_lang_.find(reference_language);
  if (ref == catalog.by_lang_.end()) return catalog;
  for (const auto& [lang, table] : catalog.by_lang_) {
    if (lang == reference_language) continue;
    const auto file = (dir / (lang + ".json")).string();
    for (const auto& [key, tmpl] : ref->second) {
      const auto it = table.find(key);
      if (it == table.end()) {
        problems.push_back({file + ": " + key, "missing (present in en.json)"});
      } else if (placeholders(it->second) != placeholders(tmpl)) {
        problems.push_back({file + ": " + key, "placeholders differ from en.json"});
      }
    }
    for (const auto& [key, tmpl] : table)
      if (!ref->second.contains(key))
        problems.push_back({file + ": " + key, "unknown key (not in en.json)"});
  }
  return catalog;
}

bool MessageCatalog::has(std::string_view lang, std::string_view key) const {
  const auto table = by_lang_.find(lang);
  return table != by_lang_.end() && table->second.find(key) != table->second.end();
}

std::string MessageCatalog::text(std::string_view lang, std::string_view key,
                                 const Params& params) const {
  for (auto l : {lang, reference_language}) {
    const auto table = by_lang_.find(l);
    if (table == by_lang_.end()) continue;
    const auto it = table->second.find(key);
    if (it != table->second.end()) return fill(it->second, params);
  }
  return std::string(key);  // `relais check` reports the gap; saying the key beats crashing
}

std::string fill(std::string_view tmpl, const Params& params) {
  std::string out;
  out.reserve(tmpl.size() + 32);
  std::size_t i = 0;
  while (i < tmpl.size()) {
    if (tmpl[i] == '{') {
      const std::size_t close = tmpl.find('}', i);
      if (close != std::string_view::npos) {
        const auto name = tmpl.substr(i + 1, close - i - 1);
        bool replaced = false;
        for (const auto& [k, v] : params) {
          if (k == name) {
            out += v;
            replaced = true;
            break;
          }
        }
        if (replaced) {
          i = close + 1;
          continue;
        }
      }
    }
    out += tmpl[i++];
  }
  return out;
}

}  // namespace relais::core
