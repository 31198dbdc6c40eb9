#pragma once
// What every knowledge file (FAQ entries, onboarding modules, surveys) shares: lines, a
// "---" header of "key: value" fields, comma lists, and the *.md files of a folder. Each
// format reads its own keys and body; the structure and its error messages are the same.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/core/problem.hpp"

namespace relais::core {

std::string trim(std::string_view text);
/// "a, b ,c" -> {"a", "b", "c"}; empty items dropped.
std::vector<std::string> split_list(std::string_view text, char separator = ',');
/// The items with `separator` between them: what split_list reads back (with ",").
std::string join_list(const std::vector<std::string>& items, std::string_view separator = ",");
/// A whole number of at most `max_digits` digits, nothing else.
std::optional<int> whole_number(std::string_view text, std::size_t max_digits = 6);
/// The text's lines, without their line ends ("\r\n" too).
std::vector<std::string> lines_of(std::string_view text);
/// "file.md:12" for the line at `index` (0-based).
std::string line_ref(const std::string& source, std::size_t index);

struct HeaderField {
  std::string key;
  std::string value;
  std::size_t line = 0;  ///< 0-based
};

struct Header {
  std::vector<HeaderField> fields;
  std::size_t body = 0;  ///< the first line after the header
};

/// The "---" header at the top of `lines`. Nothing when the file does not start with one;
/// a line that is not "key: value", and a header never closed, are problems.
std::optional<Header> read_header(const std::vector<std::string>& lines, const std::string& source, Problems& problems);

/// The *.md files of `dir`, in name order (none when it does not exist).
std::vector<std::filesystem::path> markdown_files(const std::filesystem::path& dir);

}  // namespace relais::core
