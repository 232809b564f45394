// calendar.hpp — the working calendar: office hours, holidays, working-time arithmetic.
//
// A WorkCalendar knows, minute by minute, when an office works: weekly office
// hours with breaks, national holidays and cuti bersama (each naming its
// decree), per-date overrides (a special working Saturday) and optional dated
// rules (shortened Ramadan hours). Time is local civil time at minute
// precision, as int64 minutes since 1970-01-01T00:00 (no time zone: office time
// is local), so arrays of instants pass unchanged to a C ABI or numpy.
//
//   auto cal = sopkit::WorkCalendar::indonesia(2023, 2026);      // ASN week + SKB data
//   auto t = sopkit::parse_instant("2024-04-05T08:00");            // Friday
//   cal.add_working_days(t, 1);                                    // 2024-04-16T08:00 (Lebaran)
//   cal.add_working_minutes(t, 60);                                // 2024-04-05T09:00
//   sopkit::format_instant(cal.add(t, sopkit::Duration::parse("2 hari 3 jam")));
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sopkit/duration.hpp"

namespace sopkit {

// ---- Civil time -------------------------------------------------------------

// Minutes since 1970-01-01T00:00 local civil time (negative before 1970).
using Instant = std::int64_t;
// Days since 1970-01-01 (proleptic Gregorian calendar).
using Date = std::int64_t;

inline constexpr std::int64_t kMinutesPerDay = 1440;

enum class Weekday : unsigned char {
  monday,
  tuesday,
  wednesday,
  thursday,
  friday,
  saturday,
  sunday
};

// The date of year-month-day. Throws Error{invalid_argument} for a day that does
// not exist (2024-02-30) or a year outside 1..9999.
Date make_date(int year, int month, int day);
// The instant of a date and clock time; hour 0..23, minute 0..59 (Error{invalid_argument}).
Instant make_instant(int year, int month, int day, int hour = 0, int minute = 0);

// "2024-04-10". Throws Error{parse_error} naming the text, and why (e.g.
// "February 2024 has 29 days") for a date that does not exist.
Date parse_date(std::string_view text);
// "2024-04-05T08:00", "2024-04-05 08:00" or a date alone ("2024-04-05" = 00:00).
// Throws Error{parse_error} as parse_date, or for a clock outside 00:00-23:59.
Instant parse_instant(std::string_view text);
// A clock time "07:30" as minutes after midnight; "24:00" (= 1440) is allowed as
// the end of a day. Throws Error{parse_error}.
int parse_clock(std::string_view text);

std::string format_date(Date date);     // "2024-04-10"; outside years 1-9999:
                                        // "date <d> (days since 1970-01-01)"
std::string format_instant(Instant t);  // "2024-04-05T08:00"; outside years 1-9999:
                                        // "instant <t> (minutes since 1970-01-01)"
std::string format_clock(int minute);   // "07:30"

// Floor division, defined for every Instant (no negation: -INT64_MIN overflows).
inline Date date_of(Instant t) noexcept {
  return t >= 0 ? t / kMinutesPerDay : (t + 1) / kMinutesPerDay - 1;
}
inline Instant start_of(Date d) noexcept {
  return d * kMinutesPerDay;
}
Weekday weekday_of(Date d) noexcept;

// ---- Office hours -------------------------------------------------------------

// A span of minutes after midnight, [begin, end).
struct TimeInterval {
  int begin = 0;
  int end = 0;
  bool operator==(const TimeInterval& o) const noexcept { return begin == o.begin && end == o.end; }
};

// One day's office hours: open..close minus its breaks. open == close means
// closed. Checked when a calendar is built (Error{validation_failed} when a
// time runs backwards, lies outside 00:00-24:00, or breaks overlap or fall
// outside open..close).
struct OfficeHours {
  int open = 0;
  int close = 0;
  std::vector<TimeInterval> breaks;

