#pragma once
// A member of staff as the directory knows them.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace relais::core {

enum class Role { employee, starter, ambassador, community_lead, it };

inline constexpr Role all_roles[] = {Role::employee, Role::starter, Role::ambassador,
                                     Role::community_lead, Role::it};

inline std::string_view to_string(Role r) {
  switch (r) {
    case Role::employee: return "employee";
    case Role::starter: return "starter";
    case Role::ambassador: return "ambassador";
    case Role::community_lead: return "community_lead";
    case Role::it: return "it";
  }
  return "employee";
}

inline std::optional<Role> parse_role(std::string_view s) {
  for (Role r : all_roles)
    if (to_string(r) == s) return r;
  return std::nullopt;
}

struct Person {
  std::string id;
  std::string name;
  std::string email;
  std::string language;  ///< fr | nl | en | de
  std::string circle;
  std::string site;                    ///< office or building, for the ambassadors page
  std::vector<Role> roles;
  std::vector<std::string> topics;     ///< declared ambassador topics/tools
  std::vector<std::string> languages;  ///< other languages an ambassador helps in
  std::string start_date;           ///< YYYY-MM-DD for starters, else empty
  std::string time_zone;            ///< IANA name; empty: the organisation's
  std::string working_hours;        ///< "mon,tue,thu 08:00-16:00"; empty: the organisation's
  std::string aad_object_id;        ///< Microsoft Entra ID object id: recognises them in Teams
  std::string matrix_id;            ///< "@alice:example.org": recognises them in Matrix

  bool has(Role r) const { return std::find(roles.begin(), roles.end(), r) != roles.end(); }
  /// Their own language or one they help in.
  bool speaks(std::string_view l) const {
    return language == l || std::find(languages.begin(), languages.end(), l) != languages.end();
  }
};

}  // namespace relais::core
