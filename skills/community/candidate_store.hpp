#pragma once
// People who offered to become ambassadors, and what the community leads decided.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/storage/database.hpp"
#include "bot/storage/migrations.hpp"

namespace relais::community {

std::span<const storage::Migration> candidate_migrations();

struct Candidate {
  std::int64_t id = 0;
  std::string person_id;
  std::string source;      ///< "chat" | "survey"
  std::string motivation;  ///< what they wrote when they offered
  std::vector<std::string> topics;
  std::string status;      ///< "pending" | "accepted" | "declined"
  std::string decided_by;
  core::TimePoint created_at{};
};

class CandidateStore {
 public:
  explicit CandidateStore(storage::Database& db) : db_(db) {}

  std::int64_t add(const std::string& person_id, const std::string& source, const std::string& motivation,
                   core::TimePoint now);
  std::optional<Candidate> get(std::int64_t id);
  /// Their offer still waiting for a lead, if any.
  std::optional<Candidate> pending_of(const std::string& person_id);
  std::vector<Candidate> pending();
  void set_topics(std::int64_t id, const std::vector<std::string>& topics);
  /// Records the lead's decision; false when it was already decided.
  bool decide(std::int64_t id, const std::string& status, const std::string& lead_id, core::TimePoint now);

 private:
  template <class Arg>
  std::vector<Candidate> query(const std::string& where, const Arg& arg);
  storage::Database& db_;
};

}  // namespace relais::community
