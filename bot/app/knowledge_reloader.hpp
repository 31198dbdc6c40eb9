#pragma once
// Picks up knowledge edits without a restart: polls the knowledge folder (and checks at once
// on SIGHUP), rebuilds the FAQ index on a worker thread, then hands the result to the event
// loop. An edit with problems is refused whole; the knowledge in use stays.
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <memory>

#include "bot/config/config.hpp"
#include "bot/core/messages.hpp"
#include "skills/faq/faq_index.hpp"
#include "skills/onboarding/onboarding_skill.hpp"
#include "skills/surveys/survey_skill.hpp"

namespace relais::app {

struct Knowledge {
  core::MessageCatalog messages;
  std::shared_ptr<const faq::FaqIndex> faq;
  onboarding::Path onboarding;
  surveys::SurveyList surveys;
};

class KnowledgeReloader {
 public:
  using Apply = std::function<void(Knowledge)>;
  KnowledgeReloader(boost::asio::io_context& io, const config::Config& config, Apply apply);
  ~KnowledgeReloader();

  void start();
  void stop();

 private:
  std::size_t fingerprint() const;
  void wait_for_hangup();
  void poll();
  void reload(const char* cause);

  boost::asio::io_context& io_;
  std::filesystem::path dir_;
  std::chrono::seconds interval_;
  Apply apply_;
  boost::asio::steady_timer timer_;
  boost::asio::signal_set hangup_;
  boost::asio::thread_pool builder_{1};
  std::size_t seen_ = 0;
  bool building_ = false;
  bool stopped_ = false;
};

}  // namespace relais::app
