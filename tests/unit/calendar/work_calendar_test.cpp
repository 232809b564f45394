// The working-time rules of docs/design.md §3 "The working calendar", on the ASN week.
#include <gtest/gtest.h>

#include "sopkit/calendar.hpp"
#include "sopkit/duration.hpp"
#include "unit/calendar/calendar_test_util.hpp"

namespace sopkit {
namespace {

using test::at;
using test::fmt;

class Asn2024 : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    cal_ = new WorkCalendar(WorkCalendar::indonesia("id-2024", test::shipped()));
  }
  static void TearDownTestSuite() { delete cal_; }
  static const WorkCalendar& cal() { return *cal_; }
  static WorkCalendar* cal_;
};
WorkCalendar* Asn2024::cal_ = nullptr;

// ---- office hours ---------------------------------------------------------------

TEST_F(Asn2024, ThursdayOpensAt0730ClosesAt1600WithNoonBreak) {
  EXPECT_FALSE(cal().is_working_time(at("2024-03-07T07:29")));
  EXPECT_TRUE(cal().is_working_time(at("2024-03-07T07:30")));
  EXPECT_TRUE(cal().is_working_time(at("2024-03-07T11:59")));
  EXPECT_FALSE(cal().is_working_time(at("2024-03-07T12:00")));  // break 12:00-13:00
  EXPECT_FALSE(cal().is_working_time(at("2024-03-07T12:59")));
  EXPECT_TRUE(cal().is_working_time(at("2024-03-07T13:00")));
  EXPECT_TRUE(cal().is_working_time(at("2024-03-07T15:59")));
  EXPECT_FALSE(cal().is_working_time(at("2024-03-07T16:00")));
  EXPECT_FALSE(cal().is_working_time(at("2024-03-07T16:15")));  // Thu closes at 16:00
}

TEST_F(Asn2024, FridayBreaksAt1130AndClosesAt1630) {
  EXPECT_TRUE(cal().is_working_time(at("2024-03-08T11:29")));
  EXPECT_FALSE(cal().is_working_time(at("2024-03-08T11:30")));  // Friday prayer break
  EXPECT_FALSE(cal().is_working_time(at("2024-03-08T12:59")));
  EXPECT_TRUE(cal().is_working_time(at("2024-03-08T13:00")));
  EXPECT_TRUE(cal().is_working_time(at("2024-03-08T16:15")));  // Fri works to 16:30
  EXPECT_TRUE(cal().is_working_time(at("2024-03-08T16:29")));
  EXPECT_FALSE(cal().is_working_time(at("2024-03-08T16:30")));
}

TEST_F(Asn2024, WeekendIsNotWorking) {
  EXPECT_FALSE(cal().is_working_time(at("2024-03-09T10:00")));  // Saturday
  EXPECT_FALSE(cal().is_working_time(at("2024-03-10T10:00")));  // Sunday
  EXPECT_FALSE(cal().is_working_day(parse_date("2024-03-09")));
}

TEST_F(Asn2024, AsnWeekIs37AndAHalfHours) {
  // Mon 2024-03-04 .. Fri 03-08, no holiday: 4 × 450 + 450 = 2250 minutes.
  EXPECT_EQ(cal().working_minutes_between(at("2024-03-04T00:00"), at("2024-03-11T00:00")), 2250);
  EXPECT_EQ(cal().working_minutes_on(parse_date("2024-03-04")), 450);  // 8.5 h - 1 h
  EXPECT_EQ(cal().working_minutes_on(parse_date("2024-03-08")), 450);  // 9 h - 1.5 h
}

TEST_F(Asn2024, OfficeIntervalsOfAFriday) {
  const std::vector<TimeInterval> expect{{450, 690}, {780, 990}};  // 07:30-11:30, 13:00-16:30
  EXPECT_EQ(cal().office_intervals(parse_date("2024-03-08")), expect);
  EXPECT_TRUE(cal().office_intervals(parse_date("2024-04-10")).empty());  // Idul Fitri
}

// ---- holidays -------------------------------------------------------------------

