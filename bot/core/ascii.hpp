#pragma once
// ASCII case folding for protocol tokens, commands and names typed in chat. (Text meant for
// matching in any language goes through the FAQ analyzer's Unicode folding instead.)
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace relais::core {

inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

inline bool ascii_iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

}  // namespace relais::core
