#pragma once
// RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, a UTF-8 BOM tolerated.
#include <string>
#include <string_view>
#include <vector>

namespace relais::identity {

struct CsvRow {
  int line = 0;  ///< 1-based line where the row starts
  std::vector<std::string> cells;
};

struct CsvParse {
  std::vector<CsvRow> rows;
  std::string error;  ///< set on an unterminated quote
  int error_line = 0;
};

CsvParse parse_csv(std::string_view text);

}  // namespace relais::identity
