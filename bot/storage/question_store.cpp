#include "bot/storage/question_store.hpp"

namespace relais::storage {
namespace {

constexpr std::string_view columns =
    "SELECT id, asker_id, text, language, state, COALESCE(faq_entry, ''), "
    "COALESCE(claimant_id, ''), created_at, updated_at FROM questions ";

Question read_question(const Statement& st) {
  Question q;
  q.id = st.int64(0);
  q.asker_id = st.text(1);
  q.text = st.text(2);
  q.language = st.text(3);
  q.state = core::parse_question_state(st.text(4)).value_or(core::QuestionState::asked);
  q.faq_entry = st.text(5);
  q.claimant_id = st.text(6);
  q.created_at = core::from_millis(st.int64(7));
  q.updated_at = core::from_millis(st.int64(8));
  return q;
}

std::optional<std::string> null_if_empty(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

}  // namespace

Question QuestionStore::create(const std::string& asker_id, const std::string& text,
                               const std::string& language, const std::string& source_key,
                               core::TimePoint now) {
  db_.run(
      "INSERT INTO questions(asker_id, text, language, state, source_key, created_at, updated_at) "
      "VALUES (?1, ?2, ?3, 'asked', ?4, ?5, ?5)",
      asker_id, text, language, null_if_empty(source_key), core::to_millis(now));
  const auto id = db_.last_insert_id();
  db_.run(
      "INSERT INTO question_events(question_id, at, actor_id, event, to_state) "
      "VALUES (?1, ?2, ?3, 'ask', 'asked')",
      id, core::to_millis(now), asker_id);
  return *get(id);
}

std::optional<Question> QuestionStore::get(std::int64_t id) {
  auto& st = db_.prepare(std::string(columns) + "WHERE id = ?1");
  st.bind(id);
  if (!st.step()) return std::nullopt;
  auto q = read_question(st);
  st.reset();
  return q;
}

Result<Question> QuestionStore::transition(std::int64_t id, core::QuestionEvent event,
                                           const std::string& actor_id, core::TimePoint now,
                                           const nlohmann::json& detail) {
  auto q = get(id);
  if (!q) return Result<Question>::failure(refusal_not_found);
  const auto next = core::next_state(q->state, event);
  if (!next) return Result<Question>::failure(refusal_not_allowed);

  std::string claimant = q->claimant_id;
  if (event == core::QuestionEvent::claim) claimant = actor_id;
  if (event == core::QuestionEvent::release) claimant.clear();

  // The state in WHERE makes the transition atomic even if a caller forgot its transaction.
  db_.run(
      "UPDATE questions SET state = ?1, claimant_id = ?2, updated_at = ?3 WHERE id = ?4 AND "
      "state = ?5",
      core::to_string(*next), null_if_empty(claimant), core::to_millis(now), id,
      core::to_string(q->state));
  if (db_.changes() != 1) return Result<Question>::failure(refusal_not_allowed);
  db_.run(
      "INSERT INTO question_events(question_id, at, actor_id, event, from_state, to_state, detail) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
      id, core::to_millis(now), null_if_empty(actor_id), core::to_string(event),
      core::to_string(q->state), core::to_string(*next), detail.dump());
  q->state = *next;
  q->claimant_id = claimant;
  q->updated_at = now;
  return *q;
}

void QuestionStore::note(std::int64_t id, const std::string& actor_id, const std::string& event,
                         core::TimePoint now, const nlohmann::json& detail) {
  db_.run(
      "INSERT INTO question_events(question_id, at, actor_id, event, detail) "
      "VALUES (?1, ?2, ?3, ?4, ?5)",
      id, core::to_millis(now), null_if_empty(actor_id), event, detail.dump());
}

void QuestionStore::set_faq_entry(std::int64_t id, const std::string& entry) {
  db_.run("UPDATE questions SET faq_entry = ?1 WHERE id = ?2", entry, id);
}

void QuestionStore::offer(std::int64_t id, const std::string& person_id, core::TimePoint now) {
  db_.run(
      "INSERT OR IGNORE INTO question_offers(question_id, person_id, offered_at) "
      "VALUES (?1, ?2, ?3)",
      id, person_id, core::to_millis(now));
}

std::vector<std::string> QuestionStore::offered_to(std::int64_t id) {
  std::vector<std::string> out;
  auto& st = db_.prepare(
      "SELECT person_id FROM question_offers WHERE question_id = ?1 ORDER BY offered_at, person_id");
  st.bind(id);
  while (st.step()) out.push_back(st.text(0));
  return out;
}

void QuestionStore::posted_in(std::int64_t id, const core::Room& room) {
  db_.run("INSERT OR REPLACE INTO question_room_posts(question_id, room, transport, address, language, audience) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
          id, room.name, room.transport, room.address, room.language, core::to_string(room.audience));
}

std::vector<core::Room> QuestionStore::rooms_of(std::int64_t id) {
  std::vector<core::Room> out;
  auto& st = db_.prepare(
      "SELECT room, transport, address, language, audience FROM question_room_posts WHERE question_id = ?1 ORDER BY room");
  st.bind(id);
  while (st.step())
    out.push_back({st.text(0), st.text(1), st.text(2), st.text(3), core::parse_role(st.text(4)).value_or(core::Role::ambassador)});
  return out;
}

std::vector<Question> QuestionStore::list(std::string_view where_sql, const std::string& arg,
                                          std::size_t limit) {
  std::vector<Question> out;
  auto& st = db_.prepare(std::string(columns) + std::string(where_sql));
  if (arg.empty()) st.bind(static_cast<std::int64_t>(limit));
  else st.bind(arg, static_cast<std::int64_t>(limit));
  while (st.step()) out.push_back(read_question(st));
  return out;
}

std::vector<Question> QuestionStore::claimed_by(const std::string& person_id) {
  return list("WHERE claimant_id = ?1 AND state = 'claimed' ORDER BY id LIMIT ?2", person_id, 1000);
}

std::vector<Question> QuestionStore::asked_by(const std::string& person_id, std::size_t limit) {
  return list("WHERE asker_id = ?1 ORDER BY id DESC LIMIT ?2", person_id, limit);
}

std::vector<Question> QuestionStore::claimable(std::size_t limit) {
  return list("WHERE state IN ('routed', 'escalated', 'escalated_it') ORDER BY id LIMIT ?1", "",
              limit);
}

std::int64_t QuestionStore::open_claims(const std::string& person_id) {
  return db_
      .query_int("SELECT COUNT(*) FROM questions WHERE claimant_id = ?1 AND state = 'claimed'",
                 person_id)
      .value_or(0);
}

std::map<std::string, std::int64_t> QuestionStore::count_by_state() {
  std::map<std::string, std::int64_t> out;
  for (auto s : core::all_question_states) out[std::string(core::to_string(s))] = 0;
  auto& st = db_.prepare("SELECT state, COUNT(*) FROM questions GROUP BY state");
  st.bind();
  while (st.step()) out[st.text(0)] = st.int64(1);
  return out;
}

std::vector<QuestionEventRow> QuestionStore::history(std::int64_t id) {
  std::vector<QuestionEventRow> out;
  auto& st = db_.prepare(
      "SELECT at, COALESCE(actor_id, ''), event, COALESCE(from_state, ''), COALESCE(to_state, ''), "
      "detail FROM question_events WHERE question_id = ?1 ORDER BY id");
  st.bind(id);
  while (st.step())
    out.push_back({core::from_millis(st.int64(0)), st.text(1), st.text(2), st.text(3), st.text(4),
                   nlohmann::json::parse(st.text(5), nullptr, false)});
  return out;
}

}  // namespace relais::storage
