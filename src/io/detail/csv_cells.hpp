// csv_cells.hpp — the rule every CSV writer of the library applies to text
// cells. Private to the library.
#pragma once

#include <string_view>

namespace sopkit::detail {

// True when a spreadsheet opening the CSV would run the cell as a formula
// (=, +, -, @) or a tab or carriage return could start one. Such text cells
// are written with a leading single quote, as OWASP advises against CSV
// injection; number cells are written as numbers and never pass here.
inline bool spreadsheet_would_evaluate(std::string_view text) {
  return !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
}

}  // namespace sopkit::detail
