#pragma once
// Numbered, append-only schema migrations. Each owner (core, or a skill) has its own sequence,
// recorded in schema_migrations, so a skill adds tables without touching core.
#include <span>
#include <string_view>
#include <vector>

#include "bot/storage/database.hpp"

namespace relais::storage {

struct Migration {
  std::string_view owner;
  int version;
  std::string_view sql;
  /// Rebuilds a table other tables refer to (SQLite cannot drop a constraint in place): runs with
  /// foreign keys off, as SQLite's documented procedure asks, and is refused at its commit if
  /// it left any reference dangling.
  bool rebuilds_tables = false;
};

/// Applies, each in its own transaction, every migration not yet recorded. Returns how many ran.
int migrate(Database& db, std::span<const Migration> migrations);

/// The tables every part of Relais shares: people, questions, outbox, timers, ...
std::span<const Migration> core_migrations();

}  // namespace relais::storage
