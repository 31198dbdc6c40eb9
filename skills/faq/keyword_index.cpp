#include "skills/faq/keyword_index.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace relais::faq {
namespace {

// Folds the Latin-1 supplement letters used in fr/nl/de to ASCII (é -> e, ß -> ss, ...).
std::string fold_latin1(unsigned cp) {
  static const char* table =
      "AAAAAAACEEEEIIII" "DNOOOOOxOUUUUYTs"   // U+00C0..U+00DF
      "aaaaaaaceeeeiiii" "dnooooo/ouuuuyty";  // U+00E0..U+00FF
  if (cp == 0xDF) return "ss";
  if (cp >= 0xC0 && cp <= 0xFF) return std::string(1, table[cp - 0xC0]);
  return "";
}

const std::set<std::string, std::less<>>& stop_words() {
  static const std::set<std::string, std::less<>> words = {
      // en
      "a", "an", "the", "i", "my", "me", "to", "do", "does", "how", "can", "what", "is", "in",
      "on", "of", "for", "and", "or", "it", "with", "from", "be", "are", "you", "your", "where",
      "when", "why", "which", "at", "this", "that", "there", "want", "need", "please",
      // fr
      "le", "la", "les", "un", "une", "des", "de", "du", "je", "mon", "ma", "mes", "comment",
      "est", "et", "ou", "dans", "sur", "pour", "avec", "que", "qui", "quoi", "il", "elle", "se",
      "ce", "en", "au", "aux", "puis", "peux", "faire", "veux", "dois",
      // nl
      "de", "het", "een", "ik", "mijn", "hoe", "wat", "is", "in", "op", "van", "voor", "en",
      "met", "kan", "waar", "wanneer", "dat", "dit", "te", "je", "moet", "wil",
      // de
      "der", "die", "das", "ein", "eine", "ich", "mein", "meine", "wie", "was", "ist", "im",
      "auf", "von", "fur", "und", "oder", "mit", "kann", "wo", "wann", "zu", "den", "dem",
      "einen", "meinen", "meinem"};
  return words;
}

}  // namespace

std::vector<std::string> keywords(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 2 && !stop_words().contains(word)) out.push_back(word.substr(0, 6));
    word.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) word += static_cast<char>(std::tolower(c));
      else flush();
    } else if ((c >> 5) == 6 && i + 1 < text.size()) {
      const unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
      ++i;
      const auto folded = fold_latin1(cp);
      if (folded.empty() || folded == "x" || folded == "/") flush();
      else for (char f : folded) word += static_cast<char>(std::tolower(static_cast<unsigned char>(f)));
    } else {
      flush();  // other scripts and symbols separate words here
      while (i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) >> 6) == 2) ++i;
    }
  }
  flush();
  return out;
}

KeywordIndex::KeywordIndex(std::vector<Entry> entries) : entries_(std::move(entries)) {
  for (std::size_t e = 0; e < entries_.size(); ++e) {
    for (const auto& t : entries_[e].translations) {
      phrasings_.push_back({e, keywords(t.question)});
      for (const auto& alt : t.alternatives) phrasings_.push_back({e, keywords(alt)});
    }
  }
  for (const auto& p : phrasings_) {
    std::set<std::string> unique(p.words.begin(), p.words.end());
    for (const auto& w : unique) ++document_frequency_[w];
  }
}

double KeywordIndex::idf(const std::string& word) const {
  const auto it = document_frequency_.find(word);
  const double df = it == document_frequency_.end() ? 0 : it->second;
  return std::log(1.0 + (static_cast<double>(phrasings_.size()) + 1.0) / (df + 0.5));
}

std::vector<Match> KeywordIndex::search(std::string_view query, std::size_t limit) const {
  const auto words = keywords(query);
  const std::set<std::string> query_words(words.begin(), words.end());
  double query_weight = 0;
  for (const auto& w : query_words) query_weight += idf(w);
  std::map<std::size_t, double> best;
  if (query_weight <= 0) return {};
  for (const auto& p : phrasings_) {
    const std::set<std::string> doc(p.words.begin(), p.words.end());
    double matched = 0, doc_weight = 0;
    for (const auto& w : doc) {
      doc_weight += idf(w);
      if (query_words.contains(w)) matched += idf(w);
    }
    if (matched <= 0) continue;
    // Most of the question must be covered, and most of the phrasing it matched.
    const double score = 0.6 * matched / query_weight + 0.4 * matched / doc_weight;
    auto& slot = best[p.entry];
    slot = std::max(slot, score);
  }
  std::vector<Match> out;
  for (const auto& [e, score] : best) out.push_back({&entries_[e], score});
  std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
    return a.confidence != b.confidence ? a.confidence > b.confidence : a.entry->id < b.entry->id;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace relais::faq
