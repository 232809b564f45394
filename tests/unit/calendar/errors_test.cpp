// Bad input gives a clear sopkit::Error with its location, never a hang or a
// wrong date.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <limits>
#include <string>

#include "sopkit/calendar.hpp"
#include "unit/calendar/calendar_test_util.hpp"

namespace sopkit {
namespace {

using test::error_of;

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// A one-month calendar file with the given holidays array.
std::string calendar_json(const std::string& holidays, const std::string& extra = "") {
  return R"({"format": "sopkit.calendar/1", "id": "t",
             "coverage": {"from": "2024-02-01", "to": "2024-02-29"}, )" +
         extra + R"("holidays": )" + holidays + "}";
}

TEST(CalendarErrors, WeekWithNoOfficeHoursIsRejectedBeforeAnyAddingCouldLoop) {
  CalendarSpec spec = test::march_2024_spec();
  spec.week = WeekSchedule{};  // all days closed
  const Error e = error_of([&] { WorkCalendar{spec}; });
  EXPECT_EQ(e.code(), ErrorCode::validation_failed);
  EXPECT_TRUE(contains(e.what(), "no office hours")) << e.what();
}

TEST(CalendarErrors, AConventionNoOfficeCouldHaveIsRejected) {
  CalendarSpec spec = test::march_2024_spec();
  spec.convention.days_per_week = 8;
  const Error e = error_of([&] { WorkCalendar{spec}; });
  EXPECT_EQ(e.code(), ErrorCode::invalid_argument);
  EXPECT_TRUE(contains(e.what(), "days_per_week is 8")) << e.what();
}

TEST(CalendarErrors, CoverageWithNoWorkingTimeIsRejected) {
  CalendarSpec spec;
  spec.from = parse_date("2024-03-09");  // Saturday
  spec.to = parse_date("2024-03-10");    // Sunday
  const Error e = error_of([&] { WorkCalendar{spec}; });
  EXPECT_EQ(e.code(), ErrorCode::validation_failed);
  EXPECT_TRUE(contains(e.what(), "no working time")) << e.what();
}

TEST(CalendarErrors, OverlappingBreaksAreRejected) {
  CalendarSpec spec = test::march_2024_spec();
  WeekSchedule w = WeekSchedule::asn_five_day();
  w.days[0] = OfficeHours::from("07:30", "16:00", {{"12:00", "13:00"}, {"12:30", "13:30"}});
  spec.week = w;
  const Error e = error_of([&] { WorkCalendar{spec}; });
  EXPECT_EQ(e.code(), ErrorCode::validation_failed);
  EXPECT_TRUE(contains(e.what(), "overlap")) << e.what();
  EXPECT_TRUE(contains(e.what(), "mon")) << e.what();
}

TEST(CalendarErrors, HoursRunningBackwardsAreRejected) {
  CalendarSpec spec = test::march_2024_spec();
  WeekSchedule w = WeekSchedule::asn_five_day();
  w.days[2].open = 16 * 60;
  w.days[2].close = 7 * 60 + 30;
  w.days[2].breaks.clear();
  spec.week = w;
  const Error e = error_of([&] { WorkCalendar{spec}; });
  EXPECT_EQ(e.code(), ErrorCode::validation_failed);
  EXPECT_TRUE(contains(e.what(), "backwards")) << e.what();
}

TEST(CalendarErrors, HoursOutsideTheDayAreRejected) {
  CalendarSpec spec = test::march_2024_spec();
  WeekSchedule w = WeekSchedule::asn_five_day();
  w.days[1].close = 1500;  // 25:00
  spec.week = w;
  EXPECT_EQ(error_of([&] { WorkCalendar{spec}; }).code(), ErrorCode::validation_failed);
}

TEST(CalendarErrors, BreakOutsideOfficeHoursIsRejected) {
  CalendarSpec spec = test::march_2024_spec();
  WeekSchedule w = WeekSchedule::asn_five_day();
  w.days[3] = OfficeHours::from("07:30", "16:00", {{"15:30", "16:30"}});
  spec.week = w;
  EXPECT_EQ(error_of([&] { WorkCalendar{spec}; }).code(), ErrorCode::validation_failed);
}

TEST(CalendarErrors, InvalidDateInAFileNamesTheJsonPointer) {
  const Error e = error_of([] {
    parse_calendar_spec(calendar_json(R"([{"date": "2024-02-30", "name": "x"}])"), "f.json");
  });
  EXPECT_EQ(e.code(), ErrorCode::format_error);
  EXPECT_EQ(e.where(), "f.json:/holidays/0/date");
  EXPECT_TRUE(contains(e.what(), "February 2024 has 29 days")) << e.what();
}

TEST(CalendarErrors, DuplicateHolidayNamesBothEntries) {
  const CalendarSpec spec =
      parse_calendar_spec(calendar_json(R"([{"date": "2024-02-08", "name": "Isra Mikraj"},
                        {"date": "2024-02-08", "name": "again"}])"),
                          "f.json");
  const Error e = error_of([&] { WorkCalendar{spec}; });
  EXPECT_EQ(e.code(), ErrorCode::validation_failed);
  EXPECT_EQ(e.where(), "f.json:/holidays/1");
  EXPECT_TRUE(contains(e.what(), "f.json:/holidays/0")) << e.what();
}

