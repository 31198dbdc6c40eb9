#include "support/playground_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "support/net_client.hpp"
#include "support/temp_dir.hpp"

namespace relais::testing {
namespace {

unsigned short free_port() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor a(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return a.local_endpoint().port();
}

}  // namespace

std::filesystem::path PlaygroundProcess::cli() {
  if (const char* path = std::getenv("RELAIS_AGENTS_PLAYGROUND"); path && *path) return path;
  const auto bundled = source_dir() / "build/tools/node_modules/@microsoft/m365agentsplayground/cli.js";
  return std::filesystem::exists(bundled) ? bundled : std::filesystem::path();
}

PlaygroundProcess::PlaygroundProcess(const std::filesystem::path& dir, unsigned short bot_port) : dir_(dir) {
  const auto script = cli();
  if (script.empty() || !std::filesystem::exists(script))
    throw std::runtime_error("the agents playground is not installed (npm @microsoft/m365agentsplayground; .ci/test installs it)");
  port_ = free_port();
  const std::string port = std::to_string(port_);
  const std::vector<std::string> args = {"node", script.string(), "start",
                                         "-e", "http://127.0.0.1:" + std::to_string(bot_port) + "/api/messages",
                                         "-c", "msteams",
                                         "-p", port,
                                         "--service-url", "http://127.0.0.1:" + port + "/_connector",
                                         "--disable-telemetry"};
  const std::string log_file = (dir_ / "playground.log").string();
  pid_ = fork();
  if (pid_ == 0) {
    if (chdir(dir_.c_str()) != 0) _exit(126);
    const int fd = open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    // Sockets of this test process (a fake peer's listener) must not live on in the child.
    close_range(3, ~0U, 0);
    setenv("TEAMSAPPTESTER_BROWSER", "none", 1);
    setenv("M365_AGENTS_PLAYGROUND_LOGFILE", (dir_ / "playground-internal.log").c_str(), 1);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execvp("node", argv.data());
    _exit(127);
  }
  for (int i = 0; i < 300; ++i) {
    if (http_request(port_, boost::beast::http::verb::get, "/", "", std::chrono::seconds(1)).status == 200) return;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("the agents playground exited: " + log());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  throw std::runtime_error("the agents playground did not start: " + log());
}

PlaygroundProcess::~PlaygroundProcess() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
}

std::string PlaygroundProcess::log() const {
  std::stringstream s;
  for (const auto* name : {"playground.log", "playground-internal.log"}) {
    std::ifstream in(dir_ / name);
    s << in.rdbuf();
  }
  return s.str();
}

}  // namespace relais::testing
