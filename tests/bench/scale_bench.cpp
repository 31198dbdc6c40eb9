// relais-bench scale: Relais at the size of a large organisation. It generates a directory of
// 100,000 people (2,000 of them ambassadors), 10,000 FAQ entries as knowledge files and a year of
// 1,000,000 questions, then measures:
//   - start-up of the real `relais serve` (to listening): first with the directory to import,
//     then again over the full history; its resident memory after each;
//   - the dashboard's figures fetched over HTTP from that process;
//   - routing decisions: questions the FAQ cannot answer, asked through the production router,
//     skills and store (ask -> offered to ambassadors, one transaction each), p50/p99;
//   - each trend report over the last 30 days and the whole year.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <random>
#include <regex>
#include <sstream>
#include <thread>

#include "bench.hpp"
#include "bench_support.hpp"
#include "history.hpp"
#include "bot/app/inputs.hpp"
#include "bot/core/log.hpp"
#include "bot/core/router.hpp"
#include "bot/identity/identity.hpp"
#include "skills/faq/faq_csv.hpp"
#include "skills/registry.hpp"

namespace relais::bench {
namespace {

using namespace std::chrono;
namespace fs = std::filesystem;
const std::string api_token = "scale-bench-dashboard-token-0123456789";

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// A Zipf vocabulary of made-up words, so index and queries behave like real text.
class Words {
 public:
  explicit Words(std::mt19937& rng) : rng_(rng) {
    std::vector<double> weights;
    for (int i = 0; i < 20000; ++i) {
      std::string w;
      for (int k = 0, len = 4 + static_cast<int>(rng_() % 6); k < len; ++k) w += static_cast<char>('a' + rng_() % 26);
      words_.push_back(w);
      weights.push_back(1.0 / (i + 1));
    }
    zipf_ = std::discrete_distribution<std::size_t>(weights.begin(), weights.end());
  }
  std::string sentence(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += (i ? " " : "") + words_[zipf_(rng_)];
    return s;
  }

