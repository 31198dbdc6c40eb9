#include "skills/campaigns/campaign_store.hpp"

#include <nlohmann/json.hpp>

#include "bot/core/dates.hpp"

namespace relais::campaigns {

namespace {
const storage::Migration migrations[] = {
    {"campaigns", 1, R"sql(
CREATE TABLE campaigns (
  id           TEXT PRIMARY KEY,
  definition   TEXT NOT NULL,
  created_by   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  cancelled_at INTEGER
) WITHOUT ROWID;
CREATE TABLE campaign_runs (
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  phase       TEXT NOT NULL,
  ran_at      INTEGER NOT NULL,
  people      INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, phase)
) WITHOUT ROWID;
-- The campaign's topics, so questions and feedback about them are counted for it.
CREATE TABLE campaign_topics (
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  topic       TEXT NOT NULL,
  PRIMARY KEY (campaign_id, topic)
) WITHOUT ROWID;
CREATE TABLE campaign_scores (
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  person_id   TEXT NOT NULL,
  value       INTEGER NOT NULL,
  at          INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, person_id)
) WITHOUT ROWID;
)sql"},
};

nlohmann::json to_json(const Campaign& c) {
  nlohmann::json dates = nlohmann::json::object();
  for (const auto& [phase, day] : c.dates) dates[phase] = core::format_iso_date(day);
  nlohmann::json targets = nlohmann::json::object();
  if (c.targets.deflection) targets["deflection"] = *c.targets.deflection;
  if (c.targets.satisfaction) targets["satisfaction"] = *c.targets.satisfaction;
  if (c.targets.answer_hours) targets["answer_hours"] = *c.targets.answer_hours;
  if (c.targets.adoption) targets["adoption"] = *c.targets.adoption;
  return {{"name", c.name},         {"topics", c.topics},     {"dates", dates},       {"materials", c.materials},
          {"pilot", c.pilot},       {"circles", c.circles},   {"brief", c.brief},     {"announce", c.announce},
          {"targets", targets}};
}

Campaign from_row(const storage::Statement& st) {
  const auto j = nlohmann::json::parse(st.text(1));
  Campaign c;
  c.id = st.text(0);
  c.name = j.value("name", "");
  c.topics = j.value("topics", std::vector<std::string>{});
  const auto dates = j.value("dates", nlohmann::json::object());
  for (const auto& [phase, day] : dates.items())
    if (auto d = core::parse_iso_date(day.get<std::string>())) c.dates[phase] = *d;
  c.materials = j.value("materials", "");
  c.pilot = j.value("pilot", std::vector<std::string>{});
  c.circles = j.value("circles", std::vector<std::string>{});
  c.brief = j.value("brief", "");
  c.announce = j.value("announce", "");
  const auto t = j.value("targets", nlohmann::json::object());
  auto target = [&](const char* key) -> std::optional<double> {
    return t.contains(key) ? std::optional<double>(t[key].get<double>()) : std::nullopt;
  };
  c.targets = {target("deflection"), target("satisfaction"), target("answer_hours"), target("adoption")};
  c.created_by = st.text(2);
  c.cancelled = st.int64(3) != 0;
  return c;
}

constexpr const char* columns = "SELECT id, definition, created_by, cancelled_at IS NOT NULL FROM campaigns ";
}  // namespace

std::span<const storage::Migration> campaign_migrations() { return migrations; }

bool CampaignStore::add(const Campaign& c, core::TimePoint now) {
  db_.run("INSERT OR IGNORE INTO campaigns(id, definition, created_by, created_at) VALUES (?1, ?2, ?3, ?4)", c.id,
          to_json(c).dump(), c.created_by, core::to_millis(now));
  if (db_.changes() == 0) return false;
  for (const auto& t : c.topics)
    db_.run("INSERT OR IGNORE INTO campaign_topics(campaign_id, topic) VALUES (?1, ?2)", c.id, t);
  return true;
}

std::optional<Campaign> CampaignStore::get(const std::string& id) {
  auto& st = db_.prepare(std::string(columns) + "WHERE id = ?1");
  st.bind(id);
  if (!st.step()) return std::nullopt;
  auto c = from_row(st);
  st.reset();
  return c;
}

std::vector<Campaign> CampaignStore::all() {
  auto& st = db_.prepare(std::string(columns) + "ORDER BY created_at, id");
  st.bind();
  std::vector<Campaign> out;
  while (st.step()) out.push_back(from_row(st));
  return out;
}

void CampaignStore::set_targets(const std::string& id, const Targets& targets) {
  auto c = get(id);
  if (!c) return;
  c->targets = targets;
  db_.run("UPDATE campaigns SET definition = ?2 WHERE id = ?1", id, to_json(*c).dump());
}

void CampaignStore::cancel(const std::string& id, core::TimePoint now) {
  db_.run("UPDATE campaigns SET cancelled_at = ?2 WHERE id = ?1 AND cancelled_at IS NULL", id, core::to_millis(now));
}

bool CampaignStore::record_run(const std::string& id, const std::string& phase, int people, core::TimePoint now) {
  db_.run("INSERT OR IGNORE INTO campaign_runs(campaign_id, phase, ran_at, people) VALUES (?1, ?2, ?3, ?4)", id, phase,
          core::to_millis(now), people);
  return db_.changes() > 0;
}

std::vector<PhaseRun> CampaignStore::runs(const std::string& id) {
  auto& st = db_.prepare("SELECT phase, ran_at, people FROM campaign_runs WHERE campaign_id = ?1 ORDER BY ran_at");
  st.bind(id);
  std::vector<PhaseRun> out;
  while (st.step()) out.push_back({st.text(0), core::from_millis(st.int64(1)), static_cast<int>(st.int64(2))});
  return out;
}

void CampaignStore::score(const std::string& id, const std::string& person_id, int value, core::TimePoint now) {
  db_.run("INSERT INTO campaign_scores(campaign_id, person_id, value, at) VALUES (?1, ?2, ?3, ?4) "
          "ON CONFLICT(campaign_id, person_id) DO UPDATE SET value = ?3, at = ?4",
          id, person_id, value, core::to_millis(now));
}

}  // namespace relais::campaigns
