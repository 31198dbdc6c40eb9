#pragma once
// The composition root: the only place that wires storage, skills, router, outbox, timers,
// transports and the HTTP port together. One io_context on one thread owns all of it, so
// domain state and the SQLite connection need no locks.
#include <boost/asio/io_context.hpp>
#include <memory>

#include "bot/app/inputs.hpp"
#include "bot/config/config.hpp"
#include "bot/core/clock.hpp"

namespace relais::app {

class App {
 public:
  /// Opens and migrates the database and imports the directory. Throws relais::Error.
  App(const config::Config& config, Inputs inputs, const core::Clock& clock);
  ~App();

  /// Listens and serves until SIGINT/SIGTERM. Returns the process exit code.
  int serve();

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

}  // namespace relais::app
