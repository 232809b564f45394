// civil_time.cpp — dates, instants and clock times as plain integers.
//
// Days since 1970-01-01 use the proleptic Gregorian algorithms of Howard
// Hinnant ("chrono-compatible low-level date algorithms"): exact, branch-light
// and free of time zones, which office time does not have.
#include <cctype>
#include <cstdio>
#include <string>

#include "sopkit/calendar.hpp"
#include "sopkit/error.hpp"
#include "util/dates.hpp"

namespace sopkit {
namespace {

using detail::date_problem;

Date days_from_civil(int y, int m, int d) noexcept {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<Date>(era) * 146097 + doe - 719468;
}

struct Civil {
  int y, m, d;
};

Civil civil_from_days(Date z) noexcept {
  z += 719468;
  const Date era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = static_cast<int>(z - era * 146097);
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(yoe + era * 400) + (m <= 2), m, d};
}

// Reads exactly `n` digits at text[pos]; -1 when they are not there.
int digits(std::string_view text, std::size_t pos, std::size_t n) {
  if (pos + n > text.size()) return -1;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return -1;
    v = v * 10 + (text[i] - '0');
  }
  return v;
}

std::string quoted(std::string_view text) {
  return "'" + std::string(text) + "'";
}

Date parse_date_prefix(std::string_view text, std::string_view whole) {
  const int y = digits(text, 0, 4), m = digits(text, 5, 2), d = digits(text, 8, 2);
  if (text.size() != 10 || y < 0 || m < 0 || d < 0 || text[4] != '-' || text[7] != '-')
    throw Error(ErrorCode::parse_error,
                "not a date: " + quoted(whole) + " (write YYYY-MM-DD, e.g. 2024-04-10)");
  if (std::string why = date_problem(y, m, d); !why.empty())
    throw Error(ErrorCode::parse_error, "not a date: " + quoted(whole) + ": " + why);
  return days_from_civil(y, m, d);
}

}  // namespace

Date make_date(int year, int month, int day) {
  if (std::string why = date_problem(year, month, day); !why.empty())
    throw Error(ErrorCode::invalid_argument, "not a date: " + std::to_string(year) + "-" +
                                                 std::to_string(month) + "-" + std::to_string(day) +
                                                 ": " + why);
  return days_from_civil(year, month, day);
}

Instant make_instant(int year, int month, int day, int hour, int minute) {
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59)
    throw Error(ErrorCode::invalid_argument, "not a clock time: " + std::to_string(hour) + ":" +
                                                 std::to_string(minute) + " (00:00-23:59)");
  return start_of(make_date(year, month, day)) + hour * 60 + minute;
}

Date parse_date(std::string_view text) {
  return parse_date_prefix(text, text);
}

int parse_clock(std::string_view text) {
  const int h = digits(text, 0, 2), m = digits(text, 3, 2);
  if (text.size() != 5 || h < 0 || m < 0 || text[2] != ':')
    throw Error(ErrorCode::parse_error,
                "not a clock time: " + quoted(text) + " (write HH:MM, e.g. 07:30)");
  if (m > 59 || h > 24 || (h == 24 && m != 0))
    throw Error(ErrorCode::parse_error, "not a clock time: " + quoted(text) +
                                            " (00:00-23:59, or 24:00 for the end of a day)");
  return h * 60 + m;
}

