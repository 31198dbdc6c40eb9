#include "skills/faq/faq_index.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "bot/core/files.hpp"
#include "bot/core/messages.hpp"
#include "skills/faq/text/language_detector.hpp"
#include "skills/faq/text/unicode.hpp"

namespace relais::faq {

struct FaqIndex::Doc {
  std::uint32_t entry;
  std::string language;
  std::uint32_t group;          ///< documents with the same question share one
  std::uint32_t phrasing_base;  ///< offset of this document's phrasings in the language's list
  std::uint16_t phrasings;
};

struct FaqIndex::LanguageIndex {
  explicit LanguageIndex(const std::string& lang, const text::Lexicon& lexicon) : analyzer(lang, lexicon) {}
  struct Term {
    std::uint32_t df = 0;
    std::vector<Posting> question;  ///< question and alternatives, per phrasing
    std::vector<Posting> answer;
    std::vector<Posting> topics;
  };
  text::Analyzer analyzer;
  std::unordered_map<std::string, Term> terms;
  std::vector<std::uint32_t> docs;  ///< global doc ids in this language
  std::uint32_t phrasing_count = 0;
  std::vector<double> phrasing_mass;  ///< the idf of each phrasing's distinct terms, summed
  double idf_unknown = 0;

  double idf(std::uint32_t df) const {
    const double n = static_cast<double>(docs.size());
    return std::log(1.0 + (n - df + 0.5) / (df + 0.5));
  }
};

namespace {

using TermCounts = std::unordered_map<std::string, float>;

TermCounts count(const std::vector<std::string>& terms) {
  TermCounts c;
  for (const auto& t : terms) c[t] += 1;
  return c;
}

std::string group_key(const std::string& lang, std::string_view question) {
  std::string key = lang + "|";
  for (const auto& w : text::words(question))
    if (!w.joined) key += text::fold(w.lower) + " ";
  return key;
}

}  // namespace

FaqIndex::FaqIndex(std::vector<Entry> entries, text::Lexicon lexicon, Scoring scoring)
    : entries_(std::move(entries)), lexicon_(std::move(lexicon)), scoring_(scoring) {
  // Every language's vocabulary first: compounds are split into words the collection knows.
  for (const auto& e : entries_) {
    for (const auto& t : e.translations) {
      auto& li = languages_[t.language];
      if (!li) li = std::make_unique<LanguageIndex>(t.language, lexicon_);
      li->analyzer.learn(t.question);
      for (const auto& a : t.alternatives) li->analyzer.learn(a);
      li->analyzer.learn(t.answer);
    }
  }

  struct Raw {
    std::vector<TermCounts> phrasings;
    TermCounts answer, topics;
    float answer_len = 0, topics_len = 0;
    std::vector<float> phrasing_len;
  };
  std::vector<Raw> raw;
  std::unordered_map<std::string, std::uint32_t> groups;
  for (std::uint32_t e = 0; e < entries_.size(); ++e) {
    std::string topics;
    for (const auto& t : entries_[e].topics) topics += t + " ";
    for (const auto& t : entries_[e].translations) {
      auto& li = *languages_.at(t.language);
      const auto doc_id = static_cast<std::uint32_t>(docs_.size());
      const auto [g, fresh] = groups.emplace(group_key(t.language, t.question), static_cast<std::uint32_t>(groups.size()));
      Raw r;
      r.phrasings.push_back(count(li.analyzer.terms(t.question)));
      for (const auto& a : t.alternatives) r.phrasings.push_back(count(li.analyzer.terms(a)));
      for (const auto& p : r.phrasings) {
        float len = 0;
        for (const auto& [term, tf] : p) len += tf;
        r.phrasing_len.push_back(len);
      }
      const auto answer_terms = li.analyzer.terms(t.answer);
      r.answer = count(answer_terms);
      r.answer_len = static_cast<float>(answer_terms.size());
      const auto topic_terms = li.analyzer.terms(topics);
      r.topics = count(topic_terms);
      r.topics_len = static_cast<float>(topic_terms.size());
      docs_.push_back({e, t.language, g->second, li.phrasing_count, static_cast<std::uint16_t>(r.phrasings.size())});
      li.phrasing_count += static_cast<std::uint32_t>(r.phrasings.size());
      li.docs.push_back(doc_id);
      raw.push_back(std::move(r));
    }
  }
  group_count_ = static_cast<std::uint32_t>(groups.size());

  // Field lengths are normalised against each language's averages (BM25's b).
  for (auto& [lang, li] : languages_) {
    double q_len = 0, a_len = 0, t_len = 0, q_n = 0;
    for (auto d : li->docs) {
      for (auto l : raw[d].phrasing_len) q_len += l, q_n += 1;
      a_len += raw[d].answer_len;
      t_len += raw[d].topics_len;
    }
    const double n = std::max<double>(1, static_cast<double>(li->docs.size()));
    const double avg_q = std::max(1.0, q_len / std::max(1.0, q_n)), avg_a = std::max(1.0, a_len / n),
                 avg_t = std::max(1.0, t_len / n);
    auto norm = [](float tf, double len, double avg, double b) {
      return static_cast<float>(tf / (1.0 - b + b * len / avg));
    };
    for (auto d : li->docs) {
      const auto& r = raw[d];
      std::unordered_map<std::string, bool> seen;
      for (std::uint16_t p = 0; p < r.phrasings.size(); ++p)
        for (const auto& [term, tf] : r.phrasings[p]) {
          li->terms[term].question.push_back({d, p, norm(tf, r.phrasing_len[p], avg_q, scoring_.b_question)});
          seen[term] = true;
        }
      for (const auto& [term, tf] : r.answer) {
        li->terms[term].answer.push_back({d, 0, norm(tf, r.answer_len, avg_a, scoring_.b_answer)});
        seen[term] = true;
      }
      for (const auto& [term, tf] : r.topics) {
        li->terms[term].topics.push_back({d, 0, norm(tf, r.topics_len, avg_t, 0.5)});
        seen[term] = true;
      }
      for (const auto& [term, present] : seen) ++li->terms[term].df;
    }
    li->idf_unknown = li->idf(0);
    li->phrasing_mass.assign(li->phrasing_count, 0.0);
    for (auto d : li->docs)
      for (std::uint16_t p = 0; p < raw[d].phrasings.size(); ++p)
        for (const auto& [term, tf] : raw[d].phrasings[p])
          li->phrasing_mass[docs_[d].phrasing_base + p] += li->idf(li->terms[term].df);
  }
}

FaqIndex::~FaqIndex() = default;

std::size_t FaqIndex::document_count() const { return docs_.size(); }

const Entry* FaqIndex::find(std::string_view id) const {
  for (const auto& e : entries_)
    if (e.id == id) return &e;
  return nullptr;
}

SearchResult FaqIndex::search(std::string_view query, const std::string& fallback_language, std::size_t limit) const {
  SearchResult result;
  const auto query_words = text::words(query);
  result.language = text::detect_language(query_words, lexicon_, fallback_language);
  const auto k1 = static_cast<float>(scoring_.k1);
  auto saturate = [k1](float w) { return w * (k1 + 1) / (w + k1); };

  struct Scored {
    double score = 0;
    double query_coverage = 0;     ///< share of the question's weight the best phrasing matches
    double phrasing_coverage = 0;  ///< share of that phrasing's weight the question matches
    int shared_words = 0;          ///< the question's words found in that phrasing
  };
  std::vector<Scored> doc_scores(docs_.size());
  std::vector<std::uint32_t> touched;
  std::size_t content_words = 0;  // in the query's own language

  for (const auto& [lang, li] : languages_) {
    const auto terms = count(li->analyzer.terms(query_words));
    if (terms.empty()) continue;
    if (lang == result.language)
      for (const auto& [term, n] : terms) content_words += !term.starts_with("~");
    // Dense accumulators: frequent words have postings in most documents, so hashing them costs
    // more than clearing arrays the size of the collection.
    // Reused per thread, so a query allocates nothing once warm.
    thread_local std::vector<float> phrasing, phrasing_idf, answer, topics, group_answer;
    thread_local std::vector<std::uint8_t> phrasing_hits;
    phrasing.assign(li->phrasing_count, 0.0f);
    phrasing_hits.assign(li->phrasing_count, 0);
    phrasing_idf.assign(li->phrasing_count, 0.0f);
    answer.assign(docs_.size(), 0.0f);
    topics.assign(docs_.size(), 0.0f);
    double total_idf = 0;
    for (const auto& [term, qtf] : terms) {
      const auto it = li->terms.find(term);
      if (it == li->terms.end()) {
        total_idf += li->idf_unknown;  // a word the FAQ never uses counts against every entry
        continue;
      }
      const double idf = li->idf(it->second.df);
      total_idf += idf;
      const auto fidf = static_cast<float>(idf);
      for (const auto& p : it->second.question) {
        const auto slot = docs_[p.doc].phrasing_base + p.phrasing;
        phrasing[slot] += fidf * saturate(p.weight);
        phrasing_idf[slot] += fidf;
        if (!term.starts_with("~") && phrasing_hits[slot] < 255) ++phrasing_hits[slot];
      }
      for (const auto& p : it->second.answer) answer[p.doc] += fidf * saturate(p.weight);
      for (const auto& p : it->second.topics) topics[p.doc] += fidf * saturate(p.weight);
    }
    if (total_idf <= 0) continue;

    // A question's answers pool their evidence: entries that share a question rank together.
    group_answer.assign(group_count_, 0.0f);
    for (auto d : li->docs) group_answer[docs_[d].group] = std::max(group_answer[docs_[d].group], answer[d]);
    const double language_factor = lang == result.language ? 1.0 : scoring_.other_language;
    for (auto d : li->docs) {
      const auto& doc = docs_[d];
      double best = 0, best_idf = 0, best_mass = 1;
      int best_hits = 0;
      for (std::uint16_t p = 0; p < doc.phrasings; ++p) {
        const auto slot = doc.phrasing_base + p;
        if (phrasing[slot] > best) {
          best = phrasing[slot];
          best_idf = phrasing_idf[slot];
          best_mass = std::max(li->phrasing_mass[slot], 1e-9);
          best_hits = phrasing_hits[slot];
        }
      }
      const double s = scoring_.weight_question * best + scoring_.weight_answer * group_answer[doc.group] +
                       scoring_.weight_topics * topics[d] + 0.001 * answer[d];
      if (s <= 0) continue;
      doc_scores[d] = {s * language_factor, best_idf / total_idf, std::min(1.0, best_idf / best_mass), best_hits};
      touched.push_back(d);
    }
  }

  // One hit per entry: its best translation.
  constexpr std::uint32_t none = UINT32_MAX;
  thread_local std::vector<std::uint32_t> best_doc;
  best_doc.assign(entries_.size(), none);
  std::vector<std::uint32_t> ranked;
  for (auto d : touched) {
    auto& slot = best_doc[docs_[d].entry];
    if (slot == none) ranked.push_back(d);
    if (slot == none || doc_scores[d].score > doc_scores[slot].score) slot = d;
  }
  for (auto& d : ranked) d = best_doc[docs_[d].entry];
  const auto better = [&](auto a, auto b) {
    if (doc_scores[a].score != doc_scores[b].score) return doc_scores[a].score > doc_scores[b].score;
    return entries_[docs_[a].entry].id < entries_[docs_[b].entry].id;
  };
  // Only the first `limit` need an order.
  const auto keep = std::min(limit, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep), ranked.end(), better);

