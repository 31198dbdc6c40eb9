#pragma once
// Microsoft's Teams channel emulator (npm @microsoft/m365agentsplayground), run on loopback
// against a bot endpoint. `.ci/test` installs it; RELAIS_AGENTS_PLAYGROUND names its cli.js.
#include <filesystem>
#include <string>

namespace relais::testing {

class PlaygroundProcess {
 public:
  /// Where the emulator's cli.js is (empty if it is not installed).
  static std::filesystem::path cli();

  /// Starts it in `dir` (which holds its .m365agentsplayground.yml) for the bot at `bot_port`,
  /// and waits (up to 30 s) until it answers. Throws on failure.
  PlaygroundProcess(const std::filesystem::path& dir, unsigned short bot_port);
  ~PlaygroundProcess();
  PlaygroundProcess(const PlaygroundProcess&) = delete;
  PlaygroundProcess& operator=(const PlaygroundProcess&) = delete;

  unsigned short port() const { return port_; }
  std::string log() const;

 private:
  std::filesystem::path dir_;
  int pid_ = -1;
  unsigned short port_ = 0;
};

}  // namespace relais::testing
