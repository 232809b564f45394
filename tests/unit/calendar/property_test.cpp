// Properties over many random instants (fixed seeds): adding and measuring
// agree with each other, with a day-by-day reference walk, and bulk == scalar.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "sopkit/calendar.hpp"
#include "unit/calendar/calendar_test_util.hpp"

namespace sopkit {
namespace {

class CalendarProperty : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    cal_ = new WorkCalendar(WorkCalendar::indonesia(2023, 2026, test::shipped()));
  }
  static void TearDownTestSuite() { delete cal_; }
  static const WorkCalendar& cal() { return *cal_; }
  static WorkCalendar* cal_;

  // Instants uniform over 2023-01-01 .. 2026-06-30 (leaves room to add).
  static Instant random_instant(std::mt19937_64& rng) {
    const Instant lo = test::at("2023-01-01T00:00"), hi = test::at("2026-06-30T23:59");
    return std::uniform_int_distribution<Instant>(lo, hi)(rng);
  }
};
WorkCalendar* CalendarProperty::cal_ = nullptr;

// Reference: walk day by day through office_intervals(), consuming minutes.
Instant reference_add_minutes(const WorkCalendar& cal, Instant t, std::int64_t n) {
  if (n == 0) return t;
  for (Date d = date_of(t);; ++d) {
    for (const TimeInterval& iv : cal.office_intervals(d)) {
      const Instant b = std::max(start_of(d) + iv.begin, t), e = start_of(d) + iv.end;
      if (e <= b) continue;
      if (e - b >= n) return b + n;
      n -= e - b;
    }
  }
}

TEST_F(CalendarProperty, AddingMinutesThenMeasuringGivesTheMinutesBack) {
  std::mt19937_64 rng(20240410);
  for (int i = 0; i < 20000; ++i) {
    const Instant t = random_instant(rng);
    const std::int64_t n = std::uniform_int_distribution<std::int64_t>(0, 9000)(rng);
    const Instant r = cal().add_working_minutes(t, n);
    ASSERT_GE(r, t);
    ASSERT_EQ(cal().working_minutes_between(t, r), n) << test::fmt(t) << " + " << n;
    if (n > 0) {
      // Earliest: one minute sooner the work is not done, and that minute was worked.
      ASSERT_EQ(cal().working_minutes_between(t, r - 1), n - 1) << test::fmt(t) << " + " << n;
      ASSERT_TRUE(cal().is_working_time(r - 1));
    }
  }
}

TEST_F(CalendarProperty, AddingMinutesMatchesADayByDayWalk) {
  std::mt19937_64 rng(17081945);
  for (int i = 0; i < 3000; ++i) {
    const Instant t = random_instant(rng);
    const std::int64_t n = std::uniform_int_distribution<std::int64_t>(0, 2400)(rng);
    ASSERT_EQ(test::fmt(cal().add_working_minutes(t, n)),
              test::fmt(reference_add_minutes(cal(), t, n)))
        << test::fmt(t) << " + " << n;
  }
}

TEST_F(CalendarProperty, MinutesBetweenIsAdditive) {
  std::mt19937_64 rng(1);
  for (int i = 0; i < 5000; ++i) {
    Instant a = random_instant(rng), b = random_instant(rng), c = random_instant(rng);
    ASSERT_EQ(cal().working_minutes_between(a, b) + cal().working_minutes_between(b, c),
              cal().working_minutes_between(a, c));
  }
}

TEST_F(CalendarProperty, NextWorkingInstantIsWorkingWithNoWorkBeforeIt) {
  std::mt19937_64 rng(2);
  for (int i = 0; i < 20000; ++i) {
    const Instant t = random_instant(rng);
    const Instant s = cal().next_working_instant(t);
    ASSERT_GE(s, t);
    ASSERT_TRUE(cal().is_working_time(s)) << test::fmt(t);
    ASSERT_EQ(cal().working_minutes_between(t, s), 0) << test::fmt(t);
    ASSERT_EQ(cal().is_working_time(t), s == t);
  }
}

