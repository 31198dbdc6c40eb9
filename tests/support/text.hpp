#pragma once
// Small assertions helpers shared by the tests.
#include <string>

#include "bot/core/problem.hpp"

namespace relais::testing {

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

/// Problems as "where: what" lines, for one readable CHECK.
inline std::string problems_text(const Problems& problems) {
  std::string s;
  for (const auto& p : problems) s += p.where + ": " + p.what + "\n";
  return s;
}

}  // namespace relais::testing
