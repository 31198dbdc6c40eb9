#pragma once
// Free feedback from staff ("feedback the new printer menu is confusing"), kept for IT with
// what it is about. Trends and reports read it (see skills/trends).
#include <cstdint>
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
};

class FeedbackStore {
 public:
  explicit FeedbackStore(storage::Database& db) : db_(db) {}

  std::int64_t add(const Feedback& feedback);
  std::vector<Feedback> since(core::TimePoint from);

 private:
  storage::Database& db_;
};

}  // namespace relais::feedback
