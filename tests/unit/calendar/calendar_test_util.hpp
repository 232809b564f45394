// Shared helpers for the calendar tests.
#pragma once

#include <string>

#include "sopkit/calendar.hpp"
#include "sopkit/error.hpp"

namespace sopkit::test {

inline Instant at(const char* text) {
  return parse_instant(text);
}
inline std::string fmt(Instant t) {
  return format_instant(t);
}

// The shipped data folder of this source tree (independent of the environment).
inline std::string data_dir() {
  return std::string(SOPKIT_SOURCE_DIR) + "/data";
}

inline CalendarOptions shipped() {
  CalendarOptions o;
  o.data_dir = data_dir();
  return o;
}

// The ASN week over March 2024 with no holidays: a small calendar built in code.
inline CalendarSpec march_2024_spec() {
  CalendarSpec spec;
  spec.id = "march-2024";
  spec.from = parse_date("2024-03-01");
  spec.to = parse_date("2024-03-31");
  return spec;
}

// Runs fn and returns the Error it throws (code internal with "no error" when none).
template <class F>
Error error_of(F&& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e;
  }
  return Error(ErrorCode::internal, "no error");
}

}  // namespace sopkit::test
