#include <doctest/doctest.h>

#include "bot/core/scheduler.hpp"
#include "bot/storage/migrations.hpp"
#include "support/manual_clock.hpp"
#include "support/temp_dir.hpp"

using namespace relais;
using relais::testing::ManualClock;
using relais::testing::TempDir;

TEST_CASE("the scheduler's one Asio timer fires each due timer once, and later ones when their time comes") {
  TempDir dir;
  ManualClock clock;
  storage::Database db(dir / "relais.db", storage::Durability::normal);
  storage::migrate(db, storage::core_migrations());
  storage::TimerStore timers(db);
  boost::asio::io_context io;
  std::vector<std::string> fired;
  core::Scheduler scheduler(io, timers, clock, [&](const storage::TimerRow& t) {
    fired.push_back(t.subject);
    timers.mark_fired(t.id, "fired", clock.now());
  });

  timers.schedule("k", "overdue", clock.now() - std::chrono::minutes(5), {}, clock.now());
  timers.schedule("k", "later", clock.now() + std::chrono::minutes(30), {}, clock.now());
  scheduler.rearm();
  io.run_for(std::chrono::milliseconds(100));
  CHECK(fired == std::vector<std::string>{"overdue"});

  clock.advance(std::chrono::minutes(30));
  scheduler.rearm();  // as after a commit: the earliest is due now
  io.restart();
  io.run_for(std::chrono::milliseconds(100));
  CHECK(fired == std::vector<std::string>{"overdue", "later"});

  scheduler.rearm();
  io.restart();
  io.run_for(std::chrono::milliseconds(50));
  CHECK(fired.size() == 2);
  scheduler.stop();
}
