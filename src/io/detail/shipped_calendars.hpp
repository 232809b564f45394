// shipped_calendars.hpp — the data/calendars files built into the library.
//
// The table is generated at configure time (src/io/CMakeLists.txt), so the
// texts are exactly the files of the source tree the library was built from.
#pragma once

#include <cstddef>

namespace sopkit::detail {

struct ShippedCalendar {
  const char* id;    // file name without .json: "id-2024"
  const char* json;  // the file's text
};

// Sorted by id; kShippedCalendarCount entries, then a null sentinel.
extern const ShippedCalendar kShippedCalendars[];
extern const std::size_t kShippedCalendarCount;

}  // namespace sopkit::detail