  if (!ranked.empty()) {
    // Confidence: how well the question and the best phrasing cover each other, discounted when
    // another question (not just another answer to the same one) scores nearly as well.
    const auto top = ranked.front();
    double runner_up = 0;
    for (std::size_t i = 1; i < ranked.size(); ++i)
      if (docs_[ranked[i]].group != docs_[top].group) runner_up = std::max(runner_up, doc_scores[ranked[i]].score);
    const double margin = 1.0 - runner_up / doc_scores[top].score;
    const auto& s = doc_scores[top];
    const double coverage = 0.6 * s.query_coverage + 0.4 * s.phrasing_coverage;
    // One word ("meeting", "share") fits several entries, and one shared word is thin evidence
    // for a longer question: offer choices rather than guess.
    const double brevity = content_words <= 1 || (s.shared_words <= 1 && content_words >= 3) ? 0.5 : 1.0;
    result.coverage = std::clamp(coverage, 0.0, 1.0);
    result.confidence = std::clamp(brevity * coverage * (0.4 + 0.6 * std::min(1.0, margin / 0.25)), 0.0, 1.0);
  }
  if (ranked.size() > limit) ranked.resize(limit);
  for (auto d : ranked) result.hits.push_back({&entries_[docs_[d].entry], docs_[d].language, doc_scores[d].score});
  return result;
}

