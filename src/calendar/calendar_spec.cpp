// calendar_spec.cpp — combining calendar data: a week plus holiday files.
//
// Merging is where silent gaps would creep in (2023 and 2025 loaded, 2024
// forgotten: every 2024 holiday a working day), so coverage must stay one
// unbroken range.
#include <algorithm>
#include <string>

#include "sopkit/calendar.hpp"
#include "sopkit/error.hpp"

namespace sopkit {

void CalendarSpec::merge(const CalendarSpec& other) {
  const std::string where = other.sources.empty() ? other.id : other.sources.front();
  if (other.from && other.to) {
    if (from && to) {
      if (*other.from > *to + 1 || *other.to + 1 < *from)
        throw Error(ErrorCode::validation_failed,
                    "the coverage " + format_date(*other.from) + " to " + format_date(*other.to) +
                        " leaves a gap after " + format_date(*from) + " to " + format_date(*to) +
                        ": load every year in between so that no holiday is missed",
                    where);
      from = std::min(*from, *other.from);
      to = std::max(*to, *other.to);
    } else {
      from = other.from;
      to = other.to;
    }
  }
  if (other.week) {
    if (week && !(*week == *other.week))
      throw Error(ErrorCode::validation_failed,
                  "a second, different week definition (the first is at " +
                      (week_origin.empty() ? std::string("the C++ spec") : week_origin) +
                      "); keep one week per calendar",
                  other.week_origin.empty() ? where : other.week_origin);
    week = other.week;
    week_origin = other.week_origin;
  }
  if (id.empty()) id = other.id;
  holidays.insert(holidays.end(), other.holidays.begin(), other.holidays.end());
  overrides.insert(overrides.end(), other.overrides.begin(), other.overrides.end());
  periods.insert(periods.end(), other.periods.begin(), other.periods.end());
  for (const std::string& r : other.rules)
    if (std::find(rules.begin(), rules.end(), r) == rules.end()) rules.push_back(r);
  sources.insert(sources.end(), other.sources.begin(), other.sources.end());
}

}  // namespace sopkit
