#include "skills/community/members.hpp"

#include <set>

namespace relais::community {

std::vector<core::Person> community_members(storage::PeopleStore& people) {
  auto out = people.with_role(core::Role::ambassador);
  std::set<std::string> seen;
  for (const auto& p : out) seen.insert(p.id);
  for (auto& lead : people.with_role(core::Role::community_lead))
    if (seen.insert(lead.id).second) out.push_back(std::move(lead));
  return out;
}

}  // namespace relais::community
