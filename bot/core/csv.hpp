#pragma once
// RFC 4180 CSV, as spreadsheets write it: quoted fields, doubled quotes, CRLF or LF, a UTF-8
// BOM tolerated on input; written back with quotes where needed.
#include <string>
#include <string_view>
#include <vector>

namespace relais::csv {

struct CsvRow {
  int line = 0;  ///< 1-based line where the row starts
  std::vector<std::string> cells;
};

struct CsvParse {
  std::vector<CsvRow> rows;
  std::string error;  ///< set on an unterminated quote
  int error_line = 0;
};

CsvParse parse(std::string_view text);

/// One CSV line (CRLF-terminated, as spreadsheets expect), quoting cells that need it.
std::string format_row(const std::vector<std::string>& cells);

}  // namespace relais::csv
