#pragma once
// The staff directory as a spreadsheet export:
//   id,name,email,language,circle,roles,topics,start_date
// roles and topics are ';'-separated; start_date is YYYY-MM-DD (starters) or empty.
#include <filesystem>
#include <vector>

#include "bot/core/person.hpp"
#include "bot/core/problem.hpp"

namespace relais::identity {

struct Directory {
  std::vector<core::Person> people;
};

/// Parses the directory; every problem found is appended with file:line.
Directory load_directory(const std::filesystem::path& file, Problems& problems);
Directory parse_directory(std::string_view text, const std::string& source, Problems& problems);

}  // namespace relais::identity
