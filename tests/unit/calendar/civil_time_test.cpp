// Civil dates and instants as plain integers: parsing, formatting, weekdays.
#include <gtest/gtest.h>

#include <limits>

#include "sopkit/calendar.hpp"
#include "sopkit/error.hpp"

namespace sopkit {
namespace {

ErrorCode code_of(void (*fn)()) {
  try {
    fn();
  } catch (const Error& e) {
    return e.code();
  }
  return ErrorCode::internal;
}

TEST(CivilTime, EpochIsDayZeroAndMinuteZero) {
  EXPECT_EQ(parse_date("1970-01-01"), 0);
  EXPECT_EQ(parse_instant("1970-01-01T00:00"), 0);
  EXPECT_EQ(parse_instant("1970-01-02T00:01"), 1441);  // 1440 + 1
}

TEST(CivilTime, KnownDateCounts) {
  // 2000-03-01: 30 years of 365 days + 7 leap days (72..96) + Jan 31 + Feb 29 = 11017.
  EXPECT_EQ(parse_date("2000-03-01"), 11017);
  EXPECT_EQ(parse_date("1969-12-31"), -1);
  EXPECT_EQ(make_date(2024, 4, 10), parse_date("2024-04-10"));
}

TEST(CivilTime, InstantAcceptsTSpaceOrDateAlone) {
  const Instant t = make_instant(2024, 4, 5, 8, 0);
  EXPECT_EQ(parse_instant("2024-04-05T08:00"), t);
  EXPECT_EQ(parse_instant("2024-04-05 08:00"), t);
  EXPECT_EQ(parse_instant("2024-04-05"), t - 8 * 60);  // a date alone is 00:00
}

TEST(CivilTime, InstantReadsTheIndonesianClockWithADot) {
  const Instant t = make_instant(2024, 7, 1, 8, 0);
  EXPECT_EQ(parse_instant("2024-07-01 08.00"), t);
  EXPECT_EQ(parse_instant("2024-07-01T08.00"), t);
  EXPECT_EQ(parse_instant("2024-07-01 08.00:30"), t);
  for (const char* bad : {"2024-07-01 8.00", "2024-07-01 08.5", "2024-07-01 08.60"})
    EXPECT_THROW(parse_instant(bad), Error) << bad;
}

TEST(CivilTime, InstantDropsSecondsAsIsoWritersAddThem) {
  // datetime.isoformat() and spreadsheets write seconds; instants are whole minutes.
  const Instant t = make_instant(2024, 4, 5, 8, 0);
  EXPECT_EQ(parse_instant("2024-04-05T08:00:00"), t);
  EXPECT_EQ(parse_instant("2024-04-05 08:00:59"), t);
  EXPECT_EQ(parse_instant("2024-04-05T08:00:30.123456"), t);
  for (const char* bad :
       {"2024-04-05T08:00:60", "2024-04-05T08:00:5", "2024-04-05T08:00:00.", "2024-04-05T08:00:00Z",
        "2024-04-05T08:00:00.12a", "2024-04-05T24:00:00"}) {
    try {
      parse_instant(bad);
      ADD_FAILURE() << bad << " was accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::parse_error) << bad;
      EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
    }
  }
}

TEST(CivilTime, FormatRoundTripsOverCenturies) {
  for (Date d = make_date(1899, 12, 25); d < make_date(2101, 1, 5); d += 17) {
    EXPECT_EQ(parse_date(format_date(d)), d);
    const Instant t = start_of(d) + (d % 1440 + 1440) % 1440;
    EXPECT_EQ(parse_instant(format_instant(t)), t);
  }
  EXPECT_EQ(format_instant(make_instant(1969, 12, 31, 23, 59)), "1969-12-31T23:59");
}

TEST(CivilTime, WeekdaysOfKnownDates) {
  EXPECT_EQ(weekday_of(0), Weekday::thursday);                          // 1970-01-01
  EXPECT_EQ(weekday_of(parse_date("2024-04-10")), Weekday::wednesday);  // Idul Fitri 1445 H
  EXPECT_EQ(weekday_of(parse_date("2025-08-18")), Weekday::monday);
  EXPECT_EQ(weekday_of(parse_date("1969-12-29")), Weekday::monday);
}

TEST(CivilTime, DateOfFloorsBeforeTheEpoch) {
  EXPECT_EQ(date_of(-1), -1);
  EXPECT_EQ(date_of(-1440), -1);
  EXPECT_EQ(date_of(-1441), -2);
  EXPECT_EQ(date_of(1439), 0);
}

TEST(CivilTime, EveryInt64InstantHasADateAndAText) {
  // Error messages format any instant a caller passes, even INT64_MIN (whose
  // negation overflows) and INT64_MAX.
  const Instant lo = std::numeric_limits<Instant>::min(), hi = std::numeric_limits<Instant>::max();
  EXPECT_EQ(date_of(lo), -6405119470038039);  // floor(lo / 1440)
  EXPECT_EQ(date_of(hi), 6405119470038038);
  EXPECT_EQ(date_of(-1441), -2);
  EXPECT_EQ(format_instant(lo), "instant -9223372036854775808 (minutes since 1970-01-01)");
  EXPECT_EQ(format_instant(hi), "instant 9223372036854775807 (minutes since 1970-01-01)");
  EXPECT_EQ(format_instant(parse_instant("0001-01-01T00:00")), "0001-01-01T00:00");
  EXPECT_EQ(format_instant(parse_instant("9999-12-31T23:59")), "9999-12-31T23:59");
  EXPECT_EQ(format_instant(parse_instant("9999-12-31T23:59") + 1),
            "instant 4223371680 (minutes since 1970-01-01)");
  EXPECT_EQ(format_instant(parse_instant("0001-01-01T00:00") - 1),
            "instant -1035593281 (minutes since 1970-01-01)");
}

TEST(CivilTime, ImpossibleDateIsAParseErrorThatSaysWhy) {
  try {
    parse_instant("2024-02-30T08:00");
    FAIL() << "2024-02-30 parsed";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::parse_error);
    EXPECT_NE(std::string(e.what()).find("February 2024 has 29 days"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(code_of([] { parse_date("2023-02-29"); }), ErrorCode::parse_error);  // not leap
  EXPECT_EQ(parse_date("2024-02-29"), make_date(2024, 2, 29));                   // leap
  EXPECT_EQ(code_of([] { parse_date("2024-13-01"); }), ErrorCode::parse_error);
  EXPECT_EQ(code_of([] { parse_date("2024-4-1"); }), ErrorCode::parse_error);
  EXPECT_EQ(code_of([] { parse_instant("2024-04-05T24:00"); }), ErrorCode::parse_error);
  EXPECT_EQ(code_of([] { parse_instant("2024-04-05T08:60"); }), ErrorCode::parse_error);
  EXPECT_EQ(code_of([] { parse_instant("2024-04-05X08:00"); }), ErrorCode::parse_error);
  EXPECT_EQ(code_of([] { make_date(2024, 2, 30); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([] { make_instant(2024, 2, 3, 24, 0); }), ErrorCode::invalid_argument);
}

TEST(CivilTime, ClockAllowsTwentyFourHundredAsEndOfDay) {
  EXPECT_EQ(parse_clock("07:30"), 450);
  EXPECT_EQ(parse_clock("24:00"), 1440);
  EXPECT_EQ(code_of([] { parse_clock("24:01"); }), ErrorCode::parse_error);
  EXPECT_EQ(code_of([] { parse_clock("7:30"); }), ErrorCode::parse_error);
  EXPECT_EQ(format_clock(450), "07:30");
}

}  // namespace
}  // namespace sopkit
