// result_shown.hpp — which figures of a result a reader is shown: the one
// rule for every form a result is written in (the JSON form, the capaian CSV,
// the C ABI's columns). A figure that does not apply to the row is left out
// (null, an empty cell, NaN or code -1), never written as 0. Private to the
// library.
#pragma once

#include <optional>
#include <string>

#include "sopkit/indicator_eval.hpp"

namespace sopkit::detail {

inline std::optional<double> shown_value(const Achievement& a) {
  return a.computable() ? std::optional<double>(a.value) : std::nullopt;
}

// Why an achievement is not computable; nullptr when it is.
inline const char* shown_reason(const Achievement& a) {
  return a.computable() ? nullptr : reason_name(a.reason);
}

// The capped achievement: none where there is no achievement to cap.
inline std::optional<double> shown_score(const IndicatorResult& r) {
  return r.achievement.computable() ? std::optional<double>(r.score) : std::nullopt;
}

// Band 0 is "not rated": it has no predicate.
inline const std::string* shown_predicate(std::size_t band, const std::string& predicate) {
  return band ? &predicate : nullptr;
}

// The year to date belongs to a quarter's row only.
inline bool shows_ytd(const IndicatorResult& r) {
  return r.period.kind == Period::Kind::quarter;
}

// A light belongs to its deviation: none without one.
inline const char* shown_light(const std::optional<double>& deviation, Light light) {
  return deviation ? to_string(light) : nullptr;
}

}  // namespace sopkit::detail
