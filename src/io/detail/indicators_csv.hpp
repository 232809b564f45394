// indicators_csv.hpp — the indicator CSV file read in pieces. Private to the
// library.
#pragma once

#include <cstddef>
#include <string>

#include "io/detail/csv_records.hpp"
#include "sopkit/indicator_io.hpp"

namespace sopkit::detail {

// What parse_indicators_csv makes of the file's text, read `piece_bytes` at a
// time (settable for tests); the file's errors as read_text_file's.
IndicatorSet load_indicators_csv_file(const std::string& path, const CsvOptions& options,
                                      std::size_t piece_bytes = CsvRecords::kPieceBytes);

}  // namespace sopkit::detail
