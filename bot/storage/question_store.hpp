#pragma once
// Questions, their persisted lifecycle and their audit trail. Callers hold the transaction,
// so a transition, its audit event and the replies it causes commit together.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/core/question_lifecycle.hpp"
#include "bot/core/result.hpp"
#include "bot/core/room.hpp"
#include "bot/storage/database.hpp"

namespace relais::storage {

struct Question {
  std::int64_t id = 0;
  std::string asker_id;
  std::string text;
  std::string language;
  core::QuestionState state = core::QuestionState::asked;
  std::string faq_entry;
  std::string claimant_id;
  core::TimePoint created_at{};
  core::TimePoint updated_at{};
};

struct QuestionEventRow {
  core::TimePoint at{};
  std::string actor_id;
  std::string event;
  std::string from_state;
  std::string to_state;
  nlohmann::json detail;
};

/// Why a transition was refused; skills turn these into localised sentences.
enum class Refusal { not_found, not_allowed };
inline constexpr const char* refusal_not_found = "not_found";
inline constexpr const char* refusal_not_allowed = "not_allowed";

class QuestionStore {
 public:
  explicit QuestionStore(Database& db) : db_(db) {}

  Question create(const std::string& asker_id, const std::string& text, const std::string& language,
                  const std::string& source_key, core::TimePoint now);
  std::optional<Question> get(std::int64_t id);

  /// Applies `event` when the state machine allows it, with its audit row; claim sets the
  /// claimant, release clears it. Fails with refusal_not_found or refusal_not_allowed.
  Result<Question> transition(std::int64_t id, core::QuestionEvent event,
                              const std::string& actor_id, core::TimePoint now,
                              const nlohmann::json& detail = nlohmann::json::object());

  /// An audit event that changes no state (an answer relayed, an FAQ match, ...).
  void note(std::int64_t id, const std::string& actor_id, const std::string& event,
            core::TimePoint now, const nlohmann::json& detail = nlohmann::json::object());
  void set_faq_entry(std::int64_t id, const std::string& entry);

  void offer(std::int64_t id, const std::string& person_id, core::TimePoint now);
  std::vector<std::string> offered_to(std::int64_t id);
  /// The card was posted in `room`, which can update it in place later.
  void posted_in(std::int64_t id, const core::Room& room);
  std::vector<core::Room> rooms_of(std::int64_t id);

  std::vector<Question> claimed_by(const std::string& person_id);
  std::vector<Question> asked_by(const std::string& person_id, std::size_t limit);
  std::vector<Question> claimable(std::size_t limit);
  std::int64_t open_claims(const std::string& person_id);
  std::map<std::string, std::int64_t> count_by_state();
  std::vector<QuestionEventRow> history(std::int64_t id);

 private:
  std::vector<Question> list(std::string_view where_sql, const std::string& arg, std::size_t limit);
  Database& db_;
};

}  // namespace relais::storage
