#include "skills/faq/text/analyzer.hpp"

#include <algorithm>

#include "skills/faq/text/unicode.hpp"

namespace relais::faq::text {
namespace {
// Linking elements between the parts of German and Dutch compounds (Fugenelemente).
constexpr std::string_view links[] = {"", "s", "es", "n", "en", "e", "er"};
constexpr std::size_t min_part = 3;
constexpr std::size_t min_compound = 7;

// Particles of separable verbs, which a main clause sends to its end: "Wie richte ich Outlook
// ein?" is "einrichten", "Hoe voeg ik een gast toe?" is "toevoegen".
constexpr std::string_view german_particles[] = {
    "ab",  "an",  "auf", "aus", "bei", "ein", "fest", "fort", "her", "heraus", "herunter", "hin", "hinzu",
    "hoch", "los", "mit", "nach", "um", "vor", "vorbei", "weg", "weiter", "zu", "zurück", "zusammen"};
constexpr std::string_view dutch_particles[] = {
    "aan", "af", "bij", "door", "in", "mee", "na", "neer", "om", "op", "over",
    "terug", "toe", "uit", "vast", "voor", "weg", "samen", "open", "dicht", "tegen"};

bool is_particle(std::string_view language, std::string_view lower_word) {
  auto in = [&](const auto& list) { return std::find(std::begin(list), std::end(list), lower_word) != std::end(list); };
  return language == "de" ? in(german_particles) : language == "nl" && in(dutch_particles);
}
// The finite verb comes first (yes/no questions, imperatives) or after a question word or a
// two-word question phrase ("Wie viele Leute nehmen teil?").
constexpr std::size_t verb_positions = 3;
}  // namespace

Analyzer::Analyzer(std::string language, const Lexicon& lexicon)
    : language_(std::move(language)), stemmer_(language_), decompound_(language_ == "de" || language_ == "nl") {
  if (auto it = lexicon.stopwords.find(language_); it != lexicon.stopwords.end()) stopwords_ = &it->second;
  for (std::size_t g = 0; g < lexicon.synonyms.size(); ++g) {
    const std::string group_term = "~" + std::to_string(g);
    for (const auto& member : lexicon.synonyms[g]) {
      std::vector<std::string> stems;
      for (const auto& t : tokens(words(member))) stems.push_back(t.stem);
      if (stems.empty()) continue;
      auto& starting_here = synonyms_[stems.front()];
      starting_here.push_back({std::move(stems), group_term});
    }
  }
}

bool Analyzer::is_stopword(std::string_view folded_word) const {
  return stopwords_ && stopwords_->find(folded_word) != stopwords_->end();
}

std::string Analyzer::stem_folded(std::string_view lower) const { return fold(stemmer_.stem(lower)); }

std::vector<Analyzer::Token> Analyzer::tokens(const std::vector<Word>& ws) const {
  std::vector<Token> out;
  std::size_t clause = 0;  // where the current clause starts
  for (std::size_t i = 0; i < ws.size(); ++i) {
    const auto& w = ws[i];
    if (w.ends_clause) {
      if (auto verb = rejoined_verb(ws, clause, i)) out.push_back(std::move(*verb));
      clause = i + 1;
    }
    auto folded = fold(w.lower);
    if (folded.size() < 2 && !(folded.size() == 1 && folded[0] >= '0' && folded[0] <= '9')) continue;
    if (is_stopword(folded)) continue;
    out.push_back({stem_folded(w.lower), std::move(folded)});
  }
  return out;
}

std::optional<Analyzer::Token> Analyzer::rejoined_verb(const std::vector<Word>& clause_words, std::size_t first,
                                                        std::size_t last) const {
  const auto& particle = clause_words[last];
  if (!decompound_ || particle.joined || !is_particle(language_, particle.lower)) return std::nullopt;
  for (auto i = first; i < std::min(first + verb_positions, last); ++i) {
    const auto joined = particle.lower + clause_words[i].lower;
    // Only a verb the collection uses: "an" + "wie" is no word, "an" + "stecke" is "anstecken".
    if (auto stem = stem_folded(joined); stems_.contains(stem)) return Token{std::move(stem), fold(joined)};
  }
  return std::nullopt;
}

void Analyzer::learn(std::string_view text) {
  if (!decompound_) return;
  for (const auto& w : words(text)) {
    auto folded = fold(w.lower);
    if (folded.size() < min_part || is_stopword(folded)) continue;
    stems_.insert(stem_folded(w.lower));
    vocabulary_.insert(std::move(folded));
  }
}

bool Analyzer::known(std::string_view part) const {
  return vocabulary_.find(part) != vocabulary_.end() || stems_.find(stem_folded(part)) != stems_.end();
}

void Analyzer::split_compound(const std::string& w, std::vector<std::string>& out, int depth) const {
  if (depth > 3 || w.size() < min_compound) return;
  // Longest known head first: "schutzimpfung" -> "schutz" + "impfung".
  for (std::size_t i = w.size() - min_part; i >= min_part; --i) {
    const std::string_view head(w.data(), i);
    const std::string tail = w.substr(i);
    for (auto link : links) {
      if (head.size() < min_part + link.size() || !head.ends_with(link)) continue;
      const auto base = head.substr(0, head.size() - link.size());
      if (base.size() < min_part || !known(base)) continue;
      if (known(tail)) {
        out.push_back(stem_folded(base));
        out.push_back(stem_folded(tail));
        return;
      }
      std::vector<std::string> deeper;
      split_compound(tail, deeper, depth + 1);
      if (!deeper.empty()) {
        out.push_back(stem_folded(base));
        out.insert(out.end(), deeper.begin(), deeper.end());
        return;
      }
    }
  }
}

std::vector<std::string> Analyzer::terms(const std::vector<Word>& text_words) const {
  const auto toks = tokens(text_words);
  std::vector<std::string> out;
  out.reserve(toks.size() + 4);
  for (std::size_t i = 0; i < toks.size(); ++i) {
    out.push_back(toks[i].stem);
    if (decompound_) split_compound(toks[i].folded, out, 0);
    const auto starting_here = synonyms_.find(toks[i].stem);
    if (starting_here == synonyms_.end()) continue;
    for (const auto& [member, group] : starting_here->second) {
      if (i + member.size() > toks.size()) continue;
      bool match = true;
      for (std::size_t k = 1; k < member.size() && match; ++k) match = toks[i + k].stem == member[k];
      if (match) out.push_back(group);
    }
  }
  return out;
}

}  // namespace relais::faq::text
