// analysis_json.hpp — nlohmann::json form of an Analysis ("sopkit.analysis/1"),
// shared by `sopkit analyze --json` and the C ABI. Private: nlohmann stays out
// of public headers. The shape is documented in docs/analysis.md.
#pragma once

#include <nlohmann/json.hpp>

#include "sopkit/analysis.hpp"
#include "sopkit/sop.hpp"

namespace sopkit::detail {

// Minutes as JSON numbers: integers when whole (14160, not 14160.0).
nlohmann::json minutes_json(double minutes);

// The analysis of `sop` (the Sop it was computed from). Every key is always
// present; what could not be computed is null (objects) or [] (lists).
nlohmann::json analysis_json(const Sop& sop, const Analysis& analysis);

}  // namespace sopkit::detail