TEST(CalendarErrors, HolidayOutsideItsCoverageIsRejected) {
  const CalendarSpec spec =
      parse_calendar_spec(calendar_json(R"([{"date": "2024-03-11", "name": "Nyepi"}])"), "f.json");
  const Error e = error_of([&] { WorkCalendar{spec}; });
  EXPECT_EQ(e.code(), ErrorCode::validation_failed);
  EXPECT_EQ(e.where(), "f.json:/holidays/0");
}

TEST(CalendarErrors, UnknownKeyAndBadKindAreFormatErrors) {
  Error e = error_of([] {
    parse_calendar_spec(calendar_json(R"([{"dat": "2024-02-08", "name": "x"}])"), "f.json");
  });
  EXPECT_EQ(e.code(), ErrorCode::format_error);
  EXPECT_EQ(e.where(), "f.json:/holidays/0/dat");
  EXPECT_EQ(e.message(), "unknown key \"dat\" (known keys: date, name, kind, decree, note)");
  e = error_of([] {
    parse_calendar_spec(calendar_json(R"([{"date": "2024-02-08", "name": "x", "kind": "libur"}])"),
                        "f.json");
  });
  EXPECT_EQ(e.where(), "f.json:/holidays/0/kind");
}

TEST(CalendarErrors, WrongFormatTagAndMalformedJson) {
  Error e = error_of([] { parse_calendar_spec(R"({"format": "sopkit.sop/1"})", "f.json"); });
  EXPECT_EQ(e.code(), ErrorCode::format_error);
  EXPECT_EQ(e.where(), "f.json:/format");
  e = error_of([] { parse_calendar_spec("{\n  \"format\": ,\n}", "f.json"); });
  EXPECT_EQ(e.code(), ErrorCode::parse_error);
  EXPECT_EQ(e.where().rfind("f.json:2:", 0), 0u) << e.where();
}

TEST(CalendarErrors, DecreeKeysAreEscapedInThePointer) {
  // '/' in a decree's key is written ~1 (RFC 6901): the pointer names that
  // decree, not a member of a decree "perbup".
  const Error e = error_of([] {
    parse_calendar_spec(calendar_json("[]", R"("decrees": {"perbup/7": 7}, )"), "f.json");
  });
  EXPECT_EQ(e.code(), ErrorCode::format_error);
  EXPECT_EQ(e.where(), "f.json:/decrees/perbup~17");
}

