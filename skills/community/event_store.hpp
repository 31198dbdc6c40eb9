#pragma once
// Coaching sessions and meet-ups of the community, and who is coming.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/storage/database.hpp"
#include "bot/storage/migrations.hpp"

namespace relais::community {

std::span<const storage::Migration> event_migrations();

struct Event {
  std::int64_t id = 0;
  std::string title;
  core::TimePoint starts_at{};
  std::string place;     ///< a room, an address or a meeting link
  bool everyone = false;  ///< open to all staff, not only the ambassadors
  std::string created_by;
  bool cancelled = false;
};

class EventStore {
 public:
  explicit EventStore(storage::Database& db) : db_(db) {}

  std::int64_t add(const Event& event, core::TimePoint now);
  std::optional<Event> get(std::int64_t id);
  /// Events not cancelled that start after `now`, soonest first.
  std::vector<Event> upcoming(core::TimePoint now);
  void cancel(std::int64_t id, core::TimePoint now);

  /// "yes" | "maybe" | "no".
  void answer(std::int64_t event_id, const std::string& person_id, const std::string& answer, core::TimePoint now);
  /// person id -> answer.
  std::map<std::string, std::string> answers(std::int64_t event_id);

 private:
  storage::Database& db_;
};

}  // namespace relais::community
