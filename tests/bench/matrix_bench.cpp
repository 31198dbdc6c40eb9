// relais-bench matrix: how fast the Matrix transport's pure parts run — reading pushed
// transactions (the mapper) and rendering replies (HTML, reactions) — on synthetic traffic
// shaped like the recorded Synapse 1.67 transactions.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <vector>

#include "bench.hpp"
#include "bot/transports/matrix/matrix_event.hpp"
#include "bot/transports/matrix/matrix_renderer.hpp"

namespace relais::bench {

namespace {
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

std::string transaction(int events, int seed) {
  json list = json::array();
  for (int i = 0; i < events; ++i) {
    const auto id = "$ev" + std::to_string(seed) + "_" + std::to_string(i);
    if (i % 10 == 9)
      list.push_back({{"type", "m.reaction"}, {"event_id", id}, {"room_id", "!kScqRPDSVSASuznovf:localhost"},
                      {"sender", "@alice:localhost"}, {"origin_server_ts", 1795399645623},
                      {"content", {{"m.relates_to", {{"rel_type", "m.annotation"}, {"event_id", "$x"}, {"key", "👍"}}}}}});
    else
      list.push_back({{"type", "m.room.message"}, {"event_id", id}, {"room_id", "!kScqRPDSVSASuznovf:localhost"},
                      {"sender", "@alice:localhost"}, {"origin_server_ts", 1795399639548}, {"unsigned", {{"age", 27}}},
                      {"content", {{"msgtype", "m.text"}, {"body", "Comment partager mon écran dans Teams pendant une réunion ?"}}}});
  }
  return json{{"events", list}}.dump();
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}
}  // namespace

int matrix_bench(const Args& args) {
  const int rounds = std::stoi(args.get("--rounds", "2000"));
  const int per_txn = std::stoi(args.get("--events", "100"));

  std::vector<std::string> bodies;
  for (int r = 0; r < 16; ++r) bodies.push_back(transaction(per_txn, r));
  std::vector<double> parse_us;
  std::size_t events = 0;
  const auto parse_start = Clock::now();
  for (int r = 0; r < rounds; ++r) {
    const auto t0 = Clock::now();
    const auto batch = matrix::parse_transaction(bodies[static_cast<std::size_t>(r) % bodies.size()]);
    parse_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    events += batch ? batch->events.size() : 0;
  }
  const double parse_s = std::chrono::duration<double>(Clock::now() - parse_start).count();

  core::OutboundMessage card;
  card.text = "A colleague needs your help with question #42 (same circle (Finance)).";
  card.card = core::Card{.key = "question:42", .title = "Question #42", .facts = {{"Asked by", "Fatima El Amrani"}, {"Circle", "Finance"}},
                         .body = "Le badge du parking ne s'ouvre plus depuis ce matin <b>urgent</b> & [lien](https://intra.example/p)",
                         .status = "Waiting for an ambassador"};
  card.buttons = {{.label = "Claim", .action = "claim", .args = {{"question", 42}}},
                  {.label = "Pass", .action = "pass", .args = {{"question", 42}}},
                  {.label = "Answer", .action = "answer", .args = {{"question", 42}}, .input_placeholder = "Your answer"}};
  std::vector<double> render_us;
  std::size_t bytes = 0;
  const auto render_start = Clock::now();
  for (int r = 0; r < rounds; ++r) {
    const auto t0 = Clock::now();
    const auto rendered = matrix::render_message(card, {"React with", "Reply to this message to use"}, {{"@fatima:localhost", "Fatima El Amrani"}});
    bytes += rendered.content.dump().size();
    render_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  const double render_s = std::chrono::duration<double>(Clock::now() - render_start).count();

  std::cout << "matrix mapper: " << rounds << " transactions of " << per_txn << " events\n"
            << "  events/s        " << static_cast<long>(static_cast<double>(events) / parse_s) << "\n"
            << "  per transaction p50 " << percentile(parse_us, 0.5) << " us, p99 " << percentile(parse_us, 0.99) << " us\n"
            << "matrix renderer: " << rounds << " question cards with 3 buttons\n"
            << "  messages/s      " << static_cast<long>(rounds / render_s) << "\n"
            << "  per message p50 " << percentile(render_us, 0.5) << " us, p99 " << percentile(render_us, 0.99) << " us"
            << " (" << bytes / static_cast<std::size_t>(rounds) << " bytes of JSON)\n";
  return 0;
}

}  // namespace relais::bench
