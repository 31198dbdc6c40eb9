#pragma once
// Who the ambassador community is: every ambassador and community lead, once each.
#include <vector>

#include "bot/core/person.hpp"
#include "bot/storage/people_store.hpp"

namespace relais::community {

std::vector<core::Person> community_members(storage::PeopleStore& people);

inline bool is_member(const core::Person& p) {
  return p.has(core::Role::ambassador) || p.has(core::Role::community_lead);
}

}  // namespace relais::community
