// relais-bench faq: FAQ retrieval quality and speed through the production matcher.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "bench.hpp"
#include "bench_support.hpp"
#include "skills/faq/faq_index.hpp"

namespace relais::bench {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

struct Query {
  std::string id, lang, text;
  std::set<std::string> relevant;
};

std::vector<json> read_jsonl(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<json> rows;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto row = json::parse(line, nullptr, false);
    if (row.is_discarded()) throw std::runtime_error(path + ":" + std::to_string(n) + ": not JSON");
    rows.push_back(std::move(row));
  }
  return rows;
}

/// Bench rows become entries exactly as knowledge files do: one translation each.
std::vector<faq::Entry> entries_from(const std::vector<json>& rows) {
  std::vector<faq::Entry> entries;
  for (const auto& r : rows) {
    faq::Entry e;
    e.id = r.at("id").get<std::string>();
    e.translations.push_back({r.at("lang").get<std::string>(), r.at("question").get<std::string>(), {},
                              r.value("answer", ""), 0});
    entries.push_back(std::move(e));
  }
  return entries;
}

/// Scoring parameters can be overridden to explore them on DEV data (--k1 1.5 --weight-answer 0.4 ...).
faq::Scoring scoring_from(const Args& args) {
  faq::Scoring s;
  auto set = [&](const char* flag, double& field) {
    if (args.has(flag)) field = std::stod(args.get(flag, ""));
  };
  set("--k1", s.k1);
  set("--b-question", s.b_question);
  set("--b-answer", s.b_answer);
  set("--weight-question", s.weight_question);
  set("--weight-answer", s.weight_answer);
  set("--weight-topics", s.weight_topics);
  set("--other-language", s.other_language);
  return s;
}

struct Metrics {
  int n = 0;
  double p1 = 0, mrr10 = 0, hit5 = 0, ap = 0;
};

void print_quality(const std::map<std::string, Metrics>& by_lang, bool as_json) {
  json out = json::object();
  if (!as_json) {
    std::cout << "lang      n    P@1   MRR@10  Hit@5    MAP\n";
  }
  for (const auto& [lang, m] : by_lang) {
    const double n = std::max(1, m.n);
    if (as_json) {
      out[lang] = {{"n", m.n}, {"p_at_1", m.p1 / n}, {"mrr_at_10", m.mrr10 / n}, {"hit_at_5", m.hit5 / n}, {"map", m.ap / n}};
      continue;
    }
    std::cout << std::left << std::setw(6) << lang << std::right << std::setw(5) << m.n << std::fixed
              << std::setprecision(4) << std::setw(8) << m.p1 / n << std::setw(8) << m.mrr10 / n << std::setw(8)
              << m.hit5 / n << std::setw(8) << m.ap / n << '\n';
  }
  if (as_json) std::cout << out.dump(2) << '\n';
}

int run_labelled(const Args& args) {
  Problems problems;
  auto lexicon = faq::load_lexicon(args.get("--knowledge", "knowledge"), problems);
  for (const auto& p : problems) std::cerr << p << '\n';
  const auto faq_rows = read_jsonl(args.require("--faq"));
  std::vector<Query> queries;
  for (const auto& r : read_jsonl(args.require("--queries")))
    queries.push_back({r.at("id"), r.at("lang"), r.at("text"), r.at("relevant").get<std::set<std::string>>()});

  const auto t0 = Clock::now();
  faq::FaqIndex index(entries_from(faq_rows), std::move(lexicon), scoring_from(args));
  const double build_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();

  std::ofstream run;
  if (args.has("--out")) run.open(args.get("--out", ""));
  std::map<std::string, Metrics> by_lang;
  std::vector<double> latency_us;
  struct Outcome {
    double confidence;
    double coverage;
    bool top;   ///< the best hit is relevant
    bool top3;  ///< a relevant hit is among the first three (what "did you mean" offers)
  };
  std::vector<Outcome> outcomes;
  for (const auto& q : queries) {
    const auto start = Clock::now();
    const auto result = index.search(q.text, q.lang, 100);
    latency_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    json ranked = json::array();
    double hits = 0, ap = 0, rr = 0;
    for (std::size_t i = 0; i < result.hits.size(); ++i) {
      const auto& id = result.hits[i].entry->id;
      ranked.push_back(id);
      if (!q.relevant.contains(id)) continue;
      hits += 1;
      ap += hits / static_cast<double>(i + 1);
      if (rr == 0 && i < 10) rr = 1.0 / static_cast<double>(i + 1);
    }
    bool hit5 = false;
    for (std::size_t i = 0; i < std::min<std::size_t>(5, result.hits.size()); ++i)
      hit5 = hit5 || q.relevant.contains(result.hits[i].entry->id);
    const bool top = !result.hits.empty() && q.relevant.contains(result.hits[0].entry->id);
    for (const auto& key : {q.lang, std::string("ALL")}) {
      auto& m = by_lang[key];
      ++m.n;
      m.p1 += top;
      m.mrr10 += rr;
      m.hit5 += hit5;
      m.ap += ap / static_cast<double>(q.relevant.size());
    }
    bool top3 = false;
    for (std::size_t i = 0; i < std::min<std::size_t>(3, result.hits.size()); ++i)
      top3 = top3 || q.relevant.contains(result.hits[i].entry->id);
    outcomes.push_back({result.confidence, result.coverage, top, top3});
    if (run.is_open()) run << json{{"query_id", q.id}, {"ranked", ranked}}.dump() << '\n';
  }

  const bool as_json = args.has("--json");
  print_quality(by_lang, as_json);
  if (as_json) return 0;
  std::cout << std::fixed << std::setprecision(1) << "\nindex build " << build_ms << " ms for "
            << index.document_count() << " documents; query latency p50 " << percentile(latency_us, 0.5)
            << " us, p99 " << percentile(latency_us, 0.99) << " us\n";
  std::cout << "\nconfidence calibration (answer directly at or above the threshold):\n"
               "threshold  answered  precision@1\n";
  const double n = static_cast<double>(outcomes.size());
  for (double t = 0.2; t < 0.951; t += 0.05) {
    int above = 0, right = 0;
    for (const auto& o : outcomes)
      if (o.confidence >= t) ++above, right += o.top;
    std::cout << std::setprecision(2) << std::setw(9) << t << std::setw(10) << above / n << std::setw(13)
              << (above ? static_cast<double>(right) / above : 0.0) << '\n';
  }
  const double answer = std::stod(args.get("--answer-threshold", "0.35"));
  std::cout << "\nnot answered directly (confidence < " << answer << "): offer the top 3 when coverage >= threshold\n"
               "threshold  offered  hit@3 offered  hit@3 of those sent to a person\n";
  for (double t = 0.05; t < 0.51; t += 0.05) {
    int band = 0, hit = 0, below = 0, below_right = 0;
    for (const auto& o : outcomes) {
      if (o.confidence >= answer) continue;
      if (o.coverage >= t) ++band, hit += o.top3;
      else ++below, below_right += o.top3;
    }
    std::cout << std::setprecision(2) << std::setw(9) << t << std::setw(9) << band / n << std::setw(15)
              << (band ? static_cast<double>(hit) / band : 0.0) << std::setw(16)
              << (below ? static_cast<double>(below_right) / below : 0.0) << '\n';
  }
  return 0;
}

