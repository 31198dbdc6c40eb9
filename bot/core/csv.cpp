#include "bot/core/csv.hpp"

namespace relais::csv {

CsvParse parse(std::string_view text) {
  CsvParse out;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  int line = 1;
  CsvRow row{line, {}};
  std::string cell;
  bool quoted = false, cell_started = false;
  int quote_line = 0;
  auto end_row = [&] {
    row.cells.push_back(std::move(cell));
    cell.clear();
    const bool blank = row.cells.size() == 1 && row.cells[0].empty();
    if (!blank) out.rows.push_back(std::move(row));
    row = CsvRow{line, {}};
    cell_started = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
      continue;
    }
    if (c == '"' && !cell_started) {
      quoted = true;
      cell_started = true;
      quote_line = line;
    } else if (c == ',') {
      row.cells.push_back(std::move(cell));
      cell.clear();
      cell_started = false;
    } else if (c == '\n') {
      ++line;
      end_row();
    } else if (c != '\r') {
      cell += c;
      cell_started = true;
    }
  }
  if (quoted) {
    out.error = "a quoted field is never closed";
    out.error_line = quote_line;
    return out;
  }
  if (cell_started || !row.cells.empty()) end_row();
  return out;
}

std::string format_row(const std::vector<std::string>& cells) {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) line += ',';
    const auto& c = cells[i];
    if (c.find_first_of(",\"\r\n") == std::string::npos) {
      line += c;
      continue;
    }
    line += '"';
    for (char ch : c) line += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    line += '"';
  }
  return line + "\r\n";
}

}  // namespace relais::csv