TEST_F(Asn2024, LebaranHolidaysAndCutiBersamaAreNotWorking) {
  EXPECT_FALSE(cal().is_working_day(parse_date("2024-04-10")));  // Idul Fitri 1445 H
  EXPECT_FALSE(cal().is_working_day(parse_date("2024-04-08")));  // cuti bersama
  EXPECT_FALSE(cal().is_working_time(at("2024-04-08T09:00")));
  EXPECT_TRUE(cal().is_working_day(parse_date("2024-04-16")));  // back to the office
  const auto h = cal().holiday_on(parse_date("2024-04-08"));
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->kind, HolidayKind::collective_leave);
  EXPECT_NE(h->decree.find("855 Tahun 2023"), std::string::npos) << h->decree;
  EXPECT_FALSE(cal().holiday_on(parse_date("2024-04-16")).has_value());
}

// ---- next working instant --------------------------------------------------------

TEST_F(Asn2024, NextWorkingInstantSkipsBreakEveningAndWeekend) {
  EXPECT_EQ(fmt(cal().next_working_instant(at("2024-03-07T09:00"))), "2024-03-07T09:00");
  EXPECT_EQ(fmt(cal().next_working_instant(at("2024-03-07T12:10"))), "2024-03-07T13:00");
  EXPECT_EQ(fmt(cal().next_working_instant(at("2024-03-07T16:00"))), "2024-03-08T07:30");
  // Fri 16:30 → Mon 03-11 Nyepi, Tue 03-12 cuti bersama → Wed 03-13, in Ramadan
  // 1445 H (12 March - 9 April), so the office opens at 08:00.
  EXPECT_EQ(fmt(cal().next_working_instant(at("2024-03-08T16:30"))), "2024-03-13T08:00");
}

// ---- adding minutes and hours -----------------------------------------------------

TEST_F(Asn2024, MinutesConsumeOfficeTimeAndSkipTheBreak) {
  // Mon 07:30 + 270 min = 12:00 exactly (the earliest instant the work is done).
  EXPECT_EQ(fmt(cal().add_working_minutes(at("2024-03-04T07:30"), 270)), "2024-03-04T12:00");
  // One more minute lands after the break: 13:00 + 1.
  EXPECT_EQ(fmt(cal().add_working_minutes(at("2024-03-04T07:30"), 271)), "2024-03-04T13:01");
  EXPECT_EQ(fmt(cal().add_working_minutes(at("2024-03-04T07:30"), 450)), "2024-03-04T16:00");
  EXPECT_EQ(fmt(cal().add_working_minutes(at("2024-03-04T07:30"), 451)), "2024-03-05T07:31");
}

TEST_F(Asn2024, ZeroMinutesGivesTheStartItself) {
  EXPECT_EQ(fmt(cal().add_working_minutes(at("2024-03-09T10:00"), 0)), "2024-03-09T10:00");
}

TEST_F(Asn2024, MinutesAcrossWeekendAndLebaran) {
  // Fri 04-05 16:00: in Ramadan the office closed at 15:30; Mon 8 cuti, Tue 9 cuti,
  // Wed 10 + Thu 11 Idul Fitri, Fri 12 cuti, weekend, Mon 15 cuti; Tue 04-16 (the
  // normal week again) 07:30 + 60 = 08:30.
  EXPECT_EQ(fmt(cal().add_working_minutes(at("2024-04-05T16:00"), 60)), "2024-04-16T08:30");
}

TEST_F(Asn2024, HoursFromAnEveningStartAtTheNextOpening) {
  // Thu 03-07 20:00 + 3 h: Fri 07:30 + 180 min = 10:30.
  EXPECT_EQ(fmt(cal().add_working_minutes(at("2024-03-07T20:00"), 180)), "2024-03-08T10:30");
}

// ---- adding days ----------------------------------------------------------------

TEST_F(Asn2024, DaysKeepTheClockTime) {
  EXPECT_EQ(fmt(cal().add_working_days(at("2024-03-04T10:15"), 3)), "2024-03-07T10:15");
  // 5 days from Mon 03-04: 05, 06, 07, 08, (11 Nyepi, 12 cuti) 13.
  EXPECT_EQ(fmt(cal().add_working_days(at("2024-03-04T10:15"), 5)), "2024-03-13T10:15");
}

TEST_F(Asn2024, OneDayAcrossLebaran) {
  EXPECT_EQ(fmt(cal().add_working_days(at("2024-04-05T08:00"), 1)), "2024-04-16T08:00");
}

