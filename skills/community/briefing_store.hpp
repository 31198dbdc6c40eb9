#pragma once
// The private briefing feed of the ambassadors: what leads and IT tell them before anyone else.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/storage/database.hpp"
#include "bot/storage/migrations.hpp"

namespace relais::community {

std::span<const storage::Migration> briefing_migrations();

struct Briefing {
  std::int64_t id = 0;
  std::string author_id;
  std::string text;
  std::string campaign;  ///< the campaign it belongs to, if any
  core::TimePoint at{};
};

class BriefingStore {
 public:
  explicit BriefingStore(storage::Database& db) : db_(db) {}

  std::int64_t add(const std::string& author_id, const std::string& text, const std::string& campaign,
                   core::TimePoint now);
  /// The latest first.
  std::vector<Briefing> latest(int count);

 private:
  storage::Database& db_;
};

}  // namespace relais::community
