#include "bot/storage/outbox_store.hpp"

#include <algorithm>

namespace relais::storage {

std::int64_t OutboxStore::enqueue(const std::string& key, const std::string& recipient_id,
                                  const std::string& transport, const std::string& address,
                                  const nlohmann::json& payload, core::TimePoint now) {
  const auto t = core::to_millis(now);
  db_.run(
      "INSERT OR IGNORE INTO outbox(idempotency_key, recipient_id, transport, address, payload, "
      "status, next_attempt_at, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 'pending', "
      "?6, ?6, ?6)",
      key, recipient_id, transport, address, payload.dump(), t);
  return db_.query_int("SELECT id FROM outbox WHERE idempotency_key = ?1", key).value_or(0);
}

namespace {
constexpr std::string_view row_columns =
    "SELECT id, idempotency_key, recipient_id, transport, address, payload, attempts FROM outbox ";

OutboxRow read_row(const Statement& st) {
  return {st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4),
          nlohmann::json::parse(st.text(5), nullptr, false), static_cast<int>(st.int64(6))};
}
}  // namespace

std::vector<DueRow> OutboxStore::due(core::TimePoint now, std::size_t limit, std::int64_t up_to_id) {
  std::vector<DueRow> out;
  auto& st = db_.prepare("SELECT id, transport, recipient_id, address FROM outbox "
                         "WHERE status = 'pending' AND next_attempt_at <= ?1 AND id <= ?3 ORDER BY id LIMIT ?2");
  st.bind(core::to_millis(now), static_cast<std::int64_t>(limit), up_to_id);
  while (st.step()) out.push_back({st.int64(0), st.text(1), st.text(2), st.text(3)});
  return out;
}

std::vector<OutboxRow> OutboxStore::pending_from(const std::string& cause_key, const std::string& recipient_id) {
  std::vector<OutboxRow> out;
  // Keys are "<cause>#<sequence>"; the range avoids LIKE and its wildcards in the cause.
  auto& st = db_.prepare(std::string(row_columns) +
                         "WHERE idempotency_key >= ?1 AND idempotency_key < ?2 AND recipient_id = ?3 "
                         "AND status = 'pending' ORDER BY id");
  st.bind(cause_key + "#", cause_key + "$", recipient_id);
  while (st.step()) out.push_back(read_row(st));
  return out;
}

std::int64_t OutboxStore::last_id() { return db_.query_int("SELECT MAX(id) FROM outbox").value_or(0); }

std::optional<core::TimePoint> OutboxStore::next_due() {
  const auto t = db_.query_int("SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending'");
  return t ? std::optional<core::TimePoint>(core::from_millis(*t)) : std::nullopt;
}

std::optional<OutboxRow> OutboxStore::get(std::int64_t id) {
  auto& st = db_.prepare(std::string(row_columns) + "WHERE id = ?1");
  st.bind(id);
  if (!st.step()) return std::nullopt;
  auto row = read_row(st);
  st.reset();
  return row;
}

void OutboxStore::mark_sent(std::int64_t id, core::TimePoint now) {
  // Lost in a power cut, the row is back to leased (or pending): a restart puts it back in line
  // either way, as it does a sent one.
  db_.run_unsynced(
      "UPDATE outbox SET status = 'sent', attempts = attempts + 1, leased = 0, updated_at = ?2 WHERE id = ?1", id,
      core::to_millis(now));
}

bool OutboxStore::mark_delivered(std::int64_t id, const std::string& recipient_id, core::TimePoint now) {
  // No one waits for this record, so it asks for no sync of its own: it reaches the disk with the
  // next sync anyone needs, at most WalSyncer::unasked_sync_delay later (a killed process keeps it
  // at once, like any commit). Only a power cut within that moment undoes it, and the reply is
  // sent again: a Matrix homeserver drops that copy (same transaction id); Teams shows it twice,
  // as it does when the connector's answer to a delivery is lost on the way back. Synced alone,
  // it cost a sync a message at a steady rate.
  db_.run_unsynced(
      "UPDATE outbox SET status = 'delivered', next_attempt_at = NULL, leased = 0, updated_at = ?3 "
      "WHERE id = ?1 AND recipient_id = ?2 AND status IN ('pending', 'sent', 'waiting')",
      id, recipient_id, core::to_millis(now));
  return db_.changes() == 1;
}

void OutboxStore::mark_waiting(std::int64_t id, core::TimePoint now) {
  db_.run(
      "UPDATE outbox SET status = 'waiting', next_attempt_at = NULL, leased = 0, updated_at = ?2 WHERE id = ?1",
      id, core::to_millis(now));
}

void OutboxStore::retry_at(std::int64_t id, core::TimePoint when, const std::string& error,
                           core::TimePoint now) {
  db_.run(
      "UPDATE outbox SET status = 'pending', attempts = attempts + 1, next_attempt_at = ?2, leased = 0, "
      "last_error = ?3, updated_at = ?4 WHERE id = ?1",
      id, core::to_millis(when), error, core::to_millis(now));
}

void OutboxStore::lease(std::int64_t id, core::TimePoint until, core::TimePoint now) {
  // A lease lost in a power cut changes nothing: after a restart every leased row is due again.
  db_.run_unsynced(
      "UPDATE outbox SET next_attempt_at = ?2, leased = 1, updated_at = ?3 WHERE id = ?1 AND status = 'pending'", id,
      core::to_millis(until), core::to_millis(now));
}

void OutboxStore::mark_failed(std::int64_t id, const std::string& error, core::TimePoint now) {
  db_.run(
      "UPDATE outbox SET status = 'failed', attempts = attempts + 1, next_attempt_at = NULL, leased = 0, "
      "last_error = ?2, updated_at = ?3 WHERE id = ?1",
      id, error, core::to_millis(now));
}

int OutboxStore::resume(const std::string& transport, const std::string& recipient_id,
                        core::TimePoint now) {
  db_.run(
      "UPDATE outbox SET status = 'pending', next_attempt_at = ?3, updated_at = ?3 "
      "WHERE transport = ?1 AND recipient_id = ?2 AND status IN ('waiting', 'sent')",
      transport, recipient_id, core::to_millis(now));
  return db_.changes();
}

int OutboxStore::requeue_unconfirmed(core::TimePoint now) {
  db_.run(
      "UPDATE outbox SET status = 'pending', next_attempt_at = ?1, leased = 0, updated_at = ?1 "
      "WHERE status = 'sent' OR (status = 'pending' AND leased = 1)",
      core::to_millis(now));
  return db_.changes();
}

std::vector<OutboxRow> OutboxStore::recent_delivered(const std::string& transport,
                                                     const std::string& recipient_id, std::size_t limit) {
  std::vector<OutboxRow> out;
  auto& st = db_.prepare(std::string(row_columns) +
                         "WHERE transport = ?1 AND recipient_id = ?2 AND status = 'delivered' "
                         "ORDER BY id DESC LIMIT ?3");
  st.bind(transport, recipient_id, static_cast<std::int64_t>(limit));
  while (st.step()) out.push_back(read_row(st));
  std::reverse(out.begin(), out.end());
  return out;
}

std::map<std::string, std::int64_t> OutboxStore::count_by_status() {
  std::map<std::string, std::int64_t> out{
      {"pending", 0}, {"sent", 0}, {"waiting", 0}, {"delivered", 0}, {"failed", 0}};
  auto& st = db_.prepare("SELECT status, COUNT(*) FROM outbox GROUP BY status");
  st.bind();
  while (st.step()) out[st.text(0)] = st.int64(1);
  return out;
}

}  // namespace relais::storage
