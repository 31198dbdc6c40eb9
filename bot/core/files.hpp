#pragma once
// Reading operator-supplied files whole (config, directory, knowledge): small, read at start.
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace relais {

/// The file's bytes, or nothing when it cannot be read.
inline std::optional<std::string> read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace relais