 private:
  std::mt19937& rng_;
  std::vector<std::string> words_;
  std::discrete_distribution<std::size_t> zipf_;
};

struct Organisation {
  std::vector<std::string> employees, ambassadors;
};

/// The directory CSV: circles of 50, one ambassador per `people / ambassadors`, with 1-3 topics.
/// The first circles are the example directory's, which the bundled knowledge names.
Organisation write_directory(const fs::path& file, int people, int ambassadors, std::mt19937& rng) {
  static const char* languages[] = {"fr", "nl", "en", "de"};
  static const char* named[] = {"Finance", "Operations", "Customer Care"};
  auto circle = [](int n) { return n < 3 ? std::string(named[n]) : "circle-" + std::to_string(n); };
  Organisation org;
  std::ofstream out(file);
  out << "id,name,email,language,circle,roles,topics,start_date\n";
  const int every = std::max(1, people / std::max(1, ambassadors));
  for (int i = 0; i < people; ++i) {
    const auto id = "p" + std::to_string(i);
    const bool ambassador = i % every == 0 && static_cast<int>(org.ambassadors.size()) < ambassadors;
    std::string topics;
    if (ambassador)
      for (int k = 0, n = 1 + static_cast<int>(rng() % 3); k < n; ++k)
        topics += (k ? ";" : "") + bench_tools()[rng() % bench_tools().size()];
    out << id << ",Person " << i << "," << id << "@scale.example," << languages[i % 4] << "," << circle(i / 50) << ","
        << (ambassador ? "employee;ambassador" : "employee") << "," << topics << ",\n";
    (ambassador ? org.ambassadors : org.employees).push_back(id);
  }
  return org;
}

/// `count` FAQ entries about the bench tools, each in English and one other language.
void write_faq(const fs::path& faq_dir, int count, std::mt19937& rng) {
  Words words(rng);
  static const char* others[] = {"fr", "nl", "de"};
  std::vector<faq::Entry> entries;
  for (int i = 0; i < count; ++i) {
    const auto& tool = bench_tools()[static_cast<std::size_t>(i) % bench_tools().size()];
    faq::Entry e;
    e.id = "gen-" + std::to_string(i);
    e.topics = {tool};
    e.link = "https://intranet.example/faq/" + e.id;
    for (const char* language : {"en", others[i % 3]})
      e.translations.push_back({language, words.sentence(6) + " " + tool + " " + words.sentence(2),
                                {words.sentence(5) + " " + tool}, words.sentence(50), 0});
    entries.push_back(std::move(e));
  }
  faq::write_entries(entries, faq_dir);
}

/// `relais serve` as a child process, with its output in `log`.
class Server {
 public:
  Server(const fs::path& binary, std::map<std::string, std::string> env, fs::path log)
      : log_(std::move(log)) {
    const auto before = read_text(log_).size();
    const auto started = steady_clock::now();
    pid_ = fork();
    if (pid_ == 0) {
      const int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
      close_range(3, ~0U, 0);
      std::vector<std::string> vars;
      for (const auto& [k, v] : env) vars.push_back(k + "=" + v);
      std::vector<char*> envp;
      for (auto& v : vars) envp.push_back(v.data());
      envp.push_back(nullptr);
      std::string path = binary.string(), serve = "serve";
      char* argv[] = {path.data(), serve.data(), nullptr};
      execve(path.c_str(), argv, envp.data());
      _exit(127);
    }
    static const std::regex listening("event=listening host=\\S+ port=(\\d+)");
    while (true) {
      const auto text = read_text(log_).substr(before);
      std::smatch m;
      if (std::regex_search(text, m, listening)) {
        port_ = static_cast<unsigned short>(std::stoi(m[1]));
        break;
      }
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) throw std::runtime_error("relais serve exited during start-up:\n" + text);
      std::this_thread::sleep_for(milliseconds(5));
    }
    startup_ms_ = duration<double, std::milli>(steady_clock::now() - started).count();
  }
  ~Server() {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  double startup_ms() const { return startup_ms_; }
  unsigned short port() const { return port_; }
  /// VmRSS or VmHWM, in MiB.
  double memory(const std::string& field) const {
    std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
    for (std::string line; std::getline(in, line);)
      if (line.starts_with(field + ":")) return std::stod(line.substr(field.size() + 1)) / 1024.0;
    return 0;
  }

 private:
  fs::path log_;
  pid_t pid_ = -1;
  unsigned short port_ = 0;
  double startup_ms_ = 0;
};

/// One GET on loopback; the time it took in ms (throws unless 200).
double timed_get(unsigned short port, const std::string& target) {
  namespace http = boost::beast::http;
  const auto started = steady_clock::now();
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  http::request<http::empty_body> req{http::verb::get, target, 11};
  req.set(http::field::host, "127.0.0.1");
  http::write(socket, req);
  boost::beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 << 20);
  http::read(socket, buffer, parser);
  if (parser.get().result() != http::status::ok)
    throw std::runtime_error("GET " + target.substr(0, target.find('?')) + ": HTTP " + std::to_string(parser.get().result_int()));
  return duration<double, std::milli>(steady_clock::now() - started).count();
}

struct Routing {
  std::vector<double> decision_ms;
  int routed = 0, needed_none_of_these = 0;
};

/// Questions no FAQ entry answers, from random employees, through the production router: the
/// same inputs, registry and skills as `relais serve`, on the bench's copy of the database.
Routing route_questions(const config::Config& config, const Organisation& org, int asks, core::TimePoint start,
                        std::mt19937& rng) {
  Problems problems;
  auto inputs = app::load_inputs(config, problems);
  for (const auto& p : problems) std::cerr << "  knowledge: " << p << '\n';
  BenchStores opened(config.storage.path);
  auto& db = opened.db;
  auto& questions = opened.questions;
  skills::Registry registry(config, std::make_shared<faq::FaqIndex>(std::move(inputs.faq), std::move(inputs.lexicon)),
                            inputs.calendar, inputs.circles);
  SimClock clock;
  clock.now_ = start;
  core::Metrics metrics;
  core::Router router(opened.stores, opened.identity, inputs.messages, clock, metrics, registry.skills());
  Routing out;
  for (int i = 0; i < asks; ++i) {
    clock.now_ += seconds(30);
    const auto& asker = org.employees[rng() % org.employees.size()];
    core::InboundEvent in;
    in.transport = "webchat";
    in.message_id = "scale-" + std::to_string(i);
    in.sender_address = in.conversation = asker;
    in.text = "problem with " + bench_tools()[rng() % bench_tools().size()] + " since the update " + std::to_string(i);
    in.received_at = clock.now_;
    const auto started = steady_clock::now();
    router.handle(in);
    const auto q = db.query_int("SELECT MAX(id) FROM questions").value_or(0);
    if (questions.get(q)->state == core::QuestionState::asked) {  // offered "did you mean": none of these
      ++out.needed_none_of_these;
      core::InboundEvent none = in;
      none.message_id += "-none";
      none.text.clear();
      none.action = "not_helpful";
      none.args = {{"question", q}};
      router.handle(none);
    }
    out.decision_ms.push_back(duration<double, std::milli>(steady_clock::now() - started).count());
    out.routed += questions.get(q)->state == core::QuestionState::routed;
  }
  return out;
}

}  // namespace

