#include <iostream>
#include <string>

#include "bench.hpp"

namespace {
const char* usage =
    "Usage: relais-bench <benchmark> [options]\n"
    "\n"
    "  faq --faq FAQ.jsonl --queries QUERIES.jsonl [--out RUN.jsonl] [--knowledge DIR] [--json]\n"
    "      retrieval quality (P@1, MRR@10, Hit@5, MAP per language), latency, calibration\n"
    "  faq --synthetic N [--knowledge DIR]\n"
    "      query latency over a generated knowledge base of N entries\n"
    "  faq --ask QUESTIONS.txt [--knowledge DIR] [--repeat 500]\n"
    "      the best entry for each question (one a line) and the search latency, as relais serve loads DIR\n"
    "  routing [--json] [--days 30] [--staff 2100] [--ambassadors 117] [--rate 6] [--respond 0.8] [--seed 1]\n"
    "      a simulated month of routed questions through the real router, store and escalation ladder\n"
    "  matrix [--rounds 2000] [--events 100]\n"
    "      the Matrix mapper (pushed transactions) and renderer (question cards) per second\n"
    "  trends [--staff 2100] [--questions 100000] [--knowledge DIR]\n"
    "      each trend report over a year of generated history, timed\n"
    "  scale [--people 100000] [--ambassadors 2000] [--questions 1000000] [--faq 10000] [--asks 2000]\n"
    "        [--knowledge DIR] [--relais PATH] [--dir DIR] [--keep]\n"
    "      start-up, memory, routing decisions and trend reports at the size of a large organisation\n"
    "  load-keys --dir DIR --sink URL [--app-id bench-app]\n"
    "      OpenID metadata, JWKS and a signed token for the load benchmark (tests/bench/load/run.sh)\n";
}

int main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "--help") {
    std::cout << usage;
    return argc < 2 ? 64 : 0;
  }
  try {
    const std::string which = argv[1];
    const relais::bench::Args args(argc, argv, 2);
    if (which == "faq") return relais::bench::faq_bench(args);
    if (which == "routing") return relais::bench::routing_bench(args);
    if (which == "matrix") return relais::bench::matrix_bench(args);
    if (which == "trends") return relais::bench::trends_bench(args);
    if (which == "scale") return relais::bench::scale_bench(args);
    if (which == "load-keys") return relais::bench::load_keys_bench(args);
    std::cerr << "relais-bench: unknown benchmark \"" << which << "\"\n" << usage;
    return 64;
  } catch (const std::exception& e) {
    std::cerr << "relais-bench: " << e.what() << '\n';
    return 1;
  }
}
