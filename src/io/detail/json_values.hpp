// json_values.hpp — JSON forms (keys in document order) of results, shared by the io writers,
// the CLI and the C ABI. Private: nlohmann stays out of public headers.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "sopkit/validation.hpp"

namespace sopkit::detail {

// The value, or null when it is absent (a figure not reported, a field not
// set): the one way every writer shows an optional.
template <class Json = nlohmann::ordered_json, class T>
Json value_or_null(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

// [{"severity","code","step","pointer","message"}...]
nlohmann::ordered_json diagnostics_json(const std::vector<Diagnostic>& diagnostics);

}  // namespace sopkit::detail
