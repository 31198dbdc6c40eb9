#pragma once
// Trend reports computed off the event loop. At a million questions the dashboard's figures
// take seconds of reading; done on the loop, every chat message would wait that long. The
// worker owns one thread and its own connection to the database file (WAL lets it read while
// the loop writes); each result is handed back to the loop.
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>

#include "bot/core/result.hpp"
#include "bot/storage/database.hpp"

namespace relais::app {

class ReportWorker {
 public:
  ReportWorker(boost::asio::io_context& io, std::filesystem::path database);
  /// Finishes the report under way; those still queued are dropped (their callers are going too).
  ~ReportWorker();
  ReportWorker(const ReportWorker&) = delete;
  ReportWorker& operator=(const ReportWorker&) = delete;

  /// `work` runs on the worker's connection, then `done` on the loop with its result (or why
  /// there is none: the error it threw).
  template <class T>
  void run(std::function<T(storage::Database&)> work, std::function<void(Result<T>)> done) {
    enqueue([this, work = std::move(work), done = std::move(done)](storage::Database* db) {
      auto result = [&]() -> Result<T> {
        if (!db) return Result<T>::failure("the database cannot be opened for reports");
        try {
          return work(*db);
        } catch (const std::exception& e) {
          return Result<T>::failure(e.what());
        }
      }();
      boost::asio::post(io_, [done, result = std::move(result)] { done(result); });
    });
  }

 private:
  void enqueue(std::function<void(storage::Database*)> job);
  void serve();

  boost::asio::io_context& io_;
  std::filesystem::path database_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void(storage::Database*)>> jobs_;
  bool stopping_ = false;
  std::thread thread_;  ///< last: starts once everything it uses exists
};

}  // namespace relais::app
