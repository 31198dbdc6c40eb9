#include "bot/core/metrics.hpp"

#include <sstream>

namespace relais::core {

void Metrics::handled_in(double seconds) {
  ++latency_count_;
  latency_sum_ += seconds;
  for (std::size_t i = 0; i < buckets_.size(); ++i)
    if (seconds <= buckets_[i]) ++bucket_counts_[i];
}

std::int64_t Metrics::messages_in(const std::string& transport) const {
  const auto it = in_.find(transport);
  return it == in_.end() ? 0 : it->second;
}

std::string Metrics::render(const std::map<std::string, std::int64_t>& questions,
                            const std::map<std::string, std::int64_t>& outbox,
                            const std::optional<WalFigures>& wal) const {
  std::ostringstream os;
  auto family = [&](const char* name, const char* type, const char* help) {
    os << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
  };
  auto labelled = [&](const char* name, const char* label,
                      const std::map<std::string, std::int64_t>& values) {
    for (const auto& [k, v] : values) os << name << '{' << label << "=\"" << k << "\"} " << v << '\n';
  };

  family("relais_messages_in_total", "counter", "Inbound events accepted, by transport.");
  labelled("relais_messages_in_total", "transport", in_);
  family("relais_messages_out_total", "counter", "Outbound messages delivered, by transport.");
  labelled("relais_messages_out_total", "transport", out_);
  family("relais_duplicates_total", "counter", "Retried inbound events acknowledged, not re-run.");
  os << "relais_duplicates_total " << duplicates_ << '\n';
  family("relais_rejected_input_total", "counter", "Inbound input refused, by reason.");
  labelled("relais_rejected_input_total", "reason", rejected_);
  family("relais_skill_failures_total", "counter", "Skill invocations that failed.");
  os << "relais_skill_failures_total " << skill_failures_ << '\n';
  family("relais_delivery_failures_total", "counter", "Outbox delivery attempts that failed.");
  os << "relais_delivery_failures_total " << delivery_failures_ << '\n';
  family("relais_questions", "gauge", "Questions by lifecycle state.");
  labelled("relais_questions", "state", questions);
  family("relais_outbox_messages", "gauge", "Outbox rows by status.");
  labelled("relais_outbox_messages", "status", outbox);
  family("relais_outbox_depth", "gauge", "Messages not yet delivered.");
  std::int64_t depth = 0;
  for (const char* s : {"pending", "sent", "waiting"})
    if (auto it = outbox.find(s); it != outbox.end()) depth += it->second;
  os << "relais_outbox_depth " << depth << '\n';
  family("relais_handle_seconds", "histogram", "Time from an event's arrival to its commit.");
  for (std::size_t i = 0; i < buckets_.size(); ++i)
    os << "relais_handle_seconds_bucket{le=\"" << buckets_[i] << "\"} " << bucket_counts_[i] << '\n';
  os << "relais_handle_seconds_bucket{le=\"+Inf\"} " << latency_count_ << '\n';
  os << "relais_handle_seconds_sum " << latency_sum_ << '\n';
  os << "relais_handle_seconds_count " << latency_count_ << '\n';
  if (wal) {
    family("relais_wal_frames_total", "counter", "Pages the database's commits appended to its write-ahead log.");
    os << "relais_wal_frames_total " << wal->frames << '\n';
    family("relais_wal_syncs_total", "counter", "Syncs of the write-ahead log, each making every commit before it durable.");
    os << "relais_wal_syncs_total " << wal->syncs << '\n';
    family("relais_wal_checkpoints_total", "counter", "Copies of the write-ahead log into the database file.");
    os << "relais_wal_checkpoints_total " << wal->checkpoints << '\n';
  }
  return os.str();
}

}  // namespace relais::core
