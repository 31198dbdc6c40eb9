#pragma once
// Free feedback from staff ("feedback the new printer menu is confusing"), kept for IT with
// what it is about. Trends and reports read it (see skills/trends).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/storage/database.hpp"
#include "bot/storage/migrations.hpp"

namespace relais::feedback {

std::span<const storage::Migration> feedback_migrations();

struct Feedback {
  std::int64_t id = 0;
  std::string person_id;
  std::string circle;
  std::string language;
  std::string text;
  std::vector<std::string> topics;
  std::string transport;
  core::TimePoint at{};
  std::string forwarded_by;  ///< the ambassador who passed on a colleague's words, if any
};

class FeedbackStore {
 public:
  explicit FeedbackStore(storage::Database& db) : db_(db) {}

  std::int64_t add(const Feedback& feedback);
  std::optional<Feedback> get(std::int64_t id);
  void edit(std::int64_t id, const std::string& text, const std::vector<std::string>& topics, core::TimePoint now);
  std::vector<Feedback> since(core::TimePoint from);
  /// Blanks the words of feedback older than `before` (retention); counts and topics stay.
  int forget_text_before(core::TimePoint before);

 private:
  std::vector<Feedback> query(const std::string& where, std::int64_t arg);
  storage::Database& db_;
};

}  // namespace relais::feedback
