#pragma once
// A problem found in operator-supplied input (config, directory, knowledge): where and what.
#include <ostream>
#include <string>
#include <vector>

namespace relais {

struct Problem {
  std::string where;  ///< "file:line" or a JSON key path such as "server.port"
  std::string what;
};

using Problems = std::vector<Problem>;

inline std::ostream& operator<<(std::ostream& os, const Problem& p) {
  return os << p.where << ": " << p.what;
}

}  // namespace relais
