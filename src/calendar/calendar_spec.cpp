// calendar_spec.cpp — combining calendar data: a week plus holiday files.
//
// Merging is where silent gaps would creep in (2023 and 2025 loaded, 2024
// forgotten: every 2024 holiday a working day), so coverage must stay one
// unbroken range.
#include <algorithm>
#include <set>
#include <string>

#include "sopkit/calendar.hpp"
#include "sopkit/error.hpp"

namespace sopkit {
namespace {

// A file merged later states its own dates for a rule (an agency's Ramadan that
// starts a day earlier): each of its ruled periods replaces every earlier period
// of the same rule that shares a date with it, rather than clashing with it.
void drop_periods_replaced_by(std::vector<HoursPeriod>& periods,
                              const std::vector<HoursPeriod>& newer) {
  for (const HoursPeriod& n : newer) {
    if (n.rule.empty()) continue;
    periods.erase(std::remove_if(periods.begin(), periods.end(),
                                 [&n](const HoursPeriod& p) {
                                   return p.rule == n.rule && p.from <= n.to && n.from <= p.to;
                                 }),
                  periods.end());
  }
}

// The entries of `entries` dated inside [from, to] (all when the range is open).
template <class Entry>
std::vector<Entry> dated_within(const std::vector<Entry>& entries, const std::optional<Date>& from,
                                const std::optional<Date>& to) {
  std::vector<Entry> out;
  for (const Entry& e : entries)
    if ((!from || e.date >= *from) && (!to || e.date <= *to)) out.push_back(e);
  return out;
}

}  // namespace

void CalendarSpec::add_regional(const CalendarSpec& region) {
  CalendarSpec extra = region;
  extra.from.reset();  // the national data decides which dates the calendar speaks for
  extra.to.reset();
  extra.overrides = dated_within(region.overrides, from, to);
  extra.holidays.clear();
  std::set<Date> closed;  // a date given twice within the region is still refused
  for (const Holiday& h : holidays) closed.insert(h.date);
  for (Holiday h : dated_within(region.holidays, from, to)) {
    if (closed.count(h.date) != 0) continue;  // already a day off: keep one entry
    if (h.kind == HolidayKind::holiday) h.kind = HolidayKind::local;
    extra.holidays.push_back(std::move(h));
  }
  extra.periods.erase(std::remove_if(extra.periods.begin(), extra.periods.end(),
                                     [this](const HoursPeriod& p) {
                                       return (to && p.from > *to) || (from && p.to < *from);
                                     }),
                      extra.periods.end());
  merge(extra);
}

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
  drop_periods_replaced_by(periods, other.periods);
  periods.insert(periods.end(), other.periods.begin(), other.periods.end());
  for (const std::string& r : other.rules)
    if (std::find(rules.begin(), rules.end(), r) == rules.end()) rules.push_back(r);
  sources.insert(sources.end(), other.sources.begin(), other.sources.end());
}

}  // namespace sopkit
