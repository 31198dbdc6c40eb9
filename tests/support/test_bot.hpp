#pragma once
// The whole pipeline without sockets: real SQLite file, bundled knowledge and demo directory,
// the real router and skills, a manual clock, and the outbox read back per recipient.
#include <memory>
#include <string>
#include <vector>

#include "bot/config/config.hpp"
#include "bot/core/metrics.hpp"
#include "bot/core/outbound_message.hpp"
#include "bot/core/router.hpp"
#include "skills/registry.hpp"
#include "support/manual_clock.hpp"
#include "support/temp_dir.hpp"

namespace relais::testing {

class TestBot {
 public:
  explicit TestBot(config::Config config = default_config());
  ~TestBot();

  static config::Config default_config();

  /// `person` types `text` in the web chat; returns what the router made of it.
  core::Outcome say(const std::string& person, const std::string& text, std::string message_id = "");
  /// `person` presses a button.
  core::Outcome press(const std::string& person, const std::string& action, nlohmann::json args,
                      const std::string& text = "");
  /// Every message written for `person` since the last call (marked delivered).
  std::vector<core::OutboundMessage> received(const std::string& person);
  /// Moves the clock and fires every timer that fell due.
  int advance(std::chrono::minutes minutes);

  std::int64_t last_question_id();
  storage::Question question(std::int64_t id);
  std::vector<storage::QuestionEventRow> history(std::int64_t id);
  /// A restart: everything in memory is dropped and rebuilt over the same database file.
  void restart();
  /// Replaces the skills the router ranks (for failure tests); the registry's stay alive.
  void use_skills(std::vector<core::Skill*> skills);

  ManualClock clock;
  TempDir dir;
  std::unique_ptr<storage::Database> db;
  std::unique_ptr<storage::PeopleStore> people;
  std::unique_ptr<storage::QuestionStore> questions;
  std::unique_ptr<storage::OutboxStore> outbox;
  std::unique_ptr<storage::TimerStore> timers;
  std::unique_ptr<core::Stores> stores;
  std::unique_ptr<identity::Identity> identity;
  core::MessageCatalog messages;
  core::Metrics metrics;
  std::unique_ptr<skills::Registry> registry;
  std::unique_ptr<core::Router> router;

 private:
  void build();
  config::Config config_;
  int sequence_ = 0;
};

/// All the text of a message, card included, for assertions.
std::string all_text(const core::OutboundMessage& m);
bool has_button(const core::OutboundMessage& m, const std::string& action);

}  // namespace relais::testing