TEST_F(Asn2024, DaysFromOutsideOfficeHoursStartAtTheNextOpening) {
  // Saturday rolls to Mon 03-04 07:30; + 1 day = Tue 07:30.
  EXPECT_EQ(fmt(cal().add_working_days(at("2024-03-02T10:00"), 1)), "2024-03-05T07:30");
  // In the break the next opening is 13:00 the same day.
  EXPECT_EQ(fmt(cal().add_working_days(at("2024-03-04T12:30"), 1)), "2024-03-05T13:00");
  // Zero days gives that opening.
  EXPECT_EQ(fmt(cal().add_working_days(at("2024-03-07T18:00"), 0)), "2024-03-08T07:30");
}

TEST_F(Asn2024, DayLandingAfterClosingIsPulledToClosing) {
  // Fri 03-01 16:15 + 1 day: Mon 03-04 closes at 16:00.
  EXPECT_EQ(fmt(cal().add_working_days(at("2024-03-01T16:15"), 1)), "2024-03-04T16:00");
}

// ---- durations ------------------------------------------------------------------

TEST_F(Asn2024, CompoundDurationAddsDaysThenMinutes) {
  // Mon 03-04 08:00 + 2 hari = Wed 03-06 08:00, + 3 jam = 11:00.
  EXPECT_EQ(fmt(cal().add(at("2024-03-04T08:00"), Duration::parse("2 hari 3 jam"))),
            "2024-03-06T11:00");
}

TEST_F(Asn2024, FractionalDayIsThatShareOfTheConventionDay) {
  // 1,5 hari = 1 day (Tue 08:00) + 0.5 × 450 = 225 min: 08:00 + 225 = 11:45 (before the break).
  EXPECT_EQ(fmt(cal().add(at("2024-03-04T08:00"), Duration::parse("1,5 hari"))),
            "2024-03-05T11:45");
}

TEST_F(Asn2024, WeekIsFiveWorkingDays) {
  // 1 minggu = 5 days: 05, 06, 07, 08, (11, 12 off) 13.
  EXPECT_EQ(fmt(cal().add(at("2024-03-04T08:00"), Duration::parse("1 Minggu"))),
            "2024-03-13T08:00");
}

TEST_F(Asn2024, RangeUsesTheChosenEnd) {
  const Duration d = Duration::parse("1-3 Hari");
  EXPECT_EQ(fmt(cal().add(at("2024-03-04T08:00"), d, DurationEnd::min)), "2024-03-05T08:00");
  EXPECT_EQ(fmt(cal().add(at("2024-03-04T08:00"), d, DurationEnd::max)), "2024-03-07T08:00");
}

TEST_F(Asn2024, SecondsRoundUpToAWholeMinute) {
  // 90 detik = 1.5 min → 2 office minutes: 08:00 + 2 = 08:02.
  EXPECT_EQ(fmt(cal().add(at("2024-03-04T08:00"), Duration::parse("90 detik"))),
            "2024-03-04T08:02");
}

// ---- measuring ------------------------------------------------------------------

TEST_F(Asn2024, MinutesBetweenIsSignedAndSkipsOffTime) {
  EXPECT_EQ(cal().working_minutes_between(at("2024-03-04T07:30"), at("2024-03-05T07:30")), 450);
  EXPECT_EQ(cal().working_minutes_between(at("2024-03-05T07:30"), at("2024-03-04T07:30")), -450);
  // Over Lebaran: Fri 04-05 16:00 (closed since 15:30, Ramadan) → Tue 04-16 08:00 = 0 + 30.
  EXPECT_EQ(cal().working_minutes_between(at("2024-04-05T16:00"), at("2024-04-16T08:00")), 30);
}

TEST_F(Asn2024, DaysBetweenCountsWorkingDatesAfterTheStart) {
  EXPECT_EQ(cal().working_days_between(at("2024-04-05T08:00"), at("2024-04-16T08:00")), 1);
  EXPECT_EQ(cal().working_days_between(at("2024-03-04T10:00"), at("2024-03-13T10:00")), 5);
  EXPECT_EQ(cal().working_days_between(at("2024-03-13T10:00"), at("2024-03-04T10:00")), -5);
}

TEST_F(Asn2024, CopiesShareOneBody) {
  const WorkCalendar copy = cal();
  EXPECT_EQ(&copy.holidays(), &cal().holidays());
  EXPECT_EQ(copy.id(), "id-2024");
}