  static OfficeHours closed() { return {}; }
  // From clock texts: OfficeHours::from("07:30", "16:00", {{"12:00", "13:00"}}).
  static OfficeHours from(
      std::string_view open, std::string_view close,
      const std::vector<std::pair<std::string_view, std::string_view>>& breaks = {});
  bool is_open() const noexcept { return open != close; }
  bool operator==(const OfficeHours& o) const noexcept {
    return open == o.open && close == o.close && breaks == o.breaks;
  }
};

// Office hours per weekday, index 0 = Monday … 6 = Sunday.
struct WeekSchedule {
  std::array<OfficeHours, 7> days;

  // The 5-day ASN week: Mon-Thu 07:30-16:00 with a 12:00-13:00 break, Fri
  // 07:30-16:30 with 11:30-13:00; 37.5 working hours a week.
  static WeekSchedule asn_five_day();
  OfficeHours& operator[](Weekday d) { return days[static_cast<std::size_t>(d)]; }
  const OfficeHours& operator[](Weekday d) const { return days[static_cast<std::size_t>(d)]; }
  bool operator==(const WeekSchedule& o) const noexcept { return days == o.days; }
};

// ---- Calendar data ------------------------------------------------------------

enum class HolidayKind : unsigned char {
  holiday,           // libur nasional (or a holiday a host app adds)
  collective_leave,  // cuti bersama
  local,             // a regional or agency day off
};
const char* holiday_kind_name(HolidayKind kind) noexcept;  // "holiday", "cuti_bersama", "local"

// A whole non-working day, with where it comes from.
struct Holiday {
  Date date = 0;
  std::string name;  // "Hari Raya Idul Fitri 1445 H"
  HolidayKind kind = HolidayKind::holiday;
  std::string decree;  // "SKB Menag, Menaker, MenPANRB No. 855/2023, 3/2023, 4/2023"
  std::string origin;  // where it was read ("id-2024.json:/holidays/7"); for error messages
};

// Office hours for one date instead of the week's (a special working Saturday,
// a shortened day).
struct DayOverride {
  Date date = 0;
  OfficeHours hours;
  std::string name;
  std::string decree;
  std::string origin;
};

// A date range with its own week (e.g. Ramadan office hours). An optional
// period applies only when its rule is enabled (CalendarSpec::rules).
struct HoursPeriod {
  Date from = 0;  // inclusive
  Date to = 0;    // inclusive
  WeekSchedule week;
  std::string name;
  std::string decree;
  std::string rule;  // "ramadan"
  bool optional = false;
  std::string origin;
};

// Everything a WorkCalendar is built from. Build one in code, load one from a
// file (load_calendar_spec) or merge several: a week definition plus holiday
// files for consecutive years.
struct CalendarSpec {
  std::string id;
  std::optional<Date> from;  // coverage, inclusive: the dates the data speaks for
  std::optional<Date> to;
  std::optional<WeekSchedule> week;  // absent: WeekSchedule::asn_five_day()
  std::string week_origin;
  WorkConvention convention;  // how weeks and months convert to working days
  std::vector<Holiday> holidays;
  std::vector<DayOverride> overrides;
  std::vector<HoursPeriod> periods;
  std::vector<std::string> rules;    // optional rules to apply ("ramadan")
  std::vector<std::string> sources;  // files merged in, in order

