// indicators_csv.hpp — the indicator CSV file read in pieces. Private to the
// library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "io/detail/csv_records.hpp"
#include "sopkit/indicator_io.hpp"

namespace sopkit::detail {

// Files this large are read in two halves when options.threads allows.
constexpr std::uint64_t kHalvesFromBytes = std::uint64_t{4} << 20;

// What parse_indicators_csv makes of the file's text, read `piece_bytes` at a
// time; the file's errors as read_text_file's. With options.threads > 1 a
// file of `halves_from` bytes or more is read in two halves at once: the
// second, from a line near the middle, into a builder of its own on a second
// thread, absorbed at the end (IndicatorSetBuilder::absorb); when that
// builder fails or cannot be absorbed, or no record ends where it started,
// the first half's reader reads on to the end alone. `absorbed`, when given,
// says whether the second half was absorbed. The last three are for tests.
IndicatorSet load_indicators_csv_file(const std::string& path, const CsvOptions& options,
                                      std::size_t piece_bytes = CsvRecords::kPieceBytes,
                                      std::uint64_t halves_from = kHalvesFromBytes,
                                      bool* absorbed = nullptr);

}  // namespace sopkit::detail