// ---- calendars built in code ------------------------------------------------------

TEST(WorkCalendarSpec, SpecialWorkingSaturdayIsAnOverride) {
  CalendarSpec spec = test::march_2024_spec();
  DayOverride sat;
  sat.date = parse_date("2024-03-09");  // Saturday
  sat.hours = OfficeHours::from("08:00", "12:00");
  sat.name = "Hari kerja pengganti";
  spec.overrides.push_back(sat);
  const WorkCalendar cal(spec);
  EXPECT_TRUE(cal.is_working_day(parse_date("2024-03-09")));
  EXPECT_EQ(cal.working_minutes_on(parse_date("2024-03-09")), 240);
  // Fri 16:00 + 60: 30 left on Friday, then Saturday 08:00 + 30.
  EXPECT_EQ(fmt(cal.add_working_minutes(at("2024-03-08T16:00"), 60)), "2024-03-09T08:30");
  EXPECT_EQ(fmt(cal.add_working_days(at("2024-03-08T10:00"), 1)), "2024-03-09T10:00");
}

TEST(WorkCalendarSpec, HolidayAddedInCodeClosesTheDay) {
  CalendarSpec spec = test::march_2024_spec();
  spec.holidays.push_back({parse_date("2024-03-05"), "Hari jadi kabupaten", HolidayKind::local,
                           "Perbup No. 1/2024", ""});
  const WorkCalendar cal(spec);
  EXPECT_FALSE(cal.is_working_day(parse_date("2024-03-05")));
  EXPECT_EQ(fmt(cal.add_working_days(at("2024-03-04T09:00"), 1)), "2024-03-06T09:00");
}

TEST(WorkCalendarSpec, CustomWeekReplacesTheAsnWeek) {
  CalendarSpec spec = test::march_2024_spec();
  WeekSchedule six;  // a six-day service week 08:00-14:00 without breaks
  for (std::size_t d = 0; d < 6; ++d) six.days[d] = OfficeHours::from("08:00", "14:00");
  spec.week = six;
  const WorkCalendar cal(spec);
  EXPECT_TRUE(cal.is_working_time(at("2024-03-09T13:59")));   // Saturday
  EXPECT_FALSE(cal.is_working_time(at("2024-03-10T09:00")));  // Sunday
  // Sat 13:00 + 120: 60 on Saturday, Sunday closed, Monday 08:00 + 60.
  EXPECT_EQ(fmt(cal.add_working_minutes(at("2024-03-09T13:00"), 120)), "2024-03-11T09:00");
}

TEST(WorkCalendarSpec, OptionalRamadanHoursApplyOnlyWhenEnabled) {
  CalendarSpec spec = test::march_2024_spec();
  HoursPeriod ramadan;
  ramadan.from = parse_date("2024-03-12");
  ramadan.to = parse_date("2024-03-31");
  ramadan.name = "Jam kerja bulan Ramadan";
  ramadan.rule = "ramadan";
  ramadan.optional = true;
  for (std::size_t d = 0; d < 4; ++d)
    ramadan.week.days[d] = OfficeHours::from("08:00", "15:00", {{"12:00", "12:30"}});
  ramadan.week.days[4] = OfficeHours::from("08:00", "15:30", {{"11:30", "12:30"}});
  spec.periods.push_back(ramadan);
  const WorkCalendar plain(spec);
  EXPECT_TRUE(plain.is_working_time(at("2024-03-13T07:45")));
  spec.rules.push_back("ramadan");
  const WorkCalendar fasting(spec);
  EXPECT_FALSE(fasting.is_working_time(at("2024-03-13T07:45")));
  EXPECT_TRUE(fasting.is_working_time(at("2024-03-13T08:00")));
  EXPECT_EQ(fasting.working_minutes_on(parse_date("2024-03-13")), 390);  // 7 h - 30 min
  EXPECT_EQ(fasting.working_minutes_on(parse_date("2024-03-11")), 450);  // before the period
}

