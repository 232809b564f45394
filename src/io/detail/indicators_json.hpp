// indicators_json.hpp — the JSON form of indicator data read from a document
// already parsed, for callers that parse once to tell formats apart.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "sopkit/indicator_set.hpp"

namespace sopkit::detail {

// True when `doc` is an object whose "format" is "sopkit.indicators/1".
bool is_indicators_json(const nlohmann::json& doc) noexcept;

// The set `doc` holds; the errors and locations of parse_indicators_json.
IndicatorSet indicators_from_json(const nlohmann::json& doc, const std::string& source);

}  // namespace sopkit::detail
