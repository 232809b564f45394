// fuzz_calendar.cpp — the "sopkit.calendar/1" loader, calendar construction and
// a few operations on what builds.
//
// Promises checked: loading throws only parse_error or format_error, building
// only validation_failed (calendar.hpp); operations throw only sopkit::Error;
// add_working_minutes(a, n) = b gives working_minutes_between(a, b) = n; a
// result of next_working_instant is working time; add never goes backwards.
#include <algorithm>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "sopkit/calendar.hpp"
#include "sopkit/error.hpp"

namespace {

// FNV-1a of the input: a cheap way to pick instants and amounts that follow
// the input, so that the fuzzer's mutations reach different operations.
std::uint64_t fnv(const std::uint8_t* data, std::size_t size) {
  std::uint64_t h = 1469598103934665603ULL;
  for (std::size_t i = 0; i < size; ++i) h = (h ^ data[i]) * 1099511628211ULL;
  return h;
}

void exercise(const sopkit::WorkCalendar& cal, std::uint64_t h) {
  const sopkit::Instant begin = cal.coverage_begin();
  const sopkit::Instant span = cal.coverage_end() - begin;
  FUZZ_CHECK(span > 0);
  const sopkit::Instant t =
      begin + static_cast<sopkit::Instant>(h % static_cast<std::uint64_t>(span));
  const std::int64_t minutes = static_cast<std::int64_t>((h >> 20) % 5000);
  const std::int64_t days = static_cast<std::int64_t>((h >> 40) % 40);
  try {
    (void)cal.is_working_day(sopkit::date_of(t));
    (void)cal.working_minutes_on(sopkit::date_of(t));
    (void)cal.office_intervals(sopkit::date_of(t));
    (void)cal.holiday_on(sopkit::date_of(t));
    const bool working = cal.is_working_time(t);
    const sopkit::Instant next = cal.next_working_instant(t);
    FUZZ_CHECK(next >= t && cal.is_working_time(next));
    FUZZ_CHECK(!working || next == t);
  } catch (const sopkit::Error& e) {
    FUZZ_CHECK(e.code() == sopkit::ErrorCode::out_of_range);
  }
  try {
    const sopkit::Instant b = cal.add_working_minutes(t, minutes);
    FUZZ_CHECK(b >= t);
    FUZZ_CHECK(cal.working_minutes_between(t, b) == minutes);
    FUZZ_CHECK(cal.working_minutes_between(b, t) == -minutes);
  } catch (const sopkit::Error& e) {
    FUZZ_CHECK(e.code() == sopkit::ErrorCode::out_of_range);
  }
  try {
    const sopkit::Instant b = cal.add_working_days(t, days);
    FUZZ_CHECK(b >= t);
  } catch (const sopkit::Error& e) {
    FUZZ_CHECK(e.code() == sopkit::ErrorCode::out_of_range);
  }
  try {
    const auto d = sopkit::Duration::parse("1 hari 2 jam 30 menit");
    FUZZ_CHECK(cal.add(t, d) >= t);
  } catch (const sopkit::Error& e) {
    FUZZ_CHECK(e.code() == sopkit::ErrorCode::out_of_range);
  }
  // Working days of a date range: antisymmetric, additive, equal to the days
  // that work; the days off of the range are inside it and in date order.
  try {
    const sopkit::Date first = cal.first_date(), end = cal.last_date() + 1;
    const sopkit::Date a = sopkit::date_of(t), b = std::min(end, a + days);
    const std::int64_t n = cal.count_working_days(a, b);
    FUZZ_CHECK(n == -cal.count_working_days(b, a));
    FUZZ_CHECK(cal.count_working_days(first, a) + n == cal.count_working_days(first, b));
    std::int64_t walked = 0;
    for (sopkit::Date d = a; d < b; ++d) walked += cal.is_working_day(d) ? 1 : 0;
    FUZZ_CHECK(n == walked);
    sopkit::Date previous = a;
    for (const sopkit::Holiday& off : cal.holidays_between(a, b)) {
      FUZZ_CHECK(off.date >= previous && off.date < b);
      previous = off.date;
    }
  } catch (const sopkit::Error& e) {
    FUZZ_CHECK(e.code() == sopkit::ErrorCode::out_of_range);
  }
  // Bulk == scalar on a few elements.
  sopkit::Instant start[3] = {t, begin, t + 1};
  std::int64_t amount[3] = {minutes, 0, days};
  sopkit::Instant out[3] = {};
  try {
    cal.add_working_minutes(start, amount, out, 3);
    for (int i = 0; i < 3; ++i) FUZZ_CHECK(out[i] == cal.add_working_minutes(start[i], amount[i]));
  } catch (const sopkit::Error& e) {
    FUZZ_CHECK(e.code() == sopkit::ErrorCode::out_of_range);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  sopkit::CalendarSpec spec;
  try {
    spec = sopkit::parse_calendar_spec(sopkit::fuzz::as_text(data, size), "fuzz.json");
  } catch (const sopkit::Error& e) {
    FUZZ_CHECK(e.code() == sopkit::ErrorCode::parse_error ||
               e.code() == sopkit::ErrorCode::format_error);
    return 0;
  }
  // Enable whatever optional rules the file names, so their periods are built too.
  for (const auto& p : spec.periods)
    if (p.optional && !p.rule.empty()) spec.rules.push_back(p.rule);
  try {
    const sopkit::WorkCalendar cal(spec);
    FUZZ_CHECK(cal.first_date() <= cal.last_date());
    exercise(cal, fnv(data, size));
  } catch (const sopkit::Error& e) {
    FUZZ_CHECK(e.code() == sopkit::ErrorCode::validation_failed);
  }
  return 0;
}
