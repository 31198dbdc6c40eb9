#pragma once
// The real `relais` binary, started on a free loopback port with its own data directory.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace relais::testing {

/// The demo directory without its starters' start dates: onboarding follows the real clock, so
/// tests of other features use this copy and stay independent of the day they run on.
std::filesystem::path demo_directory();

class RelaisProcess {
 public:
  /// Environment for the child, on top of a minimal one (PATH, HOME).
  using Env = std::map<std::string, std::string>;

  RelaisProcess(std::filesystem::path data_dir, Env env = {});
  ~RelaisProcess();
  RelaisProcess(const RelaisProcess&) = delete;
  RelaisProcess& operator=(const RelaisProcess&) = delete;

  /// Starts `relais serve` and waits (up to 20 s) for it to listen. Throws on failure.
  void start();
  /// SIGKILL: no clean-up at all, as in a crash.
  void kill_hard();
  /// Sends a signal (SIGHUP: reload knowledge) and returns at once.
  void signal(int signal_number);
  /// Waits (up to `seconds`) until the log gains a line containing `text`.
  bool wait_for_log(const std::string& text, int seconds = 10) const;
  /// SIGTERM, then waits for the exit code.
  int stop();
  bool running() const { return pid_ > 0; }

  unsigned short port() const { return port_; }
  int pid() const { return pid_; }
  std::filesystem::path database() const { return data_dir_ / "relais.db"; }
  std::string log() const;

  /// Runs the binary with `args` to completion; returns the exit code, output in `output`.
  static int run(const std::vector<std::string>& args, const Env& env, std::string& output);

 private:
  std::filesystem::path data_dir_;
  Env env_;
  int pid_ = -1;
  unsigned short port_ = 0;
  int starts_ = 0;
};

}  // namespace relais::testing
