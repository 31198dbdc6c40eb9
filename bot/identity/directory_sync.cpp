#include "bot/identity/directory_sync.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <set>

namespace relais::identity {

std::string SyncSummary::text() const {
  return std::to_string(added.size()) + " added, " + std::to_string(changed.size()) + " changed, " +
         std::to_string(left.size()) + " left, " + std::to_string(unchanged) + " unchanged";
}

bool same_person(const core::Person& a, const core::Person& b) {
  auto sorted = [](auto v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  return a.id == b.id && a.name == b.name && a.email == b.email && a.language == b.language && a.circle == b.circle &&
         sorted(a.roles) == sorted(b.roles) && sorted(a.topics) == sorted(b.topics) && a.start_date == b.start_date &&
         a.time_zone == b.time_zone && a.working_hours == b.working_hours && a.aad_object_id == b.aad_object_id &&
         a.matrix_id == b.matrix_id && a.site == b.site && sorted(a.languages) == sorted(b.languages);
}

SyncSummary sync_directory(storage::PeopleStore& people, const Directory& directory, bool leavers, core::TimePoint now) {
  SyncSummary summary;
  std::set<std::string> listed;
  for (const auto& p : directory.people) {
    listed.insert(p.id);
    const auto known = people.find_as_listed(p.id);  // a lead's grant is not a change
    if (known && same_person(*known, p)) {
      ++summary.unchanged;
      continue;
    }
    people.upsert(p, now);
    (known ? summary.changed : summary.added).push_back(p.id);
  }
  if (leavers)
    for (const auto& p : people.all())
      if (!listed.contains(p.id)) {
        people.deactivate(p.id, now);
        summary.left.push_back(p.id);
      }
  return summary;
}

std::string digest_of(const Directory& directory) {
  std::string text;
  for (const auto& p : directory.people) {
    text += p.id + '\x1f' + p.name + '\x1f' + p.email + '\x1f' + p.language + '\x1f' + p.circle + '\x1f' + p.start_date +
            '\x1f' + p.time_zone + '\x1f' + p.working_hours + '\x1f' + p.aad_object_id + '\x1f' + p.matrix_id + '\x1f' + p.site + '\x1f';
    for (const auto& l : p.languages) text += l + ';';
    text += '\x1f';
    for (auto r : p.roles) text += std::string(core::to_string(r)) + ';';
    text += '\x1f';
    for (const auto& t : p.topics) text += t + ';';
    text += '\x1e';
  }
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), hash, &length, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) out += {hex[hash[i] >> 4], hex[hash[i] & 15]};
  return out;
}

bool is_last_import(storage::Database& db, const std::string& source, const std::string& digest) {
  return db.query_int("SELECT 1 FROM directory_imports WHERE source = ?1 AND digest = ?2", source, digest).has_value();
}

void record_import(storage::Database& db, const std::string& source, const std::string& digest,
                   const SyncSummary& summary, core::TimePoint now) {
  db.run("INSERT INTO directory_imports(source, digest, imported_at, summary) VALUES (?1, ?2, ?3, ?4) "
         "ON CONFLICT DO UPDATE SET digest = ?2, imported_at = ?3, summary = ?4",
         source, digest, core::to_millis(now), summary.text());
}

}  // namespace relais::identity
