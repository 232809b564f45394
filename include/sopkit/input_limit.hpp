// input_limit.hpp — the largest input sopkit reads from a file.
//
// Every file sopkit reads (SOP, indicator, runs, calendar and rating-scale
// files, the command line's inputs) is refused once it passes this many
// bytes, so that /dev/zero, a FIFO that never ends or a runaway export fails
// with a clear Error{io_error} instead of eating the machine's memory:
// "the input is larger than the limit of N bytes (see --max-input-size)".
// Text handed over in memory (parse_sop_json and the like) is not limited:
// the caller has already paid for it.
#pragma once

#include <cstdint>

namespace sopkit {

// 1 GiB: larger than any real SOP or national indicator file.
inline constexpr std::uint64_t kDefaultMaxInputBytes = std::uint64_t{1} << 30;

// Process-wide and thread-safe; applies to reads that start after the call.
// Throws Error{invalid_argument} for 0.
void set_max_input_bytes(std::uint64_t bytes);

// The current limit (kDefaultMaxInputBytes unless set).
std::uint64_t max_input_bytes() noexcept;

}  // namespace sopkit
