// number_cell.hpp — the one reader of a number written in a CSV cell, by the
// file's convention (docs/indicators.md, "Numbers"). Private to the library.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sopkit::detail {

// How the cells of one file write numbers.
struct NumberConvention {
  bool decimal_comma = false;  // "1.234,5" (Indonesian locale) instead of "1234.5"
  bool declared = false;       // said by the caller, not guessed from the separator
};

// A cell's number, or why it has none: `problem` completes "target '…' " (e.g.
// "is not a number (…)"). A trailing "%" is allowed ("97,5 %"): the value is
// the number. With a guessed decimal comma, "1.200" is refused naming both
// readings (1200 with '.' between thousands, 1.2 with a decimal dot); a declared
// convention reads it by the convention.
struct NumberCell {
  std::optional<double> value;
  std::string problem;
};
NumberCell read_number_cell(std::string_view text, NumberConvention convention);

}  // namespace sopkit::detail
