#pragma once
// Reading a string member of JSON from outside: absent, null or of another type reads as "",
// where nlohmann's value() would throw on another type.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace relais::core {

inline std::string text_at(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return {};
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace relais::core
