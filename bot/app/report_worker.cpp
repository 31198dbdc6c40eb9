#include "bot/app/report_worker.hpp"

#include "bot/core/log.hpp"
#include "bot/core/thread_name.hpp"

namespace relais::app {

ReportWorker::ReportWorker(boost::asio::io_context& io, std::filesystem::path database)
    : io_(io), database_(std::move(database)), thread_([this] { serve(); }) {}

ReportWorker::~ReportWorker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    jobs_.clear();
  }
  wake_.notify_one();
  thread_.join();
}

void ReportWorker::enqueue(std::function<void(storage::Database*)> job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
}

void ReportWorker::serve() {
  name_this_thread("relais-reports");
  std::unique_ptr<storage::Database> db;  // opened on first use: most runs never show a dashboard
  while (true) {
    std::function<void(storage::Database*)> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (stopping_) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    try {
      if (!db) db = std::make_unique<storage::Database>(database_, storage::Durability::normal);
    } catch (const std::exception& e) {
      log::error("report_database_unavailable").kv("error", e.what());
      continue;
    }
    job(db.get());
  }
}

}  // namespace relais::app
