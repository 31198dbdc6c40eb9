#include "support/relais_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/temp_dir.hpp"

namespace relais::testing {
namespace {

std::string read_text(const std::filesystem::path& p);

}  // namespace

std::filesystem::path demo_directory() {
  static const auto path = [] {
    const auto file = std::filesystem::temp_directory_path() / ("relais-demo-directory-" + std::to_string(getpid()) + ".csv");
    std::istringstream in(read_text(source_dir() / "config/directory.example.csv"));
    std::ofstream out(file);
    // The demo file quotes nothing, so its cells split on commas.
    auto cells_of = [](const std::string& line) {
      std::vector<std::string> cells;
      std::istringstream row(line);
      for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
      if (line.ends_with(',')) cells.emplace_back();
      return cells;
    };
    std::string line;
    std::getline(in, line);
    out << line << "\n";
    const auto header = cells_of(line);
    const auto start_date = static_cast<std::size_t>(std::find(header.begin(), header.end(), "start_date") - header.begin());
    while (std::getline(in, line)) {
      auto cells = cells_of(line);
      if (start_date < cells.size()) cells[start_date].clear();
      for (std::size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << cells[i];
      out << "\n";
    }
    return file;
  }();
  static const struct Cleanup {
    ~Cleanup() { std::filesystem::remove(path); }
  } cleanup;
  return path;
}

namespace {

std::vector<std::string> child_env(const RelaisProcess::Env& extra) {
  RelaisProcess::Env env = {{"PATH", "/usr/bin:/bin"}, {"HOME", "/tmp"},
                            {"RELAIS_KNOWLEDGE_PATH", (source_dir() / "knowledge").string()},
                            {"RELAIS_DIRECTORY_PATH", demo_directory().string()},
                            // Surveys open on calendar dates; tests of other features keep them out.
                            {"RELAIS_SURVEYS_ENABLED", "false"},
                            {"RELAIS_DIRECTORY_CIRCLES_PATH", (source_dir() / "config/circles.example.csv").string()}};
  for (const auto& [k, v] : extra) env[k] = v;
  std::vector<std::string> out;
  for (const auto& [k, v] : env) out.push_back(k + "=" + v);
  return out;
}

int spawn(const std::vector<std::string>& args, const RelaisProcess::Env& env, const std::string& output_file) {
  const auto envs = child_env(env);
  const pid_t pid = fork();
  if (pid != 0) return pid;
  const int fd = open(output_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  dup2(fd, STDOUT_FILENO);
  dup2(fd, STDERR_FILENO);
  // Sockets of this test process (a fake peer's listener) must not live on in the child.
  close_range(3, ~0U, 0);
  std::vector<char*> argv{const_cast<char*>(RELAIS_BINARY)};
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (const auto& e : envs) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  execve(RELAIS_BINARY, argv.data(), envp.data());
  _exit(127);
}

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

RelaisProcess::RelaisProcess(std::filesystem::path data_dir, Env env)
    : data_dir_(std::move(data_dir)), env_(std::move(env)) {
  std::filesystem::create_directories(data_dir_);
}

RelaisProcess::~RelaisProcess() {
  if (pid_ > 0) kill_hard();
}

std::string RelaisProcess::log() const { return read_text(data_dir_ / "relais.log"); }

void RelaisProcess::start() {
  Env env = env_;
  env.emplace("RELAIS_STORAGE_PATH", database().string());
  env.emplace("RELAIS_STORAGE_DURABILITY", "normal");
  env.emplace("RELAIS_SERVER_PORT", "0");
  const auto log_file = data_dir_ / "relais.log";
  const auto before = read_text(log_file).size();
  pid_ = spawn({"serve"}, env, log_file.string());
  ++starts_;
  static const std::regex listening("event=listening host=\\S+ port=(\\d+)");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    const auto text = read_text(log_file);
    std::smatch m;
    const std::string fresh = text.substr(std::min(before, text.size()));
    if (std::regex_search(fresh, m, listening)) {
      port_ = static_cast<unsigned short>(std::stoi(m[1]));
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("relais exited during start-up:\n" + fresh);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill_hard();
  throw std::runtime_error("relais did not start listening within 20 s:\n" + log());
}

void RelaisProcess::kill_hard() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

void RelaisProcess::signal(int signal_number) {
  if (pid_ > 0) ::kill(pid_, signal_number);
}

bool RelaisProcess::wait_for_log(const std::string& text, int seconds) const {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    if (log().find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

int RelaisProcess::stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int RelaisProcess::run(const std::vector<std::string>& args, const Env& env, std::string& output) {
  TempDir dir;
  const auto out_file = (dir / "out.txt").string();
  const int pid = spawn(args, env, out_file);
  int status = 0;
  waitpid(pid, &status, 0);
  output = read_text(out_file);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace relais::testing