TEST(WorkCalendarSpec, MergingAWeekFileWithHolidayFiles) {
  CalendarSpec spec;
  spec.week = WeekSchedule::asn_five_day();
  spec.merge(load_calendar_spec(test::data_dir() + "/calendars/id-2023.json"));
  spec.merge(load_calendar_spec(test::data_dir() + "/calendars/id-2024.json"));
  const WorkCalendar cal(spec);
  EXPECT_EQ(format_date(cal.first_date()), "2023-01-01");
  EXPECT_EQ(format_date(cal.last_date()), "2024-12-31");
  // Fri 2023-12-22 10:00 + 1 day: Mon 25 Natal, Tue 26 cuti bersama → Wed 27.
  EXPECT_EQ(fmt(cal.add_working_days(at("2023-12-22T10:00"), 1)), "2023-12-27T10:00");
}

}  // namespace
}  // namespace sopkit

namespace sopkit {
namespace {

// The documented file format, every section at once (docs/calendar.md).
constexpr const char* kAgencyFile = R"({
  "format": "sopkit.calendar/1",
  "id": "pemkab-2024-03",
  "coverage": {"from": "2024-03-01", "to": "2024-03-31"},
  "decrees": {"perbup": "Peraturan Bupati Nomor 7 Tahun 2024"},
  "week": {
    "mon": {"open": "07:30", "close": "16:00", "breaks": [["12:00", "13:00"]]},
    "tue": {"open": "07:30", "close": "16:00", "breaks": [["12:00", "13:00"]]},
    "wed": {"open": "07:30", "close": "16:00", "breaks": [["12:00", "13:00"]]},
    "thu": {"open": "07:30", "close": "16:00", "breaks": [["12:00", "13:00"]]},
    "fri": {"open": "07:30", "close": "16:30", "breaks": [["11:30", "13:00"]]},
    "sat": null
  },
  "holidays": [
    {"date": "2024-03-11", "name": "Hari Suci Nyepi", "kind": "holiday", "decree": "SKB 855/2023"},
    {"date": "2024-03-12", "name": "Cuti bersama Nyepi", "kind": "cuti_bersama", "decree": "SKB 855/2023"}
  ],
  "overrides": [
    {"date": "2024-03-16", "name": "Hari kerja pengganti", "decree": "perbup",
     "hours": {"open": "08:00", "close": "12:00"}}
  ],
  "periods": [
    {"from": "2024-03-18", "to": "2024-03-31", "name": "Jam kerja Ramadan", "rule": "ramadan",
     "optional": true, "decree": "perbup",
     "week": {"mon": {"open": "08:00", "close": "15:00", "breaks": [["12:00", "12:30"]]}}}
  ]
})";

TEST(CalendarFile, EverySectionOfTheFormatIsRead) {
  const CalendarSpec spec = parse_calendar_spec(kAgencyFile, "agency.json");
  EXPECT_EQ(spec.holidays.size(), 2u);
  EXPECT_EQ(spec.holidays[1].kind, HolidayKind::collective_leave);
  EXPECT_EQ(spec.overrides.at(0).decree, "Peraturan Bupati Nomor 7 Tahun 2024");  // by key
  EXPECT_EQ(spec.holidays[0].origin, "agency.json:/holidays/0");
  const WorkCalendar cal(spec);
  EXPECT_EQ(cal.id(), "pemkab-2024-03");
  EXPECT_FALSE(cal.is_working_day(parse_date("2024-03-12")));
  EXPECT_EQ(cal.working_minutes_on(parse_date("2024-03-16")), 240);  // the special Saturday
  // Sat 13:00 is past that day's 12:00 closing, so the start first rolls to the next
  // opening (Mon 03-18 07:30); + 1 day = Tue 07:30.
  EXPECT_EQ(test::fmt(cal.add_working_days(test::at("2024-03-16T13:00"), 1)), "2024-03-19T07:30");
  // A Friday 13:00 + 1 day lands on the special Saturday, pulled to its 12:00 closing.
  EXPECT_EQ(test::fmt(cal.add_working_days(test::at("2024-03-15T13:00"), 1)), "2024-03-16T12:00");
  EXPECT_EQ(cal.working_minutes_on(parse_date("2024-03-18")), 450);  // rule not enabled

  CalendarSpec with_rule = spec;
  with_rule.rules.push_back("ramadan");
  const WorkCalendar fasting(with_rule);
  EXPECT_EQ(fasting.working_minutes_on(parse_date("2024-03-18")), 390);  // 08:00-15:00 - 30
  EXPECT_EQ(fasting.working_minutes_on(parse_date("2024-03-19")), 0);    // period week: Mon only
}

}  // namespace
}  // namespace sopkit