TEST(CalendarErrors, ABreakIsTwoClockTimes) {
  const Error e = error_of([] {
    parse_calendar_spec(calendar_json("[]", R"("week": {"mon": {"open": "07:30", "close": "16:00",
                                  "breaks": [["12:00", "13:00", "x"]]}}, )"),
                        "f.json");
  });
  EXPECT_EQ(e.where(), "f.json:/week/mon/breaks/0");
  EXPECT_TRUE(contains(e.what(), "a break is")) << e.what();
}

TEST(CalendarErrors, OverlappingOfficeHoursInAFileNameTheWeekDay) {
  const CalendarSpec spec =
      parse_calendar_spec(calendar_json("[]", R"("week": {"mon": {"open": "07:30", "close": "16:00",
                                  "breaks": [["12:00", "13:00"], ["12:30", "12:45"]]}}, )"),
                          "f.json");
  const Error e = error_of([&] { WorkCalendar{spec}; });
  EXPECT_EQ(e.code(), ErrorCode::validation_failed);
  EXPECT_EQ(e.where(), "f.json:/week/mon");
}

TEST(CalendarErrors, StartBeforeTheDataBeginsIsOutOfRange) {
  const WorkCalendar cal = WorkCalendar::indonesia("id-2024", test::shipped());
  const Instant before = test::at("2023-12-31T10:00");
  EXPECT_EQ(error_of([&] { cal.add_working_minutes(before, 10); }).code(), ErrorCode::out_of_range);
  EXPECT_EQ(error_of([&] { cal.add_working_days(before, 1); }).code(), ErrorCode::out_of_range);
  EXPECT_EQ(error_of([&] { cal.is_working_time(before); }).code(), ErrorCode::out_of_range);
  EXPECT_EQ(error_of([&] { cal.working_minutes_between(before, test::at("2024-01-05")); }).code(),
            ErrorCode::out_of_range);
  const Error e = error_of([&] { cal.add_working_minutes(before, 10); });
  EXPECT_TRUE(contains(e.what(), "before the calendar's data begins")) << e.what();
}

TEST(CalendarErrors, AdditionRunningPastTheEndIsOutOfRange) {
  const WorkCalendar cal = WorkCalendar::indonesia("id-2024", test::shipped());
  const Instant late = test::at("2024-12-30T08:00");  // Monday; 31 Dec is the last working day
  EXPECT_EQ(test::fmt(cal.add_working_days(late, 1)), "2024-12-31T08:00");
  EXPECT_EQ(error_of([&] { cal.add_working_days(late, 2); }).code(), ErrorCode::out_of_range);
  EXPECT_EQ(error_of([&] { cal.add_working_minutes(late, 450 * 3); }).code(),
            ErrorCode::out_of_range);
  EXPECT_EQ(error_of([&] { cal.next_working_instant(test::at("2024-12-31T17:00")); }).code(),
            ErrorCode::out_of_range);
}

TEST(CalendarErrors, HugeAmountsAreOutOfRangeNotOverflow) {
  const WorkCalendar cal = WorkCalendar::indonesia("id-2024", test::shipped());
  const Instant t = test::at("2024-03-04T08:00");
  const std::int64_t huge = std::numeric_limits<std::int64_t>::max();
  EXPECT_EQ(error_of([&] { cal.add_working_minutes(t, huge); }).code(), ErrorCode::out_of_range);
  EXPECT_EQ(error_of([&] { cal.add_working_days(t, huge); }).code(), ErrorCode::out_of_range);
}

