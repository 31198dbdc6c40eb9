#pragma once
// The staff directory and how to reach each person.
#include <optional>
#include <string>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/core/person.hpp"
#include "bot/storage/database.hpp"

namespace relais::storage {

struct ConversationRef {
  std::string transport;
  std::string address;
};

class PeopleStore {
 public:
  explicit PeopleStore(Database& db) : db_(db) {}

  /// Inserts or replaces the person, their roles and topics (and their circle).
  void upsert(const core::Person& person, core::TimePoint now);
  std::optional<core::Person> find(const std::string& id);
  /// The person as the directory lists them, without what Relais granted (for directory sync).
  std::optional<core::Person> find_as_listed(const std::string& id);
  /// Makes them an ambassador with these topics and extra languages, whatever the directory
  /// says later (a community lead accepted them).
  void grant_ambassador(const std::string& id, const std::vector<std::string>& topics,
                        const std::vector<std::string>& languages, const std::string& granted_by,
                        core::TimePoint now);
  /// The person with this Microsoft Entra ID object id (how Teams names its users).
  std::optional<core::Person> find_by_aad_object_id(const std::string& aad_object_id);
  /// The person with this Matrix user id.
  std::optional<core::Person> find_by_matrix_id(const std::string& matrix_id);
  std::vector<core::Person> all();
  /// Marks a person as gone (a leaver): they are no longer found, routed to or sent to.
  void deactivate(const std::string& id, core::TimePoint now);
  std::vector<core::Person> with_role(core::Role role);
  std::size_t count();

  /// Records the address a person was last reached at on a transport (a repeat within the hour,
  /// on the transport they used last, writes nothing).
  void remember_conversation(const std::string& person_id, const ConversationRef& ref,
                             core::TimePoint now);
  /// The person's address on one transport, if any.
  std::optional<ConversationRef> conversation_on(const std::string& person_id, const std::string& transport);
  /// The most recently used conversation of the person, if any.
  std::optional<ConversationRef> latest_conversation(const std::string& person_id);

 private:
  core::Person load_rest(core::Person p, bool with_grants = true);
  std::optional<core::Person> find_by(std::string_view column, const std::string& value);
  Database& db_;
};

}  // namespace relais::storage