int scale_bench(const Args& args) {
  const int people = std::stoi(args.get("--people", "100000"));
  const int ambassadors = std::stoi(args.get("--ambassadors", "2000"));
  const int history = std::stoi(args.get("--questions", "1000000"));
  const int faq_entries = std::stoi(args.get("--faq", "10000"));
  const int asks = std::stoi(args.get("--asks", "2000"));
  const fs::path knowledge = args.get("--knowledge", "knowledge");
  const fs::path relais = args.get("--relais", (fs::read_symlink("/proc/self/exe").parent_path() / "relais").string());
  const fs::path dir = args.get("--dir", (fs::temp_directory_path() / ("relais-scale-bench-" + std::to_string(getpid()))).string());
  if (!fs::exists(relais)) throw std::runtime_error("no relais binary at " + relais.string() + " (pass --relais PATH)");
  if (!fs::is_directory(knowledge / "messages")) throw std::runtime_error("no knowledge at " + knowledge.string() + " (pass --knowledge DIR)");
  log::set_level(log::Level::warn);
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::mt19937 rng(1);
  // History ends on a Monday at 10:00 in Brussels, when the routed questions are asked.
  const auto now = time_point_cast<milliseconds>(sys_days(2026y / November / 23) + hours(9));

  std::cout << "relais-bench scale: " << people << " people (" << ambassadors << " ambassadors), " << faq_entries
            << " FAQ entries, " << history << " questions over a year\n";
  const auto t0 = steady_clock::now();
  const auto org = write_directory(dir / "directory.csv", people, ambassadors, rng);
  fs::copy(knowledge, dir / "knowledge", fs::copy_options::recursive);
  write_faq(dir / "knowledge" / "faq", faq_entries, rng);
  std::cout << "  generated the directory and knowledge files in "
            << duration_cast<milliseconds>(steady_clock::now() - t0).count() << " ms\n\n";

  config::Config config;
  config.storage.path = (dir / "relais.db").string();
  config.knowledge.path = (dir / "knowledge").string();
  config.directory.path = (dir / "directory.csv").string();
  config.directory.circles_path = "";
  const std::map<std::string, std::string> env = {
      {"PATH", "/usr/bin:/bin"}, {"HOME", dir.string()}, {"RELAIS_STORAGE_PATH", config.storage.path},
      {"RELAIS_KNOWLEDGE_PATH", config.knowledge.path}, {"RELAIS_DIRECTORY_PATH", config.directory.path},
      {"RELAIS_DIRECTORY_CIRCLES_PATH", ""}, {"RELAIS_SERVER_PORT", "0"}, {"RELAIS_API_TOKEN", api_token},
      {"RELAIS_SURVEYS_ENABLED", "false"}};

  std::cout << std::fixed << std::setprecision(1) << "| measure | value |\n|---|---|\n";
  {
    Server first(relais, env, dir / "relais.log");
    std::cout << "| start-up, empty database: import " << people << " people, index " << faq_entries << " entries | "
              << first.startup_ms() << " ms |\n"
              << "| resident memory after it (peak) | " << first.memory("VmRSS") << " MiB (" << first.memory("VmHWM")
              << " MiB) |\n";
  }
  {
    storage::Database db(config.storage.path, storage::Durability::normal);
    HistoryShape shape{org.employees, org.ambassadors, history, 1, now};
    const double ms = seed_history(db, shape);
    std::cout << "| writing " << history << " historical questions (bench set-up) | " << ms / 1000 << " s |\n";
  }
  {
    Server again(relais, env, dir / "relais.log");
    std::cout << "| restart over the full history (directory unchanged) | " << again.startup_ms() << " ms |\n"
              << "| resident memory after it (peak) | " << again.memory("VmRSS") << " MiB (" << again.memory("VmHWM")
              << " MiB) |\n";
    // The figures are computed on first use, then kept. Meanwhile health checks must still be
    // answered at once: the figures are computed off the event loop.
    std::atomic<bool> computed_done = false;
    double computed = 0;
    std::thread fetch([&] {
      computed = timed_get(again.port(), "/dashboard/figures?token=" + api_token);
      computed_done = true;
    });
    std::vector<double> health;
    std::this_thread::sleep_for(milliseconds(20));
    while (!computed_done) {
      health.push_back(timed_get(again.port(), "/healthz"));
      std::this_thread::sleep_for(milliseconds(10));
    }
    fetch.join();
    const double cached = timed_get(again.port(), "/dashboard/figures?token=" + api_token);
    std::cout << "| dashboard figures over HTTP (last 30 days): computed / cached | " << computed << " / " << cached << " ms |\n"
              << "| health checks meanwhile: answered, slowest | " << health.size() << ", "
              << (health.empty() ? 0.0 : percentile(health, 1.0)) << " ms |\n"
              << "| resident memory after the dashboard (peak) | " << again.memory("VmRSS") << " MiB ("
              << again.memory("VmHWM") << " MiB) |\n";
  }
  const auto routing = route_questions(config, org, asks, now, rng);
  std::cout << std::setprecision(2) << "| routing decision p50 / p99 (" << asks << " asks, " << routing.routed
            << " routed, " << routing.needed_none_of_these << " via \"none of these\") | "
            << percentile(routing.decision_ms, 0.5) << " / " << percentile(routing.decision_ms, 0.99) << " ms |\n";
  {
    storage::Database db(config.storage.path, storage::Durability::normal);
    Problems problems;
    const auto lexicon = faq::load_lexicon(config.knowledge.path, problems);
    std::cout << std::setprecision(0);
    for (const auto& t : time_reports(db, lexicon, now))
      std::cout << "| trend reports, " << t.span << ": topics / rising / gaps / kpis / weekly | " << t.topics << " / "
                << t.rising << " / " << t.gaps << " / " << t.kpis << " / " << t.weekly << " ms |\n";
  }
  if (args.has("--keep")) std::cout << "\nkept " << dir << '\n';
  else fs::remove_all(dir);
  return 0;
}

}  // namespace relais::bench