  // Adds other's entries. Coverage becomes the union, which must be one
  // unbroken range (Error{validation_failed} for a gap: the days in it would
  // silently have no holidays). Two different weeks are an error too. A period
  // of other's with a rule replaces every period of the same rule already here
  // that shares a date with it (a file's own Ramadan dates win over the shipped).
  void merge(const CalendarSpec& other);
  // Adds a region's own days (a kabupaten's Hari Jadi, a province's holidays)
  // on top of this spec, for this spec's coverage: entries dated outside it are
  // left out (the calendar has no national data there), the coverage is kept.
  // A holiday on a date this spec already has as a holiday keeps the existing
  // entry (one entry per date); a regional holiday of kind `holiday` becomes
  // `local`. Weeks, periods and rules combine as in merge(). A date given as a
  // holiday in one and as office hours (an override) in the other is refused
  // when the calendar is built, naming both entries.
  void add_regional(const CalendarSpec& region);
};

// Parses a "sopkit.calendar/1" document (docs/calendar.md). `source` names the
// text in error locations. Throws Error{parse_error} for malformed JSON (line
// and column), Error{format_error} for a wrong structure, type or value such as
// "2024-02-30" (with the JSON pointer).
CalendarSpec parse_calendar_spec(std::string_view json_text, const std::string& source = "<text>");
// Reads and parses a file; Error{io_error} when it cannot be read.
CalendarSpec load_calendar_spec(const std::string& path);

// An instant outside a calendar's coverage is an Error{out_of_range} whose
// message ends with how to load more years, naming the C++ call. Each
// interface puts its own call in its place: `message` with kCoverageAdvice
// replaced by `advice` (unchanged when it has none).
inline constexpr const char kCoverageAdvice[] =
    "load the years needed, e.g. WorkCalendar::indonesia(2023, 2026)";
std::string with_coverage_advice(std::string message, std::string_view advice);

// The rule name of Ramadan office-hour periods (docs/calendar.md).
inline constexpr const char kRamadanRule[] = "ramadan";

// Where shipped data is found and what to combine with it.
struct CalendarOptions {
  // The data folder holding calendars/<id>.json. Empty: the environment
  // variable SOPKIT_DATA_DIR, else the copy of data/calendars built into the
  // library (an installed library needs no data files; a folder is only for
  // data newer than the build, such as an amended decree).
  std::string data_dir;
  std::optional<WeekSchedule> week;  // absent: the ASN five-day week
  std::vector<std::string> rules;    // optional rules to apply ("ramadan")
  // Applies the Ramadan week of Perpres 21/2023 in the Ramadan periods the data
  // carries (rule "ramadan"); false keeps the normal week through Ramadan.
  bool ramadan_hours = true;
  WorkConvention convention;
  // Regional holiday files ("sopkit.calendar/1") added on top of the shipped
  // or loaded data, in order, with CalendarSpec::add_regional.
  std::vector<std::string> regional_files;
};

// The data folder CalendarOptions resolves to (see data_dir); empty when the
// built-in copy is used.
std::string calendar_data_dir(const CalendarOptions& options = {});

// Which end of a ranged Duration ("1-3 Hari") to add.
enum class DurationEnd : unsigned char { min, max };

// ---- The calendar ---------------------------------------------------------------

// An immutable working calendar over its coverage (first_date..last_date).
// Copies share one body: cheap to copy, safe to read from many threads.
// Every operation refuses instants outside the coverage with
// Error{out_of_range} rather than guess about days it has no data for.
class WorkCalendar {
 public:
  // Validates and builds (per-day table of office intervals and cumulative
  // working minutes). Throws Error{validation_failed} naming the entry (its
  // origin) for: no coverage; office hours that overlap, run backwards or lie
  // outside 00:00-24:00; a holiday/override date outside the coverage or given
  // twice; overlapping periods; a week or coverage with no working time at all.
  explicit WorkCalendar(const CalendarSpec& spec);

  // A calendar from one file (week from the file or options, else ASN).
  static WorkCalendar from_file(const std::string& path, const CalendarOptions& options = {});
  // Shipped data by id ("id-2024"): <data_dir>/calendars/<id>.json, or the
  // built-in copy of that file (see CalendarOptions::data_dir).
  // Error{not_found} for an unknown id, Error{io_error} for an unreadable file.
  static WorkCalendar indonesia(std::string_view id, const CalendarOptions& options = {});
  // Shipped years first_year..last_year merged into one calendar ("id-<year>").
  static WorkCalendar indonesia(int first_year, int last_year, const CalendarOptions& options = {});

  const std::string& id() const noexcept;
  Date first_date() const noexcept;
  Date last_date() const noexcept;
  Instant coverage_begin() const noexcept { return start_of(first_date()); }
  Instant coverage_end() const noexcept { return start_of(last_date() + 1); }  // exclusive
  const WorkConvention& convention() const noexcept;

  // Per-date facts (Error{out_of_range} outside the coverage).
  bool is_working_day(Date d) const;
  std::int64_t working_minutes_on(Date d) const;
  // The office intervals of a date (empty on a holiday or weekend).
  std::vector<TimeInterval> office_intervals(Date d) const;
  // The holiday or cuti bersama on a date, if any.
  std::optional<Holiday> holiday_on(Date d) const;
  const std::vector<Holiday>& holidays() const noexcept;

