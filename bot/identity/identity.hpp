#pragma once
// Who sent this? Maps a transport's sender address to a person of the directory.
#include <optional>

#include "bot/core/inbound_event.hpp"
#include "bot/core/person.hpp"
#include "bot/storage/people_store.hpp"

namespace relais::identity {

class Identity {
 public:
  explicit Identity(storage::PeopleStore& people) : people_(people) {}

  /// The web chat authenticates the person itself, so its address is their directory id;
  /// Teams names them by their Entra ID object id (the directory's aad_object_id column),
  /// Matrix by their user id (its matrix_id column).
  std::optional<core::Person> resolve(const core::InboundEvent& event) {
    if (event.transport == "teams") return people_.find_by_aad_object_id(event.sender_address);
    if (event.transport == "matrix") return people_.find_by_matrix_id(event.sender_address);
    return people_.find(event.sender_address);
  }

 private:
  storage::PeopleStore& people_;
};

}  // namespace relais::identity
