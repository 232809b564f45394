// calendar.cpp — C ABI for instants and working calendars.
#include <cstring>
#include <memory>

#include "guard.hpp"
#include "handles.hpp"

using sopkit::capi::fail;
using sopkit::capi::guard;
using sopkit::capi::invalid;
using sopkit::capi::ok;

namespace {

// Makes a calendar handle from a factory that may throw.
template <typename Make>
int make_calendar(sopkit_calendar** out, Make&& make) {
  return guard([&]() -> int {
    *out = std::make_unique<sopkit_calendar>(make()).release();
    return SOPKIT_OK;
  });
}

bool known_calendar_flags(unsigned flags) {
  return (flags & ~SOPKIT_CALENDAR_NO_RAMADAN_HOURS) == 0u;
}

sopkit::CalendarOptions calendar_options(unsigned flags, const char* regional_path = nullptr) {
  sopkit::CalendarOptions options;
  options.ramadan_hours = (flags & SOPKIT_CALENDAR_NO_RAMADAN_HOURS) == 0u;
  if (regional_path) options.regional_files.emplace_back(regional_path);
  return options;
}

// Runs a bulk operation straight into the caller's array: no scratch copy and
// no extra pass, so the C ABI costs what the C++ call costs. The C++ kernel
// checks each element (a negative amount, a result past the coverage) and
// names the first bad one.
template <typename Op>
int bulk(const int64_t* start, const int64_t* amount, int64_t* out, size_t n, Op&& op) {
  if (n == 0) return ok();
  if (!start || !amount || !out)
    return invalid("the input and output arrays must not be NULL when n > 0");
  return guard([&]() -> int {
    op(start, amount, out, n);
    return SOPKIT_OK;
  });
}

}  // namespace