TEST_F(CalendarProperty, AddingDaysThenCountingGivesTheDaysBackAndKeepsTheClock) {
  std::mt19937_64 rng(3);
  for (int i = 0; i < 20000; ++i) {
    const Instant t = random_instant(rng);
    const std::int64_t k = std::uniform_int_distribution<std::int64_t>(0, 30)(rng);
    const Instant s = cal().next_working_instant(t);
    const Instant r = cal().add_working_days(t, k);
    ASSERT_EQ(cal().working_days_between(s, r), k) << test::fmt(t) << " + " << k;
    ASSERT_TRUE(cal().is_working_day(date_of(r)));
    // Reference: count working dates forward from the opening's date.
    Date d = date_of(s);
    for (std::int64_t left = k; left > 0;)
      if (cal().is_working_day(++d)) --left;
    ASSERT_EQ(date_of(r), d) << test::fmt(t) << " + " << k;
    // The clock is the opening's, pulled into that day's office span.
    const auto iv = cal().office_intervals(d);
    const Instant clock =
        std::clamp<Instant>(s - start_of(date_of(s)), iv.front().begin, iv.back().end);
    ASSERT_EQ(r - start_of(d), clock) << test::fmt(t) << " + " << k;
  }
}

TEST_F(CalendarProperty, DurationOfDaysAndHoursIsDaysThenMinutes) {
  std::mt19937_64 rng(4);
  for (int i = 0; i < 2000; ++i) {
    const Instant t = random_instant(rng);
    const int days = static_cast<int>(rng() % 10), hours = static_cast<int>(rng() % 8);
    const Duration d =
        Duration::parse(std::to_string(days) + " hari " + std::to_string(hours) + " jam");
    Instant expect = t;
    if (days > 0) expect = cal().add_working_days(expect, days);
    if (hours > 0) expect = cal().add_working_minutes(expect, hours * 60);
    ASSERT_EQ(cal().add(t, d), expect) << d.text();
  }
}

TEST_F(CalendarProperty, BulkMinutesEqualScalar) {
  std::mt19937_64 rng(5);
  const std::size_t n = 100000;
  std::vector<Instant> start(n), out(n);
  std::vector<std::int64_t> minutes(n);
  for (std::size_t i = 0; i < n; ++i) {
    start[i] = random_instant(rng);
    minutes[i] = static_cast<std::int64_t>(rng() % 40 * 60 + rng() % 60);  // 0..40 h
  }
  cal().add_working_minutes(start.data(), minutes.data(), out.data(), n);
  for (std::size_t i = 0; i < n; ++i)
    ASSERT_EQ(out[i], cal().add_working_minutes(start[i], minutes[i])) << i;
}

TEST_F(CalendarProperty, BulkDaysEqualScalarAndOutputMayAliasInput) {
  std::mt19937_64 rng(6);
  const std::size_t n = 100000;
  std::vector<Instant> start(n), out(n);
  std::vector<std::int64_t> days(n);
  for (std::size_t i = 0; i < n; ++i) {
    start[i] = random_instant(rng);
    days[i] = static_cast<std::int64_t>(rng() % 31);
  }
  cal().add_working_days(start.data(), days.data(), out.data(), n);
  for (std::size_t i = 0; i < n; ++i)
    ASSERT_EQ(out[i], cal().add_working_days(start[i], days[i])) << i;
  std::vector<Instant> inplace = start;
  cal().add_working_days(inplace.data(), days.data(), inplace.data(), n);
  EXPECT_EQ(inplace, out);
}

TEST_F(CalendarProperty, BulkBetweenEqualsScalarEitherWayAndMayAlias) {
  std::mt19937_64 rng(7);
  const std::size_t n = 100000;
  std::vector<Instant> a(n), b(n);
  std::vector<std::int64_t> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    a[i] = random_instant(rng);
    b[i] = random_instant(rng);  // before a about half the time
  }
  cal().working_minutes_between(a.data(), b.data(), out.data(), n);
  std::size_t negative = 0;
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_EQ(out[i], cal().working_minutes_between(a[i], b[i])) << i;
    negative += out[i] < 0;
  }
  EXPECT_GT(negative, n / 4);  // both signs were exercised
  std::vector<Instant> inplace = b;
  cal().working_minutes_between(a.data(), inplace.data(), inplace.data(), n);
  EXPECT_EQ(inplace, out);
}

}  // namespace
}  // namespace sopkit
