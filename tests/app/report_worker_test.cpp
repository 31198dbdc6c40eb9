// The report worker: reports read through their own connection on their own thread, while the
// event loop goes on with the chat; results and errors come back on the loop.
#include <doctest/doctest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <thread>

#include "bot/app/report_worker.hpp"
#include "support/temp_dir.hpp"

using namespace relais;

TEST_CASE("a report is read on the worker's thread and its result handed back on the loop, which is never held up") {
  testing::TempDir dir;
  storage::Database db(dir / "relais.db", storage::Durability::normal);
  db.run("CREATE TABLE numbers (n INTEGER)");
  db.run("INSERT INTO numbers VALUES (1), (2), (39)");
  boost::asio::io_context io;
  app::ReportWorker worker(io, dir / "relais.db");
  const auto loop_thread = std::this_thread::get_id();
  std::thread::id work_thread, done_thread;
  std::optional<Result<std::int64_t>> sum;
  int loop_turns_meanwhile = 0;
  worker.run<std::int64_t>(
      [&](storage::Database& own) {
        work_thread = std::this_thread::get_id();
        std::this_thread::sleep_for(std::chrono::milliseconds(200));  // a slow report
        return own.query_int("SELECT SUM(n) FROM numbers").value_or(-1);
      },
      [&](Result<std::int64_t> r) {
        done_thread = std::this_thread::get_id();
        sum = std::move(r);
      });
  // The loop keeps turning while the report is read.
  std::function<void()> tick = [&] {
    if (sum) return;
    ++loop_turns_meanwhile;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    boost::asio::post(io, tick);
  };
  boost::asio::post(io, tick);
  io.run_for(std::chrono::seconds(5));
  REQUIRE(sum);
  REQUIRE(sum->ok());
  CHECK(sum->value() == 42);
  CHECK(work_thread != loop_thread);
  CHECK(done_thread == loop_thread);
  CHECK(loop_turns_meanwhile >= 10);
}

TEST_CASE("a report that fails comes back as a failure naming why, and the worker carries on") {
  testing::TempDir dir;
  storage::Database db(dir / "relais.db", storage::Durability::normal);
  boost::asio::io_context io;
  app::ReportWorker worker(io, dir / "relais.db");
  std::vector<Result<int>> results;
  worker.run<int>([](storage::Database& own) { return static_cast<int>(own.query_int("SELECT * FROM no_such_table").value_or(0)); },
                  [&](Result<int> r) { results.push_back(std::move(r)); });
  worker.run<int>([](storage::Database&) { return 7; }, [&](Result<int> r) { results.push_back(std::move(r)); });
  const auto busy = boost::asio::make_work_guard(io);  // the results arrive from another thread
  for (int i = 0; i < 500 && results.size() < 2; ++i) io.run_for(std::chrono::milliseconds(10));
  REQUIRE(results.size() == 2);
  CHECK_FALSE(results[0].ok());
  CHECK(results[0].error().find("no_such_table") != std::string::npos);
  REQUIRE(results[1].ok());
  CHECK(results[1].value() == 7);
}