namespace {

// ":SS" and an optional ".fraction" after HH:MM, as ISO 8601 writers (Python's
// datetime.isoformat(), spreadsheets) add them. Instants count whole minutes,
// so the seconds are dropped, as numpy's astype("datetime64[m]") does.
bool is_seconds_suffix(std::string_view rest) {
  if (rest.size() < 3 || rest[0] != ':' || digits(rest, 1, 2) < 0 || digits(rest, 1, 2) > 59)
    return false;
  rest.remove_prefix(3);
  if (rest.empty()) return true;
  if (rest[0] != '.' || rest.size() < 2 || rest.size() > 10) return false;
  for (char c : rest.substr(1))
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

Instant parse_instant(std::string_view text) {
  if (text.size() == 10) return start_of(parse_date_prefix(text, text));
  const bool seconds = text.size() > 16 && is_seconds_suffix(text.substr(16));
  if ((text.size() != 16 && !seconds) || (text[10] != 'T' && text[10] != ' '))
    throw Error(ErrorCode::parse_error,
                "not an instant: " + quoted(text) +
                    " (write YYYY-MM-DDTHH:MM, YYYY-MM-DD HH:MM or YYYY-MM-DD; HH.MM is "
                    "read as HH:MM; seconds after the minutes are allowed and dropped)");
  const Date d = parse_date_prefix(text.substr(0, 10), text);
  // "08.00" is how Indonesian writes a clock time (run logs, forms).
  std::string hh_mm(text.substr(11, 5));
  if (hh_mm.size() == 5 && hh_mm[2] == '.') hh_mm[2] = ':';
  int clock = 0;
  try {
    clock = parse_clock(hh_mm);
  } catch (const Error&) {
    clock = -1;
  }
  if (clock < 0 || clock >= kMinutesPerDay)
    throw Error(ErrorCode::parse_error,
                "not an instant: " + quoted(text) + ": the clock must be 00:00-23:59");
  return start_of(d) + clock;
}

namespace {

// `value` (0 <= value < 10^width) as `width` digits with leading zeros: the
// run comparison formats millions of instants, and snprintf was a tenth of it.
void put_digits(char* out, int value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

// "YYYY-MM-DD" into out[0..10) for years 0..9999.
void put_date(char* out, const Civil& c) {
  put_digits(out, c.y, 4);
  out[4] = '-';
  put_digits(out + 5, c.m, 2);
  out[7] = '-';
  put_digits(out + 8, c.d, 2);
}

// "HH:MM" into out[0..5) for minutes of a day.
void put_clock(char* out, int minute) {
  put_digits(out, minute / 60, 2);
  out[2] = ':';
  put_digits(out + 3, minute % 60, 2);
}

}  // namespace

std::string format_date(Date date) {
  // As format_instant: a caller's date far outside the civil years is named, not converted.
  constexpr Date kYear1 = -719162, kYear10000 = 2932897;
  if (date < kYear1 || date >= kYear10000)
    return "date " + std::to_string(date) + " (days since 1970-01-01)";
  char buf[10];
  put_date(buf, civil_from_days(date));
  return std::string(buf, sizeof buf);
}

std::string format_clock(int minute) {
  if (minute < 0 || minute >= 100 * 60) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
    return buf;
  }
  char buf[5];
  put_clock(buf, minute);
  return std::string(buf, sizeof buf);
}

std::string format_instant(Instant t) {
  // Error messages format whatever instant a caller passed: far outside the
  // civil years the date arithmetic below would overflow.
  constexpr Instant kYear1 = -62135596800LL / 60, kYear10000 = 253402300800LL / 60;
  if (t < kYear1 || t >= kYear10000)
    return "instant " + std::to_string(t) + " (minutes since 1970-01-01)";
  const Date d = date_of(t);
  char buf[16];
  put_date(buf, civil_from_days(d));
  buf[10] = 'T';
  put_clock(buf + 11, static_cast<int>(t - start_of(d)));
  return std::string(buf, sizeof buf);
}

Weekday weekday_of(Date d) noexcept {
  // 1970-01-01 was a Thursday (index 3 counting from Monday).
  const Date r = ((d + 3) % 7 + 7) % 7;
  return static_cast<Weekday>(r);
}

const char* holiday_kind_name(HolidayKind kind) noexcept {
  switch (kind) {
    case HolidayKind::holiday:
      return "holiday";
    case HolidayKind::collective_leave:
      return "cuti_bersama";
    case HolidayKind::local:
      return "local";
  }
  return "holiday";
}

OfficeHours OfficeHours::from(
    std::string_view open, std::string_view close,
    const std::vector<std::pair<std::string_view, std::string_view>>& breaks) {
  OfficeHours h;
  h.open = parse_clock(open);
  h.close = parse_clock(close);
  for (const auto& [b, e] : breaks) h.breaks.push_back({parse_clock(b), parse_clock(e)});
  return h;
}

WeekSchedule WeekSchedule::asn_five_day() {
  WeekSchedule w;
  const OfficeHours mon_thu{7 * 60 + 30, 16 * 60, {{12 * 60, 13 * 60}}};        // 7.5 h
  const OfficeHours fri{7 * 60 + 30, 16 * 60 + 30, {{11 * 60 + 30, 13 * 60}}};  // 7.5 h
  for (int d = 0; d < 4; ++d) w.days[static_cast<std::size_t>(d)] = mon_thu;
  w.days[4] = fri;
  return w;
}

}  // namespace sopkit
