#include "bot/storage/people_store.hpp"

#include "bot/core/knowledge_file.hpp"

#include <unordered_map>

namespace relais::storage {

namespace {
void add_missing(std::vector<std::string>& to, const std::vector<std::string>& items) {
  for (const auto& i : items)
    if (std::find(to.begin(), to.end(), i) == to.end()) to.push_back(i);
}
}  // namespace

void PeopleStore::upsert(const core::Person& p, core::TimePoint now) {
  if (!p.circle.empty()) db_.run("INSERT OR IGNORE INTO circles(name) VALUES (?1)", p.circle);
  db_.run(
      "INSERT INTO people(id, name, email, language, circle, start_date, active, updated_at, time_zone, "
      "working_hours, aad_object_id, matrix_id, site, languages) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?8, ?9, "
      "?10, ?11, ?12, ?13) ON CONFLICT(id) DO UPDATE SET name = ?2, email = ?3, language = ?4, circle = ?5, "
      "start_date = ?6, active = 1, updated_at = ?7, time_zone = ?8, working_hours = ?9, aad_object_id = ?10, "
      "matrix_id = ?11, site = ?12, languages = ?13",
      p.id, p.name, p.email, p.language,
      p.circle.empty() ? std::nullopt : std::optional<std::string>(p.circle), p.start_date,
      core::to_millis(now), p.time_zone, p.working_hours, p.aad_object_id, p.matrix_id, p.site, core::join_list(p.languages));
  db_.run("DELETE FROM person_roles WHERE person_id = ?1", p.id);
  for (auto role : p.roles)
    db_.run("INSERT OR IGNORE INTO person_roles(person_id, role) VALUES (?1, ?2)", p.id,
            core::to_string(role));
  db_.run("DELETE FROM ambassador_topics WHERE person_id = ?1", p.id);
  for (const auto& topic : p.topics)
    db_.run("INSERT OR IGNORE INTO ambassador_topics(person_id, topic) VALUES (?1, ?2)", p.id,
            topic);
}

void PeopleStore::grant_ambassador(const std::string& id, const std::vector<std::string>& topics,
                                   const std::vector<std::string>& languages, const std::string& granted_by,
                                   core::TimePoint now) {
  db_.run(
      "INSERT INTO ambassador_grants(person_id, topics, languages, granted_by, granted_at) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT(person_id) DO UPDATE SET topics = ?2, languages = ?3, granted_by = ?4, granted_at = ?5",
      id, core::join_list(topics), core::join_list(languages), granted_by, core::to_millis(now));
}

namespace {
/// An ambassador granted in chat (not in the directory): the role, and their topics and languages.
void apply_grant(core::Person& p, const std::string& topics, const std::string& languages) {
  if (!p.has(core::Role::ambassador)) p.roles.push_back(core::Role::ambassador);
  add_missing(p.topics, core::split_list(topics));
  add_missing(p.languages, core::split_list(languages));
}
}  // namespace

core::Person PeopleStore::load_rest(core::Person p, bool with_grants) {
  auto& roles = db_.prepare("SELECT role FROM person_roles WHERE person_id = ?1 ORDER BY role");
  roles.bind(p.id);
  while (roles.step())
    if (auto r = core::parse_role(roles.text(0))) p.roles.push_back(*r);
  auto& topics = db_.prepare("SELECT topic FROM ambassador_topics WHERE person_id = ?1 ORDER BY topic");
  topics.bind(p.id);
  while (topics.step()) p.topics.push_back(topics.text(0));
  if (!with_grants) return p;
  auto& grant = db_.prepare("SELECT topics, languages FROM ambassador_grants WHERE person_id = ?1");
  grant.bind(p.id);
  if (grant.step()) apply_grant(p, grant.text(0), grant.text(1));
  grant.reset();
  return p;
}

namespace {
constexpr std::string_view person_columns =
    "SELECT id, name, email, language, COALESCE(circle, ''), start_date, time_zone, working_hours, aad_object_id, "
    "matrix_id, site, languages FROM people ";

core::Person read_person(const Statement& st) {
  core::Person p;
  p.id = st.text(0);
  p.name = st.text(1);
  p.email = st.text(2);
  p.language = st.text(3);
  p.circle = st.text(4);
  p.start_date = st.text(5);
  p.time_zone = st.text(6);
  p.working_hours = st.text(7);
  p.aad_object_id = st.text(8);
  p.matrix_id = st.text(9);
  p.site = st.text(10);
  p.languages = core::split_list(st.text(11));
  return p;
}
}  // namespace

std::optional<core::Person> PeopleStore::find(const std::string& id) {
  const ReadScope together(db_);  // the person, their roles, topics and grant
  auto& st = db_.prepare(std::string(person_columns) + "WHERE id = ?1 AND active = 1");
  st.bind(id);
  if (!st.step()) return std::nullopt;
  auto p = read_person(st);
  st.reset();
  return load_rest(std::move(p));
}

std::optional<core::Person> PeopleStore::find_as_listed(const std::string& id) {
  const ReadScope together(db_);  // the person, their roles, topics and grant
  auto& st = db_.prepare(std::string(person_columns) + "WHERE id = ?1 AND active = 1");
  st.bind(id);
  if (!st.step()) return std::nullopt;
  auto p = read_person(st);
  st.reset();
  return load_rest(std::move(p), false);
}

std::optional<core::Person> PeopleStore::find_by(std::string_view column, const std::string& value) {
  if (value.empty()) return std::nullopt;
  const ReadScope together(db_);  // the person, their roles, topics and grant
  // "<> ''" lets SQLite use the partial indexes on these columns (people_by_aad_object_id...).
  auto& st = db_.prepare(std::string(person_columns) + "WHERE " + std::string(column) + " = ?1 AND " +
                         std::string(column) + " <> '' AND active = 1");
  st.bind(value);
  if (!st.step()) return std::nullopt;
  auto p = read_person(st);
  st.reset();
  return load_rest(std::move(p));
}

std::optional<core::Person> PeopleStore::find_by_aad_object_id(const std::string& aad_object_id) {
  return find_by("aad_object_id", aad_object_id);
}

std::optional<core::Person> PeopleStore::find_by_matrix_id(const std::string& matrix_id) {
  return find_by("matrix_id", matrix_id);
}

void PeopleStore::deactivate(const std::string& id, core::TimePoint now) {
  db_.run("UPDATE people SET active = 0, updated_at = ?2 WHERE id = ?1", id, core::to_millis(now));
}

std::vector<core::Person> PeopleStore::all() {
  const ReadScope together(db_);
  std::vector<core::Person> base;
  auto& st = db_.prepare(std::string(person_columns) + "WHERE active = 1 ORDER BY name, id");
  st.bind();
  while (st.step()) base.push_back(read_person(st));
  std::vector<core::Person> out;
  for (auto& p : base) out.push_back(load_rest(std::move(p)));
  return out;
}

std::vector<core::Person> PeopleStore::with_role(core::Role role) {
  // Three queries for everyone at once rather than three per person: routing ranks all
  // ambassadors (thousands in a large organisation) on every question.
  const std::string ids =
      "SELECT person_id FROM person_roles WHERE role = ?1 UNION "
      "SELECT person_id FROM ambassador_grants WHERE ?1 = 'ambassador'";
  const auto role_name = core::to_string(role);
  std::vector<core::Person> out;
  std::unordered_map<std::string, std::size_t> index;
  auto& st = db_.prepare(std::string(person_columns) + "WHERE active = 1 AND id IN (" + ids + ") ORDER BY id");
  st.bind(role_name);
  while (st.step()) {
    out.push_back(read_person(st));
    index.emplace(out.back().id, out.size() - 1);
  }
  auto each = [&](const std::string& sql, auto&& apply) {
    auto& rows = db_.prepare(sql);
    rows.bind(role_name);
    while (rows.step())
      if (const auto it = index.find(rows.text(0)); it != index.end()) apply(out[it->second], rows);
  };
  each("SELECT person_id, role FROM person_roles WHERE person_id IN (" + ids + ") ORDER BY person_id, role",
       [](core::Person& p, Statement& row) {
         if (auto r = core::parse_role(row.text(1))) p.roles.push_back(*r);
       });
  each("SELECT person_id, topic FROM ambassador_topics WHERE person_id IN (" + ids + ") ORDER BY person_id, topic",
       [](core::Person& p, Statement& row) { p.topics.push_back(row.text(1)); });
  each("SELECT person_id, topics, languages FROM ambassador_grants WHERE person_id IN (" + ids + ")",
       [](core::Person& p, Statement& row) { apply_grant(p, row.text(1), row.text(2)); });
  return out;
}

std::size_t PeopleStore::count() {
  return static_cast<std::size_t>(
      db_.query_int("SELECT COUNT(*) FROM people WHERE active = 1").value_or(0));
}

void PeopleStore::remember_conversation(const std::string& person_id, const ConversationRef& ref,
                                        core::TimePoint now) {
  // Every personal message comes through here. Rewriting an unchanged row would put a page at a
  // random place in the WAL per message, so the row is left alone while its address is the same,
  // it is younger than conversation_refresh, and it is already the person's latest transport
  // (latest_conversation orders by updated_at).
  constexpr auto conversation_refresh = std::chrono::hours(1);
  db_.run(
      "INSERT INTO conversations(person_id, transport, address, updated_at) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT(person_id, transport) DO UPDATE SET address = ?3, updated_at = ?4 "
      "WHERE address <> ?3 OR updated_at < ?5 OR EXISTS (SELECT 1 FROM conversations other "
      "WHERE other.person_id = ?1 AND other.transport <> ?2 AND other.updated_at >= conversations.updated_at)",
      person_id, ref.transport, ref.address, core::to_millis(now), core::to_millis(now - conversation_refresh));
}

std::optional<ConversationRef> PeopleStore::conversation_on(const std::string& person_id, const std::string& transport) {
  auto& st = db_.prepare("SELECT transport, address FROM conversations WHERE person_id = ?1 AND transport = ?2");
  st.bind(person_id, transport);
  if (!st.step()) return std::nullopt;
  ConversationRef ref{st.text(0), st.text(1)};
  st.reset();
  return ref;
}

std::optional<ConversationRef> PeopleStore::latest_conversation(const std::string& person_id) {
  auto& st = db_.prepare(
      "SELECT transport, address FROM conversations WHERE person_id = ?1 "
      "ORDER BY updated_at DESC LIMIT 1");
  st.bind(person_id);
  if (!st.step()) return std::nullopt;
  ConversationRef ref{st.text(0), st.text(1)};
  st.reset();
  return ref;
}

}  // namespace relais::storage