text::Lexicon load_lexicon(const std::filesystem::path& knowledge_dir, Problems& problems) {
  text::Lexicon lexicon;
  for (auto lang : core::supported_languages) {
    const auto file = knowledge_dir / "stopwords" / (std::string(lang) + ".txt");
    const auto content = read_file(file);
    if (!content) continue;
    auto& set = lexicon.stopwords[std::string(lang)];
    for (const auto& w : text::words(*content)) set.insert(text::fold(w.lower));
  }
  std::error_code ec;
  const auto dir = knowledge_dir / "synonyms";
  if (!std::filesystem::is_directory(dir, ec)) return lexicon;
  std::vector<std::filesystem::path> files;
  for (const auto& f : std::filesystem::directory_iterator(dir, ec))
    if (f.path().extension() == ".txt") files.push_back(f.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    const auto content = read_file(file).value_or("");
    int line_no = 0;
    std::size_t start = 0;
    while (start < content.size()) {
      const auto nl = content.find('\n', start);
      std::string line = content.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
      start = nl == std::string::npos ? content.size() : nl + 1;
      ++line_no;
      if (const auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
      std::vector<std::string> group;
      std::size_t from = 0;
      while (from <= line.size()) {
        const auto comma = line.find(',', from);
        std::string term = line.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
        term.erase(0, term.find_first_not_of(" \t\r"));
        term.erase(term.find_last_not_of(" \t\r") + 1);
        if (!term.empty()) group.push_back(term);
        if (comma == std::string::npos) break;
        from = comma + 1;
      }
      if (group.size() == 1)
        problems.push_back({file.string() + ":" + std::to_string(line_no), "a synonym group needs at least two terms"});
      else if (group.size() > 1)
        lexicon.synonyms.push_back(std::move(group));
    }
  }
  return lexicon;
}

}  // namespace relais::faq
