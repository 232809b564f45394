// indicators_json.hpp — indicator data in JSON, for callers that do not know
// the format of a file yet.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sopkit/indicator_set.hpp"

namespace sopkit::detail {

// The set `text` holds when it is JSON whose "format" is "sopkit.indicators/1"
// (with the errors and locations of parse_indicators_json); nothing when it is
// another document or not valid JSON, which other loaders then report.
std::optional<IndicatorSet> parse_indicators_json_if_format(std::string_view text,
                                                            const std::string& source);

}  // namespace sopkit::detail
