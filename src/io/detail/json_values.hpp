// json_values.hpp — JSON forms (keys in document order) of results, shared by the io writers,
// the CLI and the C ABI. Private: nlohmann stays out of public headers.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "sopkit/validation.hpp"

namespace sopkit::detail {

// [{"severity","code","step","pointer","message"}...]
nlohmann::ordered_json diagnostics_json(const std::vector<Diagnostic>& diagnostics);

}  // namespace sopkit::detail
