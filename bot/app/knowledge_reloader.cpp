#include "bot/app/knowledge_reloader.hpp"

#include <boost/asio/post.hpp>
#include <chrono>

#include "bot/core/log.hpp"

namespace relais::app {

KnowledgeReloader::KnowledgeReloader(boost::asio::io_context& io, const config::Config& config, Apply apply)
    : io_(io),
      dir_(config.knowledge.path),
      interval_(config.knowledge.reload_seconds),
      apply_(std::move(apply)),
      timer_(io),
      hangup_(io, SIGHUP) {}

KnowledgeReloader::~KnowledgeReloader() {
  stop();
  builder_.join();
}

void KnowledgeReloader::start() {
  seen_ = fingerprint();
  wait_for_hangup();
  poll();
}

void KnowledgeReloader::wait_for_hangup() {
  hangup_.async_wait([this](const boost::system::error_code& ec, int) {
    if (ec || stopped_) return;
    reload("sighup");
    wait_for_hangup();
  });
}

void KnowledgeReloader::stop() {
  stopped_ = true;
  timer_.cancel();
  boost::system::error_code ec;
  hangup_.cancel(ec);
}

std::size_t KnowledgeReloader::fingerprint() const {
  // Names, sizes and modification times: enough to notice an edit, cheap to compute.
  std::string state;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir_, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    state += it->path().string() + '|' + std::to_string(it->file_size(ec)) + '|' +
             std::to_string(it->last_write_time(ec).time_since_epoch().count()) + '\n';
  }
  return std::hash<std::string>{}(state);
}

void KnowledgeReloader::poll() {
  if (interval_.count() <= 0 || stopped_) return;
  timer_.expires_after(interval_);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || stopped_) return;
    if (fingerprint() != seen_) reload("change");
    poll();
  });
}

void KnowledgeReloader::reload(const char* cause) {
  if (building_) return;  // the build under way will see the newest files... or the next poll will
  building_ = true;
  seen_ = fingerprint();
  const auto dir = dir_;
  boost::asio::post(builder_, [this, dir, cause] {
    const auto started = std::chrono::steady_clock::now();
    Problems problems;
    Knowledge k;
    k.messages = core::MessageCatalog::load(dir / "messages", problems);
    auto entries = faq::load_entries(dir / "faq", problems);
    auto lexicon = faq::load_lexicon(dir, problems);
    // Circle names in modules were checked against the directory at start (relais check).
    auto path = onboarding::load_path(dir / "onboarding", {}, problems);
    auto survey_list = surveys::load_surveys(dir / "surveys", {}, problems);
    if (problems.empty()) {
      k.faq = std::make_shared<faq::FaqIndex>(std::move(entries), std::move(lexicon));
      k.onboarding = std::make_shared<const std::vector<onboarding::Module>>(std::move(path));
      k.surveys = std::make_shared<const std::vector<surveys::Survey>>(std::move(survey_list));
    }
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    boost::asio::post(io_, [this, k = std::move(k), problems = std::move(problems), ms, cause]() mutable {
      building_ = false;
      if (stopped_) return;
      if (!problems.empty()) {
        for (const auto& p : problems) log::warn("knowledge_problem").kv("where", p.where).kv("what", p.what);
        log::error("knowledge_reload_refused").kv("cause", cause).kv("problems", problems.size())
            .kv("detail", "the knowledge in use stays; fix the files or run relais kb lint");
        return;
      }
      const auto entry_count = k.faq->entries().size();
      apply_(std::move(k));
      log::info("knowledge_reloaded").kv("cause", cause).kv("faq_entries", entry_count).kv("ms", ms.count());
    });
  });
}

}  // namespace relais::app
