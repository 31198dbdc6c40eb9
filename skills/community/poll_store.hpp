#pragma once
// Topic polls of the community: a question, the options members propose, one vote each.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/storage/database.hpp"
#include "bot/storage/migrations.hpp"

namespace relais::community {

std::span<const storage::Migration> poll_migrations();

struct PollOption {
  std::int64_t id = 0;
  std::string label;
  std::string proposed_by;
  int votes = 0;
};

struct Poll {
  std::int64_t id = 0;
  std::string question;
  core::TimePoint closes_at{};
  std::string opened_by;
  bool closed = false;
  std::vector<PollOption> options;  ///< in the order they were proposed
};

class PollStore {
 public:
  explicit PollStore(storage::Database& db) : db_(db) {}

  std::int64_t open(const std::string& question, core::TimePoint closes_at, const std::string& opened_by,
                    core::TimePoint now);
  std::optional<Poll> get(std::int64_t id);
  std::vector<std::int64_t> open_polls();
  /// Adds an option unless one with the same label (any case) exists; returns its id.
  std::int64_t propose(std::int64_t poll_id, const std::string& label, const std::string& person_id, core::TimePoint now);
  /// One vote per person per poll: a new vote replaces the old one.
  void vote(std::int64_t poll_id, std::int64_t option_id, const std::string& person_id, core::TimePoint now);
  std::optional<std::int64_t> vote_of(std::int64_t poll_id, const std::string& person_id);
  /// False when it was already closed.
  bool close(std::int64_t id, core::TimePoint now);

 private:
  storage::Database& db_;
};

}  // namespace relais::community
