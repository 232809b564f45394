// Ramadan office hours (Perpres 21/2023): the shipped Ramadan periods of
// 2023-2026, applied by default, turned off by CalendarOptions::ramadan_hours,
// and replaced by a file's own period of the same rule.
#include <gtest/gtest.h>

#include <string>

#include "sopkit/calendar.hpp"
#include "sopkit/error.hpp"
#include "unit/calendar/calendar_test_util.hpp"

namespace sopkit {
namespace {

WorkCalendar shipped_calendar(bool ramadan_hours) {
  CalendarOptions o = test::shipped();
  o.ramadan_hours = ramadan_hours;
  return WorkCalendar::indonesia(2023, 2026, o);
}

const WorkCalendar& with_ramadan() {
  static const WorkCalendar cal = shipped_calendar(true);
  return cal;
}

std::string office_of(const WorkCalendar& cal, const char* date) {
  std::string out;
  for (const TimeInterval& i : cal.office_intervals(parse_date(date)))
    out += (out.empty() ? "" : " ") + format_clock(i.begin) + "-" + format_clock(i.end);
  return out;
}

TEST(Ramadan, IssueExampleTwoHoursFromThursdayAfternoonOf2025) {
  // Thu 27 March 2025 15:30: the Ramadan office closed at 15:00; Fri 28 March
  // to Mon 7 April are Nyepi, Idulfitri and cuti bersama; Tue 8 April (after
  // Ramadan) opens 07:30, + 120 = 09:30. The normal week leaves 30 minutes on
  // Thursday (until 16:00), so 90 on Tuesday: 09:00.
  const Instant start = test::at("2025-03-27T15:30");
  EXPECT_EQ(test::fmt(with_ramadan().add_working_minutes(start, 120)), "2025-04-08T09:30");
  EXPECT_EQ(test::fmt(shipped_calendar(false).add_working_minutes(start, 120)), "2025-04-08T09:00");
  EXPECT_EQ(test::fmt(with_ramadan().add(start, Duration::parse("2 jam"))), "2025-04-08T09:30");
}

TEST(Ramadan, TheWeekOfPerpres21Of2023Is32AndAHalfHours) {
  EXPECT_EQ(office_of(with_ramadan(), "2024-03-18"), "08:00-12:00 12:30-15:00");  // Monday
  EXPECT_EQ(office_of(with_ramadan(), "2024-03-22"), "08:00-11:30 12:30-15:30");  // Friday
  std::int64_t week = 0;
  for (Date d = parse_date("2024-03-18"); d <= parse_date("2024-03-22"); ++d)
    week += with_ramadan().working_minutes_on(d);
  EXPECT_EQ(week, 32 * 60 + 30);
}

TEST(Ramadan, EachYearRunsFromOneRamadanToTheDayBeforeOneSyawal) {
  // {day before 1 Ramadan, 1 Ramadan, last day of Ramadan (or its last working
  // day), the first working day after}, as the sidang isbat set them.
  struct Year {
    const char *before, *first, *last, *after;
  };
  const Year years[] = {
      {"2023-03-21", "2023-03-24", "2023-04-18", "2023-04-26"},  // 1444 H: 23 Mar - 21 Apr
      {"2024-03-08", "2024-03-13", "2024-04-05", "2024-04-16"},  // 1445 H: 12 Mar - 9 Apr
      {"2025-02-28", "2025-03-03", "2025-03-27", "2025-04-08"},  // 1446 H: 1 - 30 Mar
      {"2026-02-18", "2026-02-19", "2026-03-17", "2026-03-25"},  // 1447 H: 19 Feb - 20 Mar
  };
  for (const Year& y : years) {
    EXPECT_EQ(office_of(with_ramadan(), y.before).substr(0, 5), "07:30") << y.before;
    EXPECT_EQ(office_of(with_ramadan(), y.first).substr(0, 5), "08:00") << y.first;
    EXPECT_EQ(office_of(with_ramadan(), y.last).substr(0, 5), "08:00") << y.last;
    EXPECT_EQ(office_of(with_ramadan(), y.after).substr(0, 5), "07:30") << y.after;
  }
}

TEST(Ramadan, TurnedOffKeepsTheNormalWeek) {
  EXPECT_EQ(office_of(shipped_calendar(false), "2024-03-18"), "07:30-12:00 13:00-16:00");
}

TEST(Ramadan, AFilesOwnPeriodReplacesTheShippedOne) {
  // An agency whose Ramadan week starts a day early and closes at 14:00.
  const std::string own = R"({"format": "sopkit.calendar/1", "coverage": {"from": "2024-01-01",
    "to": "2024-12-31"}, "periods": [{"from": "2024-03-11", "to": "2024-04-09",
    "name": "Jam kerja Ramadan Pemkab", "rule": "ramadan", "optional": true,
    "week": {"mon": {"open": "08:00", "close": "14:00"}, "tue": {"open": "08:00", "close": "14:00"},
             "wed": {"open": "08:00", "close": "14:00"}, "thu": {"open": "08:00", "close": "14:00"},
             "fri": {"open": "08:00", "close": "14:00"}}}]})";
  CalendarSpec spec;
  spec.rules = {kRamadanRule};
  spec.merge(load_calendar_spec(test::data_dir() + "/calendars/id-2024.json"));
  spec.merge(parse_calendar_spec(own, "pemkab.json"));
  const WorkCalendar cal(spec);
  EXPECT_EQ(office_of(cal, "2024-03-18"), "08:00-14:00");
  EXPECT_EQ(spec.periods.size(), 1u);
  EXPECT_EQ(spec.periods[0].name, "Jam kerja Ramadan Pemkab");
  // Periods of the same rule that share no date are all kept (one per year).
  CalendarSpec years;
  for (const char* y : {"2023", "2024"})
    years.merge(load_calendar_spec(test::data_dir() + "/calendars/id-" + y + ".json"));
  EXPECT_EQ(years.periods.size(), 2u);
}

}  // namespace
}  // namespace sopkit

namespace sopkit {
namespace {

// Issue 17 point 7: a coverage error names the caller's own call; C++ keeps its own.
TEST(CoverageAdvice, CxxNamesWorkCalendarIndonesiaAndEachInterfaceSwapsItsOwnIn) {
  const WorkCalendar cal = WorkCalendar::indonesia("id-2024", test::shipped());
  try {
    cal.add_working_minutes(test::at("2024-12-31T08:00"), 100000);
    ADD_FAILURE() << "ran past the coverage";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::out_of_range);
    const std::string what = e.what();
    EXPECT_NE(what.find("(load the years needed, e.g. WorkCalendar::indonesia(2023, 2026))"),
              std::string::npos)
        << what;
    EXPECT_EQ(with_coverage_advice(what, "use X"),
              what.substr(0, what.find("load the years")) + "use X)");
  }
  EXPECT_EQ(with_coverage_advice("no advice here", "use X"), "no advice here");
}

}  // namespace
}  // namespace sopkit