TEST(CalendarErrors, ExtremeInstantsAroundACoverageBefore1970AreOutOfRange) {
  // A coverage before 1970 has a negative base instant: t - base for t near
  // INT64_MAX overflowed a signed subtraction (UBSan, through fuzz_capi).
  CalendarSpec spec;
  spec.id = "1960";
  spec.from = parse_date("1960-01-01");
  spec.to = parse_date("1960-12-31");
  const WorkCalendar cal{spec};
  const Instant hi = std::numeric_limits<Instant>::max();
  const Instant lo = std::numeric_limits<Instant>::min();
  for (const Instant t : {hi, lo}) {
    EXPECT_EQ(error_of([&] { cal.add_working_minutes(t, 5); }).code(), ErrorCode::out_of_range);
    EXPECT_EQ(error_of([&] { cal.add_working_days(t, 1); }).code(), ErrorCode::out_of_range);
    std::int64_t five = 5;
    Instant out = 0;
    EXPECT_EQ(error_of([&] { cal.add_working_minutes(&t, &five, &out, 1); }).code(),
              ErrorCode::out_of_range);
    EXPECT_EQ(error_of([&] { cal.add_working_days(&t, &five, &out, 1); }).code(),
              ErrorCode::out_of_range);
  }
  // Inside, the same calendar works (4 January 1960 was a Monday).
  EXPECT_EQ(test::fmt(cal.add_working_minutes(test::at("1960-01-04T08:00"), 30)),
            "1960-01-04T08:30");
}

TEST(CalendarErrors, BulkNamesTheBadElement) {
  const WorkCalendar cal = WorkCalendar::indonesia("id-2024", test::shipped());
  const Instant start[3] = {test::at("2024-03-04T08:00"), test::at("2024-03-04T08:00"),
                            test::at("2024-12-30T08:00")};
  const std::int64_t days[3] = {1, 2, 5};
  Instant out[3];
  const Error e = error_of([&] { cal.add_working_days(start, days, out, 3); });
  EXPECT_EQ(e.code(), ErrorCode::out_of_range);
  EXPECT_EQ(e.where(), "element 2");
  EXPECT_EQ(test::fmt(out[1]), "2024-03-06T08:00");  // elements before it are done
}

TEST(CalendarErrors, BulkBetweenNamesTheInstantOutsideTheCoverage) {
  const WorkCalendar cal = WorkCalendar::indonesia("id-2024", test::shipped());
  const std::int64_t min = std::numeric_limits<std::int64_t>::min();
  const Instant a[4] = {test::at("2024-03-04T08:00"), test::at("2024-03-04T08:00"),
                        test::at("2024-03-04T08:00"), min};
  const Instant b[4] = {test::at("2024-03-05T08:00"), test::at("2025-01-02T08:00"),
                        test::at("2023-12-31T23:59"), test::at("2024-03-04T08:00")};
  std::int64_t out[4] = {-1, -1, -1, -1};
  Error e = error_of([&] { cal.working_minutes_between(a, b, out, 4); });
  EXPECT_EQ(e.code(), ErrorCode::out_of_range);
  EXPECT_EQ(e.where(), "element 1");
  EXPECT_EQ(out[0], 450);  // elements before it are done
  e = error_of([&] { cal.working_minutes_between(a + 2, b + 2, out, 1); });
  EXPECT_TRUE(contains(e.what(), "before the calendar's data begins")) << e.what();
  e = error_of([&] { cal.working_minutes_between(a + 3, b + 3, out, 1); });
  EXPECT_EQ(e.where(), "element 0");
  // The end of the coverage itself is a valid bound, as for the scalar form.
  const Instant end = test::at("2025-01-01T00:00");
  cal.working_minutes_between(a, &end, out, 1);
  EXPECT_EQ(out[0], cal.working_minutes_between(a[0], end));
}

TEST(CalendarErrors, NegativeAmountsAreInvalidArguments) {
  const WorkCalendar cal = WorkCalendar::indonesia("id-2024", test::shipped());
  EXPECT_EQ(error_of([&] { cal.add_working_minutes(test::at("2024-03-04T08:00"), -1); }).code(),
            ErrorCode::invalid_argument);
  EXPECT_EQ(error_of([&] { cal.add_working_days(test::at("2024-03-04T08:00"), -1); }).code(),
            ErrorCode::invalid_argument);
}