/// A synthetic knowledge base of `size` entries over a Zipf vocabulary, for latency at scale.
int run_synthetic(const Args& args) {
  const auto size = static_cast<std::size_t>(std::stoul(args.get("--synthetic", "10000")));
  std::mt19937 rng(42);
  std::vector<std::string> vocabulary;
  for (int i = 0; i < 20000; ++i) {
    std::string w;
    for (int k = 0, len = 4 + static_cast<int>(rng() % 6); k < len; ++k) w += static_cast<char>('a' + rng() % 26);
    vocabulary.push_back(w);
  }
  std::vector<double> weights;
  for (std::size_t i = 0; i < vocabulary.size(); ++i) weights.push_back(1.0 / static_cast<double>(i + 1));
  std::discrete_distribution<std::size_t> zipf(weights.begin(), weights.end());
  auto sentence = [&](int words) {
    std::string s;
    for (int i = 0; i < words; ++i) s += vocabulary[zipf(rng)] + " ";
    return s;
  };
  std::vector<faq::Entry> entries;
  for (std::size_t i = 0; i < size; ++i) {
    faq::Entry e;
    e.id = "syn-" + std::to_string(i);
    e.translations.push_back({"en", sentence(8), {sentence(7), sentence(6)}, sentence(60), 0});
    entries.push_back(std::move(e));
  }
  Problems problems;
  auto lexicon = faq::load_lexicon(args.get("--knowledge", "knowledge"), problems);
  const auto t0 = Clock::now();
  faq::FaqIndex index(std::move(entries), std::move(lexicon));
  const double build_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  std::vector<double> latency_us;
  for (int q = 0; q < 2000; ++q) {
    const auto text = sentence(3 + q % 8);
    const auto start = Clock::now();
    const auto result = index.search(text, "en", 10);
    latency_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  std::cout << std::fixed << std::setprecision(1) << "synthetic FAQ: " << size << " entries ("
            << index.document_count() << " documents, 3 phrasings each), index build " << build_ms
            << " ms; 2000 queries of 3-10 words: p50 " << percentile(latency_us, 0.5) << " us, p99 "
            << percentile(latency_us, 0.99) << " us, max " << percentile(latency_us, 1.0) << " us\n";
  return 0;
}

/// Questions (one a line) asked of a knowledge directory loaded as `relais serve` loads it: the
/// cost of one search in production, where every question is analysed in each language.
int run_asked(const Args& args) {
  const std::filesystem::path knowledge = args.get("--knowledge", "knowledge");
  const auto repeat = std::stoi(args.get("--repeat", "500"));
  std::ifstream in(args.require("--ask"));
  if (!in) throw std::runtime_error("cannot read " + args.get("--ask", ""));
  std::vector<std::string> questions;
  for (std::string line; std::getline(in, line);)
    if (line.find_first_not_of(" \t\r") != std::string::npos) questions.push_back(line);
  Problems problems;
  auto entries = faq::load_entries(knowledge / "faq", problems);
  auto lexicon = faq::load_lexicon(knowledge, problems);
  for (const auto& p : problems) std::cerr << p << '\n';
  const faq::FaqIndex index(std::move(entries), std::move(lexicon));
  std::vector<double> latency_us;
  for (int r = 0; r < repeat; ++r)
    for (const auto& q : questions) {
      const auto start = Clock::now();
      const auto result = index.search(q, "en", 3);
      latency_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
      if (r == 0)
        std::cout << (result.hits.empty() ? "-" : result.hits.front().entry->id) << " (" << result.language
                  << ", confidence " << std::setprecision(2) << result.confidence << "): " << q << '\n';
    }
  std::cout << std::fixed << std::setprecision(1) << index.document_count() << " documents; "
            << latency_us.size() << " searches: p50 " << percentile(latency_us, 0.5) << " us, p99 "
            << percentile(latency_us, 0.99) << " us\n";
  return 0;
}

}  // namespace

int faq_bench(const Args& args) {
  if (args.has("--synthetic")) return run_synthetic(args);
  return args.has("--ask") ? run_asked(args) : run_labelled(args);
}

}  // namespace relais::bench
