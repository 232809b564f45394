// fuzz_duration.cpp — the waktu parser on arbitrary text.
//
// Promises checked: try_parse() never throws; parse() throws parse_error
// exactly when try_parse() gives nothing, and otherwise gives the same value;
// a parsed time keeps its text, has no negative or non-finite amount, and its
// lower end is not above its upper end; adding it on a calendar throws only
// sopkit::Error.
#include <cmath>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "sopkit/calendar.hpp"
#include "sopkit/duration.hpp"
#include "sopkit/error.hpp"

namespace {

const sopkit::WorkCalendar& calendar() {
  static const sopkit::WorkCalendar cal = [] {
    sopkit::CalendarSpec spec;
    spec.id = "fuzz";
    spec.from = sopkit::make_date(2024, 1, 1);
    spec.to = sopkit::make_date(2024, 12, 31);
    return sopkit::WorkCalendar(spec);
  }();
  return cal;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = sopkit::fuzz::as_text(data, size);
  std::string why;
  const auto parsed = sopkit::Duration::try_parse(text, &why);
  bool threw = false;
  try {
    const auto d = sopkit::Duration::parse(text);
    FUZZ_CHECK(parsed && d == *parsed);
  } catch (const sopkit::Error& e) {
    threw = true;
    FUZZ_CHECK(e.code() == sopkit::ErrorCode::parse_error);
  }
  FUZZ_CHECK(threw == !parsed);
  if (!parsed) {
    FUZZ_CHECK(!why.empty());
    return 0;
  }
  const sopkit::Duration& d = *parsed;
  FUZZ_CHECK(d.text() == text);
  for (std::size_t u = 0; u < sopkit::kTimeUnitCount; ++u) {
    const auto unit = static_cast<sopkit::TimeUnit>(u);
    FUZZ_CHECK(std::isfinite(d.min_amount(unit)) && d.min_amount(unit) >= 0);
    FUZZ_CHECK(std::isfinite(d.max_amount(unit)) && d.max_amount(unit) >= 0);
  }
  const sopkit::WorkConvention conv;
  FUZZ_CHECK(d.min_minutes(conv) <= d.max_minutes(conv));
  sopkit::DurationSum sum;
  sum += d;
  sum.add(d, 3);
  (void)sum.to_string(conv);
  (void)sum.to_string(conv, sopkit::Language::en);
  const sopkit::Instant t0 = sopkit::make_instant(2024, 4, 5, 8, 0);
  for (auto end : {sopkit::DurationEnd::min, sopkit::DurationEnd::max}) {
    try {
      FUZZ_CHECK(calendar().add(t0, d, end) >= t0);
    } catch (const sopkit::Error&) {
    }
  }
  return 0;
}
