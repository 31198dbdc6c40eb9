#pragma once
// What routing knows beyond the directory: who is away, which topics a question is about, and
// from those, what each ambassador has shown they know.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/storage/database.hpp"
#include "bot/storage/migrations.hpp"

namespace relais::routing {

std::span<const storage::Migration> routing_migrations();

class RoutingStore {
 public:
  explicit RoutingStore(storage::Database& db) : db_(db) {}

  /// Away until `until` (nothing: until they say they are back).
  void set_away(const std::string& person_id, std::optional<core::TimePoint> until, core::TimePoint now);
  void set_available(const std::string& person_id, core::TimePoint now);
  /// True while the person is away at `now`; `until` is set when a return date is known.
  bool is_away(const std::string& person_id, core::TimePoint now, std::optional<core::TimePoint>* until = nullptr);

  void save_topics(std::int64_t question_id, const std::vector<std::string>& topics);
  std::vector<std::string> topics(std::int64_t question_id);

  /// Per person, then per topic of `topics`: the questions about it the person resolved, each
  /// weighing half as much every `half_life_days`. Kept up to date from the audit trail (resolve
  /// and reopen events since the last call), so a call reads only what is new.
  std::map<std::string, std::map<std::string, double>> expertise(const std::vector<std::string>& topics,
                                                                 core::TimePoint now, double half_life_days);
  /// Records that routing (not an escalation to everyone) offered the person a question.
  void record_offer(const std::string& person_id, std::int64_t question_id, core::TimePoint at);
  /// Questions routing offered the person since `since` (escalations to everyone not counted).
  std::int64_t offers_since(const std::string& person_id, core::TimePoint since);
  /// When routing last offered the person a question (0 if never).
  std::int64_t last_offered(const std::string& person_id);

 private:
  void catch_up_expertise(double half_life_days);
  void add_expertise(const std::string& person_id, std::int64_t question_id, double weight, std::int64_t at,
                     double half_life_days);

  storage::Database& db_;
};

}  // namespace relais::routing
