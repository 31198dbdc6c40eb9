#include "bot/identity/directory_csv.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "bot/core/files.hpp"
#include "bot/core/messages.hpp"
#include "bot/core/csv.hpp"
#include "bot/core/dates.hpp"
#include "bot/core/time_zone.hpp"
#include "bot/core/working_time.hpp"

namespace relais::identity {
namespace {

const std::vector<std::string> columns = {"id",     "name",   "email",  "language",
                                          "circle", "roles",  "topics", "start_date"};
/// Columns a directory may leave out.
const std::vector<std::string> optional_columns = {"time_zone", "working_hours", "aad_object_id", "matrix_id",
                                                   "site", "languages"};

/// "@localpart:server.name" (the server part may carry a port).
bool is_matrix_user_id(std::string_view id) {
  const auto colon = id.find(':');
  if (id.size() < 4 || id[0] != '@' || colon == std::string_view::npos || colon < 2 || colon + 1 == id.size())
    return false;
  return std::none_of(id.begin(), id.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ';'))
    if (auto t = trim(item); !t.empty()) out.push_back(t);
  return out;
}

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) return false;
    for (int k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) >> 6) != 2) return false;
    i += static_cast<std::size_t>(len);
  }
  return true;
}

}  // namespace

Directory parse_directory(std::string_view text, const std::string& source, Problems& problems) {
  Directory dir;
  auto where = [&](int line) { return source + ":" + std::to_string(line); };
  if (!is_valid_utf8(text)) {
    problems.push_back({source, "not valid UTF-8 (save the spreadsheet as CSV UTF-8)"});
    return dir;
  }
  const auto csv = csv::parse(text);
  if (!csv.error.empty()) {
    problems.push_back({where(csv.error_line), csv.error});
    return dir;
  }
  if (csv.rows.empty()) {
    problems.push_back({source, "empty file: expected a header row"});
    return dir;
  }
  std::map<std::string, std::size_t> index;
  const auto& header = csv.rows.front();
  for (std::size_t i = 0; i < header.cells.size(); ++i) index[trim(header.cells[i])] = i;
  for (const auto& c : columns)
    if (!index.contains(c)) problems.push_back({where(header.line), "missing column \"" + c + "\""});
  for (const auto& [name, i] : index)
    if (std::find(columns.begin(), columns.end(), name) == columns.end() &&
        std::find(optional_columns.begin(), optional_columns.end(), name) == optional_columns.end())
      problems.push_back({where(header.line), "unknown column \"" + name + "\""});
  if (!problems.empty() && std::any_of(columns.begin(), columns.end(),
                                       [&](const auto& c) { return !index.contains(c); }))
    return dir;

  std::set<std::string> seen, seen_aad, seen_matrix;
  for (std::size_t r = 1; r < csv.rows.size(); ++r) {
    const auto& row = csv.rows[r];
    auto cell = [&](const std::string& name) {
      const auto it = index.find(name);
      return it != index.end() && it->second < row.cells.size() ? trim(row.cells[it->second]) : std::string();
    };
    const auto before = problems.size();
    if (row.cells.size() != header.cells.size())
      problems.push_back({where(row.line), "expected " + std::to_string(header.cells.size()) +
                                               " cells, found " + std::to_string(row.cells.size())});
    core::Person p;
    p.id = cell("id");
    p.name = cell("name");
    p.email = cell("email");
    p.language = cell("language");
    p.circle = cell("circle");
    p.topics = split_list(cell("topics"));
    p.start_date = cell("start_date");
    if (p.id.empty()) problems.push_back({where(row.line), "id is empty"});
    else if (!seen.insert(p.id).second)
      problems.push_back({where(row.line), "duplicate id \"" + p.id + "\""});
    if (p.name.empty()) problems.push_back({where(row.line), "name is empty"});
    if (!p.email.empty() && p.email.find('@') == std::string::npos)
      problems.push_back({where(row.line), "email \"" + p.email + "\" has no @"});
    if (!core::is_supported_language(p.language))
      problems.push_back({where(row.line), "language \"" + p.language + "\" is not one of fr, nl, en, de"});
    for (const auto& r_name : split_list(cell("roles"))) {
      if (auto role = core::parse_role(r_name)) p.roles.push_back(*role);
      else problems.push_back({where(row.line), "unknown role \"" + r_name +
                                                    "\" (employee, starter, ambassador, "
                                                    "community_lead, it)"});
    }
    if (p.roles.empty() && problems.size() == before) p.roles.push_back(core::Role::employee);
    if (!p.start_date.empty() && !core::is_iso_date(p.start_date))
      problems.push_back({where(row.line), "start_date \"" + p.start_date + "\" is not YYYY-MM-DD"});
    p.time_zone = cell("time_zone");
    if (!p.time_zone.empty() && !core::TimeZone::named(p.time_zone))
      problems.push_back({where(row.line), "time_zone \"" + p.time_zone + "\" is not a known zone (e.g. Europe/Brussels)"});
    p.aad_object_id = cell("aad_object_id");
    if (!p.aad_object_id.empty() && !seen_aad.insert(p.aad_object_id).second)
      problems.push_back({where(row.line), "duplicate aad_object_id \"" + p.aad_object_id + "\""});
    p.matrix_id = cell("matrix_id");
    if (!p.matrix_id.empty() && !is_matrix_user_id(p.matrix_id))
      problems.push_back({where(row.line), "matrix_id \"" + p.matrix_id + "\" is not a Matrix user id like @alice:example.org"});
    else if (!p.matrix_id.empty() && !seen_matrix.insert(p.matrix_id).second)
      problems.push_back({where(row.line), "duplicate matrix_id \"" + p.matrix_id + "\""});
    p.site = cell("site");
    p.languages = split_list(cell("languages"));
    for (const auto& l : p.languages)
      if (!core::is_supported_language(l))
        problems.push_back({where(row.line), "languages: \"" + l + "\" is not one of fr, nl, en, de"});
    p.working_hours = cell("working_hours");
    if (core::WorkingHours hours; !p.working_hours.empty() && !core::parse_schedule(p.working_hours, hours))
      problems.push_back({where(row.line), "working_hours \"" + p.working_hours +
                                               "\" is not like \"08:00-16:00\" or \"mon,tue,thu 08:00-16:00\""});
    if (problems.size() == before) dir.people.push_back(std::move(p));
  }
  return dir;
}

Directory load_directory(const std::filesystem::path& file, Problems& problems) {
  const auto text = read_file(file);
  if (!text) {
    problems.push_back({file.string(), "cannot read the directory file"});
    return {};
  }
  return parse_directory(*text, file.string(), problems);
}

}  // namespace relais::identity
