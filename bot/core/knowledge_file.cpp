#include "bot/core/knowledge_file.hpp"

#include <algorithm>

namespace relais::core {

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::string join_list(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += separator;
    out += i;
  }
  return out;
}

std::vector<std::string> split_list(std::string_view s, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const auto end = s.find(separator, start);
    auto item = trim(s.substr(start, end == std::string_view::npos ? s.npos : end - start));
    if (!item.empty()) out.push_back(std::move(item));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

std::optional<int> whole_number(std::string_view s, std::size_t max_digits) {
  if (s.empty() || s.size() > max_digits || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stoi(std::string(s));
}

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto nl = text.find('\n', start);
    auto line = std::string(text.substr(start, nl == std::string_view::npos ? text.npos : nl - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

std::string line_ref(const std::string& source, std::size_t index) { return source + ":" + std::to_string(index + 1); }

std::optional<Header> read_header(const std::vector<std::string>& lines, const std::string& source, Problems& problems) {
  if (lines.empty() || trim(lines[0]) != "---") {
    problems.push_back({source + ":1", "expected a header starting with ---"});
    return std::nullopt;
  }
  Header header;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto line = trim(lines[i]);
    if (line == "---") {
      header.body = i + 1;
      return header;
    }
    if (line.empty()) continue;
    const auto colon = line.find(':');
    if (colon == std::string::npos) {
      problems.push_back({line_ref(source, i), "expected \"key: value\" in the header"});
      continue;
    }
    header.fields.push_back({trim(std::string_view(line).substr(0, colon)), trim(std::string_view(line).substr(colon + 1)), i});
  }
  problems.push_back({source + ":1", "the header is never closed with ---"});
  header.body = lines.size();
  return header;
}

std::vector<std::filesystem::path> markdown_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".md") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace relais::core
