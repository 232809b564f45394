// cmd_calendar.cpp — `sopkit calendar holidays|days --from DATE --to DATE`:
// the days off (libur nasional, cuti bersama, regional) and the number of
// working days in the dates [from, to) of a working calendar.
//
// Without --calendar the shipped Indonesian calendar of the years of the
// range is used; --holidays FILE adds a region's own days on top.
#include <algorithm>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli_util.hpp"
#include "commands.hpp"
#include "sopkit/calendar.hpp"
#include "standard_output.hpp"

namespace sopkit::cli {

namespace {

const char* kind_label(HolidayKind kind) {
  switch (kind) {
    case HolidayKind::holiday:
      return "libur nasional";
    case HolidayKind::collective_leave:
      return "cuti bersama";
    case HolidayKind::local:
      return "libur daerah";
  }
  return "";
}

struct Range {
  Date from = 0;
  Date to = 0;
};

Date required_date(const Args& args, const char* name) {
  const std::string* text = args.option(name);
  if (!text) throw UsageError{std::string(name) + " is required, e.g. " + name + " 2024-04-01"};
  return parse_date(*text);
}

// The calendar covering the range's dates: [from, to) needs the days up to the
// one before its end (the end itself may be the day after the coverage).
WorkCalendar calendar_for(const Args& args, const Range& r) {
  const Date first = std::min(r.from, r.to);
  const Date last = std::max(first, std::max(r.from, r.to) - 1);
  return choose_calendar_for_dates(args, first, last);
}

int list_holidays(const Args& args, const Range& r) {
  const WorkCalendar calendar = calendar_for(args, r);
  if (args.flag("--json")) {
    data_output() << holidays_to_json(calendar, r.from, r.to) << '\n';
    return kExitOk;
  }
  const std::vector<Holiday> days = calendar.holidays_between(r.from, r.to);
  std::cout << "Calendar: " << calendar.id() << "   " << format_date(r.from) << " to "
            << format_date(r.to) << " (not included)\n\n";
  for (const Holiday& h : days)
    std::cout << format_date(h.date) << "  " << std::left << std::setw(15) << kind_label(h.kind)
              << h.name << '\n';
  std::cout << (days.empty() ? "" : "\n") << days.size() << " day(s) off\n";
  return kExitOk;
}

int count_days(const Args& args, const Range& r) {
  const WorkCalendar calendar = calendar_for(args, r);
  const std::int64_t n = calendar.count_working_days(r.from, r.to);
  if (args.flag("--json")) {
    const nlohmann::ordered_json out = {{"format", "sopkit.working-days/1"},
                                        {"calendar", calendar.id()},
                                        {"from", format_date(r.from)},
                                        {"to", format_date(r.to)},
                                        {"working_days", n}};
    data_output() << out.dump(2) << '\n';
    return kExitOk;
  }
  std::cout << n << " working day(s) from " << format_date(r.from) << " to " << format_date(r.to)
            << " (not included), calendar " << calendar.id() << '\n';
  return kExitOk;
}

}  // namespace

int cmd_calendar(const std::vector<std::string>& argv) {
  Args args = parse_args(argv, {"--json", kNoRamadanHoursFlag},
                         {"--from", "--to", "--calendar", kHolidaysOption});
  if (args.positional.size() != 1) throw UsageError{"give what to show: holidays or days"};
  const std::string& what = args.positional[0];
  if (what != "holidays" && what != "days")
    throw UsageError{"unknown calendar question '" + what + "' (holidays or days)"};
  const Range range{required_date(args, "--from"), required_date(args, "--to")};
  return what == "holidays" ? list_holidays(args, range) : count_days(args, range);
}

}  // namespace sopkit::cli