  // True when the office works at minute t (07:30 yes, 07:29 and 12:00 no).
  bool is_working_time(Instant t) const;
  // t itself when working, else the next opening (after a break, the evening,
  // weekend or holiday). Error{out_of_range} when none is left in the coverage.
  Instant next_working_instant(Instant t) const;

  // The earliest instant at which `minutes` (>= 0) of office time after t have
  // passed; breaks, evenings, weekends and holidays are skipped. 0 gives t.
  // Error{invalid_argument} for negative minutes; Error{out_of_range} when the
  // result would lie past the coverage.
  Instant add_working_minutes(Instant t, std::int64_t minutes) const;
  // Adds `days` (>= 0) working days keeping the clock time: a start outside
  // office hours first moves to the next opening (0 days gives that opening),
  // then the date moves to the days-th next working day. The clock is kept,
  // but pulled into that day's opening..closing span (Fri 16:15 + 1 day =
  // Mon 16:00).
  Instant add_working_days(Instant t, std::int64_t days) const;
  // Adds a standard time: whole working days first (hari, plus minggu and
  // bulan converted by the convention's days_per_week and days_per_month), then
  // office minutes (jam, menit, detik, and the fraction of a day times
  // convention().minutes_per_day), rounded up to a whole minute. "2 hari 3 jam"
  // = add_working_days(t, 2) then add_working_minutes(…, 180); a zero duration
  // gives t. `end` picks the lower or upper end of a range ("1-3 Hari").
  Instant add(Instant t, const Duration& d, DurationEnd end = DurationEnd::max) const;

  // Office minutes in [a, b); negative when b < a. Both instants must lie in
  // coverage_begin()..coverage_end(). add_working_minutes(a, n) = b gives n.
  std::int64_t working_minutes_between(Instant a, Instant b) const;
  // Working days after a's date up to and including b's date (negative when
  // b < a). For a working instant a, add_working_days(a, n) = b gives n.
  std::int64_t working_days_between(Instant a, Instant b) const;

  // The holidays and cuti bersama dated in [from, to), in date order. from and
  // to lie in first_date()..last_date() + 1 (Error{out_of_range});
  // Error{invalid_argument} when to < from.
  std::vector<Holiday> holidays_between(Date from, Date to) const;
  // Working days in [from, to) (numpy.busday_count's rule): the dates d with
  // from <= d < to that have office hours; when to < from, minus the count of
  // [to, from). from and to lie in first_date()..last_date() + 1.
  std::int64_t count_working_days(Date from, Date to) const;
  // out[i] = count_working_days(from[i], to[i]); `out` may alias either input.
  // The first date outside the coverage throws with "element i".
  void count_working_days(const Date* from, const Date* to, std::int64_t* out, std::size_t n) const;

  // Bulk forms for millions of instants: out[i] = scalar(start[i], amount[i]).
  // No allocation per element; `out` may alias `start`. The first bad element
  // throws the scalar's Error with its index in where() ("element 12");
  // out[] is then partly written.
  void add_working_minutes(const Instant* start, const std::int64_t* minutes, Instant* out,
                           std::size_t n) const;
  void add_working_days(const Instant* start, const std::int64_t* days, Instant* out,
                        std::size_t n) const;
  // out[i] = working_minutes_between(a[i], b[i]); `out` may alias `a` or `b`.
  // The first instant outside the coverage throws with "element i".
  void working_minutes_between(const Instant* a, const Instant* b, std::int64_t* out,
                               std::size_t n) const;

 private:
  struct Body;
  std::shared_ptr<const Body> body_;
};

// The holidays of `calendar` dated in [from, to) as "sopkit.holidays/1" JSON:
// {"format", "calendar", "from", "to", "holidays": [{"date", "name", "kind",
// "decree"}]} with kind as holiday_kind_name. Errors as holidays_between.
std::string holidays_to_json(const WorkCalendar& calendar, Date from, Date to);

}  // namespace sopkit
