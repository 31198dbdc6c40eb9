#pragma once
// Campaigns as a community lead set them up, the phases that have run, and the answers to the
// adoption question.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/storage/database.hpp"
#include "bot/storage/migrations.hpp"
#include "skills/campaigns/campaign.hpp"

namespace relais::campaigns {

std::span<const storage::Migration> campaign_migrations();

struct PhaseRun {
  std::string phase;
  core::TimePoint at{};
  int people = 0;  ///< how many were sent its message
};

class CampaignStore {
 public:
  explicit CampaignStore(storage::Database& db) : db_(db) {}

  /// False when a campaign with this id exists.
  bool add(const Campaign& campaign, core::TimePoint now);
  std::optional<Campaign> get(const std::string& id);
  std::vector<Campaign> all();
  void cancel(const std::string& id, core::TimePoint now);
  void set_targets(const std::string& id, const Targets& targets);

  /// Records that a phase ran; false when it already had (a phase never runs twice).
  bool record_run(const std::string& id, const std::string& phase, int people, core::TimePoint now);
  std::vector<PhaseRun> runs(const std::string& id);

  void score(const std::string& id, const std::string& person_id, int value, core::TimePoint now);

 private:
  storage::Database& db_;
};

}  // namespace relais::campaigns
