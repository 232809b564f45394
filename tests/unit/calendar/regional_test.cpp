// Calendars for real offices: a region's own holidays added on top of the
// shipped national data, the days off of a range, and working days between dates.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sopkit/calendar.hpp"
#include "sopkit/error.hpp"
#include "unit/calendar/calendar_test_util.hpp"

namespace sopkit {
namespace {

const std::string kRegionalFile =
    std::string(SOPKIT_SOURCE_DIR) + "/examples/calendar-libur-daerah-2024.json";

WorkCalendar national_2024() {
  return WorkCalendar::indonesia(2024, 2024, test::shipped());
}

WorkCalendar with_region(const std::string& path = kRegionalFile) {
  CalendarOptions o = test::shipped();
  o.regional_files = {path};
  return WorkCalendar::indonesia(2024, 2024, o);
}

CalendarSpec region_of(const std::string& entries) {
  return parse_calendar_spec(
      R"({"format": "sopkit.calendar/1", "coverage": {"from": "2023-01-01", "to": "2025-12-31"},)" +
          entries + "}",
      "region.json");
}

// Working days of [from, to) counted one date at a time.
std::int64_t walk(const WorkCalendar& cal, Date from, Date to) {
  std::int64_t n = 0;
  for (Date d = std::min(from, to); d < std::max(from, to); ++d) n += cal.is_working_day(d);
  return to < from ? -n : n;
}

TEST(Regional, ARegionalHolidayClosesTheOfficeAndIsListedAsLocal) {
  const Date day = parse_date("2024-02-26");  // a Monday
  EXPECT_TRUE(national_2024().is_working_day(day));
  const WorkCalendar cal = with_region();
  EXPECT_FALSE(cal.is_working_day(day));
  const std::optional<Holiday> h = cal.holiday_on(day);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->name, "Hari Jadi Kabupaten (contoh)");
  EXPECT_EQ(h->kind, HolidayKind::local);
  EXPECT_EQ(h->decree, "Keputusan Bupati (contoh) tentang hari libur daerah Tahun 2024");
  EXPECT_EQ(cal.count_working_days(parse_date("2024-01-01"), parse_date("2025-01-01")),
            national_2024().count_working_days(parse_date("2024-01-01"), parse_date("2025-01-01")) -
                2);  // 26 Feb and 9 Sep; 17 Aug 2024 is a Saturday and a national holiday
}

TEST(Regional, ADateThatIsBothKeepsTheNationalEntry) {
  const WorkCalendar cal = with_region();
  const Date day = parse_date("2024-08-17");
  std::size_t entries = 0;
  for (const Holiday& h : cal.holidays()) entries += h.date == day;
  EXPECT_EQ(entries, 1u);
  EXPECT_EQ(cal.holiday_on(day)->kind, HolidayKind::holiday);
  EXPECT_EQ(cal.holiday_on(day)->decree.rfind("Keputusan Bersama", 0), 0u)
      << cal.holiday_on(day)->decree;
  EXPECT_EQ(cal.holidays().size(), national_2024().holidays().size() + 2);
}

TEST(Regional, OfficeHoursOnANationalHolidayAreRefusedNamingBoth) {
  CalendarSpec spec;
  spec.merge(load_calendar_spec(test::data_dir() + "/calendars/id-2024.json"));
  spec.add_regional(region_of(
      R"("overrides": [{"date": "2024-04-10", "name": "Apel", "hours": {"open": "07:30", "close": "12:00"}}])"));
  const Error e = test::error_of([&] { WorkCalendar{spec}; });
  EXPECT_EQ(e.code(), ErrorCode::validation_failed);
  EXPECT_EQ(e.where(), "region.json:/overrides/0");
  EXPECT_NE(std::string(e.what()).find("2024-04-10 is given twice (also at "), std::string::npos)
      << e.what();
  EXPECT_NE(std::string(e.what()).find("id-2024.json:/holidays/"), std::string::npos) << e.what();
}

TEST(Regional, EntriesOutsideTheNationalCoverageAreLeftOutAndTheCoverageKept) {
  CalendarSpec spec;
  spec.merge(load_calendar_spec(test::data_dir() + "/calendars/id-2024.json"));
  const std::size_t national = spec.holidays.size();
  spec.add_regional(region_of(
      R"("holidays": [{"date": "2023-02-27", "name": "a"}, {"date": "2024-02-26", "name": "b"},
                      {"date": "2025-02-26", "name": "c"}])"));
  EXPECT_EQ(spec.holidays.size(), national + 1);
  const WorkCalendar cal(spec);
  EXPECT_EQ(format_date(cal.first_date()), "2024-01-01");
  EXPECT_EQ(format_date(cal.last_date()), "2024-12-31");
}

TEST(Regional, ADateGivenTwiceInsideTheRegionalFileIsStillRefused) {
  CalendarSpec spec;
  spec.merge(load_calendar_spec(test::data_dir() + "/calendars/id-2024.json"));
  spec.add_regional(region_of(
      R"("holidays": [{"date": "2024-02-26", "name": "a"}, {"date": "2024-02-26", "name": "b"}])"));
  const Error e = test::error_of([&] { WorkCalendar{spec}; });
  EXPECT_EQ(e.code(), ErrorCode::validation_failed);
  EXPECT_EQ(e.where(), "region.json:/holidays/1");
}

TEST(HolidaysBetween, ListsTheDaysOffOfAHalfOpenRangeInDateOrder) {
  const WorkCalendar cal = national_2024();
  const std::vector<Holiday> april =
      cal.holidays_between(parse_date("2024-04-01"), parse_date("2024-05-01"));
  std::vector<std::string> got;
  for (const Holiday& h : april)
    got.push_back(format_date(h.date) + " " + holiday_kind_name(h.kind));
  EXPECT_EQ(got, (std::vector<std::string>{"2024-04-08 cuti_bersama", "2024-04-09 cuti_bersama",
                                           "2024-04-10 holiday", "2024-04-11 holiday",
                                           "2024-04-12 cuti_bersama", "2024-04-15 cuti_bersama"}));
  EXPECT_EQ(cal.holidays_between(parse_date("2024-04-08"), parse_date("2024-04-10")).size(), 2u);
  EXPECT_TRUE(cal.holidays_between(parse_date("2024-04-08"), parse_date("2024-04-08")).empty());
  EXPECT_EQ(cal.holidays_between(parse_date("2024-01-01"), parse_date("2025-01-01")).size(),
            cal.holidays().size());
}

TEST(HolidaysBetween, RefusesABackwardRangeAndDatesOutsideTheCoverage) {
  const WorkCalendar cal = national_2024();
  EXPECT_EQ(test::error_of([&] {
              cal.holidays_between(parse_date("2024-05-01"), parse_date("2024-04-01"));
            }).code(),
            ErrorCode::invalid_argument);
  const Error e = test::error_of(
      [&] { cal.holidays_between(parse_date("2024-12-01"), parse_date("2025-01-02")); });
  EXPECT_EQ(e.code(), ErrorCode::out_of_range);
  EXPECT_NE(std::string(e.what()).find("2025-01-02 is outside the calendar's data"),
            std::string::npos)
      << e.what();
}

TEST(HolidaysBetween, JsonNamesTheKindsAndTheRange) {
  const std::string json =
      holidays_to_json(with_region(), parse_date("2024-02-01"), parse_date("2024-03-01"));
  EXPECT_NE(json.find(R"("format": "sopkit.holidays/1")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("kind": "local")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("to": "2024-03-01")"), std::string::npos) << json;
}

TEST(CountWorkingDays, AprilTwentyTwentyFourHasSixteen) {
  // 22 weekdays; 8-12 and 15 April are Idulfitri and its cuti bersama.
  const WorkCalendar cal = national_2024();
  const Date from = parse_date("2024-04-01"), to = parse_date("2024-05-01");
  EXPECT_EQ(cal.count_working_days(from, to), 16);
  EXPECT_EQ(cal.count_working_days(to, from), -16);
  EXPECT_EQ(cal.count_working_days(from, from), 0);
  EXPECT_EQ(cal.count_working_days(parse_date("2024-04-06"), parse_date("2024-04-16")), 0);
  EXPECT_EQ(cal.count_working_days(parse_date("2024-04-05"), parse_date("2024-04-17")), 2);
}

TEST(CountWorkingDays, AgreesWithADayByDayWalkAndAddsUp) {
  const WorkCalendar cal = with_region();
  const Date first = cal.first_date(), end = cal.last_date() + 1;
  for (Date a = first; a <= end; a += 17)
    for (Date b = first; b <= end; b += 23) {
      ASSERT_EQ(cal.count_working_days(a, b), walk(cal, a, b))
          << format_date(a) << " " << format_date(b);
      ASSERT_EQ(cal.count_working_days(a, b) + cal.count_working_days(b, end),
                cal.count_working_days(a, end));
    }
}

TEST(CountWorkingDays, TheEndMayBeTheDayAfterTheCoverageButNoFurther) {
  const WorkCalendar cal = national_2024();
  EXPECT_EQ(cal.count_working_days(parse_date("2024-12-30"), parse_date("2025-01-01")),
            2);  // Mon 30, Tue 31 Dec
  const Error e = test::error_of(
      [&] { cal.count_working_days(parse_date("2024-12-30"), parse_date("2025-01-02")); });
  EXPECT_EQ(e.code(), ErrorCode::out_of_range);
  EXPECT_EQ(test::error_of([&] { cal.count_working_days(parse_date("2023-12-31"), 0); }).code(),
            ErrorCode::out_of_range);
  EXPECT_EQ(test::error_of([&] { cal.count_working_days(INT64_MIN, INT64_MAX); }).code(),
            ErrorCode::out_of_range);
}

TEST(CountWorkingDays, BulkIsTheScalarAndNamesTheFirstBadElement) {
  const WorkCalendar cal = national_2024();
  std::vector<Date> from, to;
  for (Date d = cal.first_date(); d <= cal.last_date(); d += 5) {
    from.push_back(d);
    to.push_back(cal.last_date() + 1 - (d - cal.first_date()) / 2);
  }
  std::vector<std::int64_t> out(from.size());
  cal.count_working_days(from.data(), to.data(), out.data(), out.size());
  for (std::size_t i = 0; i < out.size(); ++i)
    ASSERT_EQ(out[i], cal.count_working_days(from[i], to[i])) << i;
  to[3] = INT64_MAX;
  const Error e = test::error_of(
      [&] { cal.count_working_days(from.data(), to.data(), out.data(), out.size()); });
  EXPECT_EQ(e.code(), ErrorCode::out_of_range);
  EXPECT_EQ(e.where(), "element 3");
  // out aliasing an input
  std::vector<std::int64_t> a = {cal.first_date()}, b = {cal.last_date() + 1};
  cal.count_working_days(a.data(), b.data(), a.data(), 1);
  EXPECT_EQ(a[0], cal.count_working_days(cal.first_date(), cal.last_date() + 1));
}

}  // namespace
}  // namespace sopkit
