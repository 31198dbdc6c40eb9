#include "skills/community/briefing_store.hpp"

namespace relais::community {

namespace {
const storage::Migration migrations[] = {
    {"briefings", 1, R"sql(
CREATE TABLE briefings (
  id        INTEGER PRIMARY KEY,
  author_id TEXT NOT NULL,
  text      TEXT NOT NULL,
  campaign  TEXT NOT NULL DEFAULT '',
  at        INTEGER NOT NULL
);
)sql"},
};
}  // namespace

std::span<const storage::Migration> briefing_migrations() { return migrations; }

std::int64_t BriefingStore::add(const std::string& author_id, const std::string& text, const std::string& campaign,
                                core::TimePoint now) {
  db_.run("INSERT INTO briefings(author_id, text, campaign, at) VALUES (?1, ?2, ?3, ?4)", author_id, text, campaign,
          core::to_millis(now));
  return db_.last_insert_id();
}

std::vector<Briefing> BriefingStore::latest(int count) {
  auto& st = db_.prepare("SELECT id, author_id, text, campaign, at FROM briefings ORDER BY id DESC LIMIT ?1");
  st.bind(count);
  std::vector<Briefing> out;
  while (st.step()) out.push_back({st.int64(0), st.text(1), st.text(2), st.text(3), core::from_millis(st.int64(4))});
  return out;
}

}  // namespace relais::community