extern "C" {

int sopkit_instant_parse(const char* text, int64_t* out) {
  SOPKIT_REQUIRE(text);
  SOPKIT_REQUIRE(out);
  return guard([&]() -> int {
    *out = sopkit::parse_instant(text);
    return SOPKIT_OK;
  });
}

int sopkit_instant_format(int64_t instant, char* buf, size_t cap, size_t* out_needed) {
  SOPKIT_REQUIRE(buf);
  return guard([&]() -> int {
    std::string text = sopkit::format_instant(instant);
    if (out_needed) *out_needed = text.size();
    if (cap < text.size() + 1)
      return fail(SOPKIT_EBUFFER, "the buffer holds " + std::to_string(cap) + " bytes; " +
                                      std::to_string(text.size() + 1) + " are needed");
    std::memcpy(buf, text.c_str(), text.size() + 1);
    return SOPKIT_OK;
  });
}

int sopkit_calendar_new_asn(sopkit_calendar** out, int first_year, int last_year) {
  SOPKIT_REQUIRE(out);
  if (first_year > last_year || first_year < 1900 || last_year > 2200)
    return invalid("years must run forwards within 1900..2200");
  return make_calendar(out, [&] {
    sopkit::CalendarSpec spec;
    spec.id = "asn-" + std::to_string(first_year) + "-" + std::to_string(last_year);
    spec.from = sopkit::make_date(first_year, 1, 1);
    spec.to = sopkit::make_date(last_year, 12, 31);
    return sopkit::WorkCalendar(spec);
  });
}

int sopkit_calendar_load_id(sopkit_calendar** out, const char* id) {
  return sopkit_calendar_load_id_flags(out, id, 0);
}

int sopkit_calendar_load_years(sopkit_calendar** out, int first_year, int last_year) {
  return sopkit_calendar_load_years_flags(out, first_year, last_year, 0);
}

int sopkit_calendar_load_file(sopkit_calendar** out, const char* path) {
  return sopkit_calendar_load_file_flags(out, path, 0);
}

int sopkit_calendar_load_id_flags(sopkit_calendar** out, const char* id, unsigned flags) {
  SOPKIT_REQUIRE(out);
  SOPKIT_REQUIRE(id);
  if (!known_calendar_flags(flags))
    return invalid("flags has a bit other than SOPKIT_CALENDAR_NO_RAMADAN_HOURS");
  return make_calendar(
      out, [&] { return sopkit::WorkCalendar::indonesia(id, calendar_options(flags)); });
}

int sopkit_calendar_load_years_flags(sopkit_calendar** out, int first_year, int last_year,
                                     unsigned flags) {
  SOPKIT_REQUIRE(out);
  if (!known_calendar_flags(flags))
    return invalid("flags has a bit other than SOPKIT_CALENDAR_NO_RAMADAN_HOURS");
  return make_calendar(out, [&] {
    return sopkit::WorkCalendar::indonesia(first_year, last_year, calendar_options(flags));
  });
}

int sopkit_calendar_load_file_flags(sopkit_calendar** out, const char* path, unsigned flags) {
  SOPKIT_REQUIRE(out);
  SOPKIT_REQUIRE(path);
  if (!known_calendar_flags(flags))
    return invalid("flags has a bit other than SOPKIT_CALENDAR_NO_RAMADAN_HOURS");
  return make_calendar(
      out, [&] { return sopkit::WorkCalendar::from_file(path, calendar_options(flags)); });
}

int sopkit_calendar_load_id_regional(sopkit_calendar** out, const char* id,
                                     const char* regional_path, unsigned flags) {
  SOPKIT_REQUIRE(out);
  SOPKIT_REQUIRE(id);
  SOPKIT_REQUIRE(regional_path);
  if (!known_calendar_flags(flags))
    return invalid("flags has a bit other than SOPKIT_CALENDAR_NO_RAMADAN_HOURS");
  return make_calendar(out, [&] {
    return sopkit::WorkCalendar::indonesia(id, calendar_options(flags, regional_path));
  });
}

int sopkit_calendar_load_years_regional(sopkit_calendar** out, int first_year, int last_year,
                                        const char* regional_path, unsigned flags) {
  SOPKIT_REQUIRE(out);
  SOPKIT_REQUIRE(regional_path);
  if (!known_calendar_flags(flags))
    return invalid("flags has a bit other than SOPKIT_CALENDAR_NO_RAMADAN_HOURS");
  return make_calendar(out, [&] {
    return sopkit::WorkCalendar::indonesia(first_year, last_year,
                                           calendar_options(flags, regional_path));
  });
}

int sopkit_calendar_load_file_regional(sopkit_calendar** out, const char* path,
                                       const char* regional_path, unsigned flags) {
  SOPKIT_REQUIRE(out);
  SOPKIT_REQUIRE(path);
  SOPKIT_REQUIRE(regional_path);
  if (!known_calendar_flags(flags))
    return invalid("flags has a bit other than SOPKIT_CALENDAR_NO_RAMADAN_HOURS");
  return make_calendar(out, [&] {
    return sopkit::WorkCalendar::from_file(path, calendar_options(flags, regional_path));
  });
}

int sopkit_calendar_holidays_json(const sopkit_calendar* cal, int64_t from_date, int64_t to_date,
                                  char** out_json) {
  SOPKIT_REQUIRE(cal);
  SOPKIT_REQUIRE(out_json);
  return guard([&]() -> int {
    *out_json =
        sopkit::capi::copy_text(sopkit::holidays_to_json(cal->calendar, from_date, to_date));
    return SOPKIT_OK;
  });
}

int sopkit_calendar_working_days(const sopkit_calendar* cal, int64_t from_date, int64_t to_date,
                                 int64_t* out) {
  SOPKIT_REQUIRE(cal);
  SOPKIT_REQUIRE(out);
  return guard([&]() -> int {
    *out = cal->calendar.count_working_days(from_date, to_date);
    return SOPKIT_OK;
  });
}

int sopkit_calendar_working_days_bulk(const sopkit_calendar* cal, const int64_t* from_dates,
                                      const int64_t* to_dates, int64_t* out, size_t n) {
  SOPKIT_REQUIRE(cal);
  return bulk(from_dates, to_dates, out, n,
              [&](const int64_t* f, const int64_t* t, int64_t* o, size_t k) {
                cal->calendar.count_working_days(f, t, o, k);
              });
}

int sopkit_calendar_load_json(sopkit_calendar** out, const char* json, size_t len) {
  SOPKIT_REQUIRE(out);
  SOPKIT_REQUIRE(json);
  return make_calendar(out, [&] {
    return sopkit::WorkCalendar(sopkit::parse_calendar_spec(std::string_view(json, len), "<json>"));
  });
}

void sopkit_calendar_free(sopkit_calendar* cal) {
  sopkit::capi::free_handle(cal);
}

int sopkit_calendar_is_working_time(const sopkit_calendar* cal, int64_t t, int* out) {
  SOPKIT_REQUIRE(cal);
  SOPKIT_REQUIRE(out);
  return guard([&]() -> int {
    *out = cal->calendar.is_working_time(t) ? 1 : 0;
    return SOPKIT_OK;
  });
}

int sopkit_calendar_next_working(const sopkit_calendar* cal, int64_t t, int64_t* out) {
  SOPKIT_REQUIRE(cal);
  SOPKIT_REQUIRE(out);
  return guard([&]() -> int {
    *out = cal->calendar.next_working_instant(t);
    return SOPKIT_OK;
  });
}

int sopkit_calendar_add_minutes(const sopkit_calendar* cal, int64_t t, int64_t minutes,
                                int64_t* out) {
  SOPKIT_REQUIRE(cal);
  SOPKIT_REQUIRE(out);
  if (minutes < 0) return invalid("minutes is negative");
  return guard([&]() -> int {
    *out = cal->calendar.add_working_minutes(t, minutes);
    return SOPKIT_OK;
  });
}

int sopkit_calendar_add_days(const sopkit_calendar* cal, int64_t t, int64_t days, int64_t* out) {
  SOPKIT_REQUIRE(cal);
  SOPKIT_REQUIRE(out);
  if (days < 0) return invalid("days is negative");
  return guard([&]() -> int {
    *out = cal->calendar.add_working_days(t, days);
    return SOPKIT_OK;
  });
}

int sopkit_calendar_add_text(const sopkit_calendar* cal, int64_t t, const char* waktu,
                             int64_t* out) {
  SOPKIT_REQUIRE(cal);
  SOPKIT_REQUIRE(waktu);
  SOPKIT_REQUIRE(out);
  return guard([&]() -> int {
    *out = cal->calendar.add(t, sopkit::Duration::parse(waktu));
    return SOPKIT_OK;
  });
}

int sopkit_calendar_minutes_between(const sopkit_calendar* cal, int64_t a, int64_t b,
                                    int64_t* out) {
  SOPKIT_REQUIRE(cal);
  SOPKIT_REQUIRE(out);
  return guard([&]() -> int {
    *out = cal->calendar.working_minutes_between(a, b);
    return SOPKIT_OK;
  });
}

int sopkit_calendar_add_minutes_bulk(const sopkit_calendar* cal, const int64_t* start,
                                     const int64_t* minutes, int64_t* out, size_t n) {
  SOPKIT_REQUIRE(cal);
  return bulk(start, minutes, out, n,
              [&](const int64_t* s, const int64_t* a, int64_t* o, size_t k) {
                cal->calendar.add_working_minutes(s, a, o, k);
              });
}

int sopkit_calendar_add_days_bulk(const sopkit_calendar* cal, const int64_t* start,
                                  const int64_t* days, int64_t* out, size_t n) {
  SOPKIT_REQUIRE(cal);
  return bulk(start, days, out, n, [&](const int64_t* s, const int64_t* a, int64_t* o, size_t k) {
    cal->calendar.add_working_days(s, a, o, k);
  });
}

int sopkit_calendar_minutes_between_bulk(const sopkit_calendar* cal, const int64_t* a,
                                         const int64_t* b, int64_t* out, size_t n) {
  SOPKIT_REQUIRE(cal);
  return bulk(a, b, out, n, [&](const int64_t* x, const int64_t* y, int64_t* o, size_t k) {
    cal->calendar.working_minutes_between(x, y, o, k);
  });
}

}  // extern "C"
