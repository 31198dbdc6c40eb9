#pragma once
// Applies a staff directory export to the database: new people added, changed ones updated,
// people no longer in it marked as leavers (they keep their history but are no longer asked,
// routed to or sent to). Applying the same export twice changes nothing.
#include <string>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/identity/directory_csv.hpp"
#include "bot/storage/people_store.hpp"

namespace relais::identity {

struct SyncSummary {
  std::vector<std::string> added, changed, left;
  int unchanged = 0;

  bool any_change() const { return !added.empty() || !changed.empty() || !left.empty(); }
  /// "3 added, 1 changed, 1 left, 16 unchanged"
  std::string text() const;
};

/// Call inside a transaction. `leavers`: whether people missing from `directory` leave (a full
/// export) or stay (a partial list, such as one API call).
SyncSummary sync_directory(storage::PeopleStore& people, const Directory& directory, bool leavers, core::TimePoint now);

bool same_person(const core::Person& a, const core::Person& b);

/// A fingerprint (SHA-256, hex) of the directory's content.
std::string digest_of(const Directory& directory);
/// Whether this exact content was the last one imported from `source`.
bool is_last_import(storage::Database& db, const std::string& source, const std::string& digest);
void record_import(storage::Database& db, const std::string& source, const std::string& digest,
                   const SyncSummary& summary, core::TimePoint now);

}  // namespace relais::identity