TEST(CalendarErrors, UnknownCalendarIdIsNotFound) {
  Error e = error_of([] { WorkCalendar::indonesia("id-1999", test::shipped()); });
  EXPECT_EQ(e.code(), ErrorCode::not_found);
  EXPECT_TRUE(contains(e.what(), "id-2024")) << e.what();  // lists what is shipped
  e = error_of([] { WorkCalendar::indonesia("../secrets", test::shipped()); });
  EXPECT_EQ(e.code(), ErrorCode::not_found);
  EXPECT_EQ(error_of([] { WorkCalendar::indonesia(2022, 2024, test::shipped()); }).code(),
            ErrorCode::not_found);
}

TEST(CalendarErrors, UnreadableFileIsAnIoError) {
  const Error e = error_of([] { load_calendar_spec("/nonexistent/dir/cal.json"); });
  EXPECT_EQ(e.code(), ErrorCode::io_error);
  EXPECT_EQ(e.where(), "/nonexistent/dir/cal.json");
  // A directory where a file should be cannot be read either.
  EXPECT_EQ(error_of([] { WorkCalendar::from_file(test::data_dir()); }).code(),
            ErrorCode::io_error);
}

TEST(CalendarErrors, MergingYearsWithAGapIsRejected) {
  CalendarSpec spec = load_calendar_spec(test::data_dir() + "/calendars/id-2023.json");
  const Error e = error_of(
      [&] { spec.merge(load_calendar_spec(test::data_dir() + "/calendars/id-2025.json")); });
  EXPECT_EQ(e.code(), ErrorCode::validation_failed);
  EXPECT_TRUE(contains(e.what(), "gap")) << e.what();
}

TEST(CalendarErrors, TwoDifferentWeeksAreRejected) {
  CalendarSpec spec = test::march_2024_spec();
  spec.week = WeekSchedule::asn_five_day();
  CalendarSpec other = test::march_2024_spec();
  WeekSchedule six = WeekSchedule::asn_five_day();
  six.days[5] = OfficeHours::from("08:00", "12:00");
  other.week = six;
  EXPECT_EQ(error_of([&] { spec.merge(other); }).code(), ErrorCode::validation_failed);
  other.week = WeekSchedule::asn_five_day();  // the same week twice is fine
  spec.merge(other);
  EXPECT_TRUE(spec.week.has_value());
}

TEST(CalendarErrors, OverlappingActivePeriodsAreRejected) {
  CalendarSpec spec = test::march_2024_spec();
  HoursPeriod a;
  a.from = parse_date("2024-03-04");
  a.to = parse_date("2024-03-15");
  a.week = WeekSchedule::asn_five_day();
  a.name = "a";
  HoursPeriod b = a;
  b.from = parse_date("2024-03-15");
  b.to = parse_date("2024-03-20");
  b.name = "b";
  spec.periods = {a, b};
  const Error e = error_of([&] { WorkCalendar{spec}; });
  EXPECT_EQ(e.code(), ErrorCode::validation_failed);
  EXPECT_TRUE(contains(e.what(), "overlaps")) << e.what();
  spec.periods[1].optional = true;  // a disabled optional period does not count
  spec.periods[1].rule = "ramadan";
  EXPECT_NO_THROW(WorkCalendar{spec});
}

TEST(CalendarErrors, OverrideOutsideTheCoverageIsRejected) {
  CalendarSpec spec = test::march_2024_spec();
  DayOverride o;
  o.date = parse_date("2024-04-06");
  o.hours = OfficeHours::from("08:00", "12:00");
  spec.overrides.push_back(o);
  EXPECT_EQ(error_of([&] { WorkCalendar{spec}; }).code(), ErrorCode::validation_failed);
}

TEST(CalendarErrors, SpecWithoutCoverageIsRejected) {
  EXPECT_EQ(error_of([] { WorkCalendar{CalendarSpec{}}; }).code(), ErrorCode::validation_failed);
}

}  // namespace
}  // namespace sopkit
