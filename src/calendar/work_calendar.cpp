// work_calendar.cpp — building the per-day table and the working-time arithmetic.
//
// Every question is answered from tables made once when the calendar is built,
// so that a bulk call costs a few array reads per element and never loops over
// dates:
//  * each coverage day points at a *pattern* (its list of office intervals;
//    a calendar has only a handful: Mon-Thu, Fri, closed, a few overrides);
//  * per pattern, three 1441-entry minute tables: the next working minute at
//    or after m, the working minutes before m, and the minute at which r
//    working minutes of the day are done;
//  * per day, the cumulative working minutes before it and its rank among the
//    working days, plus the list of working days.
// Adding minutes is then cum[] + a galloping search; adding days is rank
// arithmetic. The scalar and the bulk forms share the same inline kernels.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sopkit/calendar.hpp"
#include "sopkit/error.hpp"

namespace sopkit {

namespace {

constexpr int kTableSize = kMinutesPerDay + 1;
constexpr std::uint16_t kNone = 0xFFFF;
// 400 years of days is far more than any SOP needs and keeps tables bounded.
constexpr std::int64_t kMaxCoverageDays = 146097;

constexpr const char* kDayKeys[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::string at(const std::string& origin, const std::string& what) {
  return origin.empty() ? what : origin;
}

// The office intervals of one day's hours, checked.
std::vector<TimeInterval> intervals_of(const OfficeHours& h, const std::string& where) {
  if (h.open == h.close && h.breaks.empty()) return {};
  auto clock = [](int m) { return format_clock(m); };
  if (h.open < 0 || h.close > kMinutesPerDay || h.open > kMinutesPerDay || h.close < 0)
    throw Error(ErrorCode::validation_failed,
                "office hours must lie within 00:00-24:00 (got open " + std::to_string(h.open) +
                    ", close " + std::to_string(h.close) + " minutes after midnight)",
                where);
  if (h.open >= h.close)
    throw Error(ErrorCode::validation_failed,
                "office hours run backwards: open " + clock(h.open) + " is not before close " +
                    clock(h.close),
                where);
  std::vector<TimeInterval> breaks = h.breaks;
  std::sort(breaks.begin(), breaks.end(),
            [](const TimeInterval& a, const TimeInterval& b) { return a.begin < b.begin; });
  std::vector<TimeInterval> out;
  int cur = h.open;
  for (std::size_t i = 0; i < breaks.size(); ++i) {
    const TimeInterval& b = breaks[i];
    if (b.begin >= b.end)
      throw Error(ErrorCode::validation_failed,
                  "a break runs backwards: " + clock(b.begin) + "-" + clock(b.end), where);
    if (b.begin < h.open || b.end > h.close)
      throw Error(ErrorCode::validation_failed,
                  "the break " + clock(b.begin) + "-" + clock(b.end) +
                      " lies outside the office hours " + clock(h.open) + "-" + clock(h.close),
                  where);
    if (b.begin < cur)
      throw Error(ErrorCode::validation_failed,
                  "breaks overlap: " + clock(breaks[i - 1].begin) + "-" + clock(breaks[i - 1].end) +
                      " and " + clock(b.begin) + "-" + clock(b.end),
                  where);
    if (b.begin > cur) out.push_back({cur, b.begin});
    cur = b.end;
  }
  if (cur < h.close) out.push_back({cur, h.close});
  if (out.empty())
    throw Error(ErrorCode::validation_failed,
                "breaks cover the whole day " + clock(h.open) + "-" + clock(h.close) +
                    "; write a closed day instead",
                where);
  return out;
}

using Week = std::array<std::vector<TimeInterval>, 7>;

Week week_intervals(const WeekSchedule& w, const std::string& origin, const char* what) {
  Week out;
  for (std::size_t d = 0; d < 7; ++d)
    out[d] = intervals_of(w.days[d], origin.empty() ? std::string(what) + " " + kDayKeys[d]
                                                    : origin + "/" + kDayKeys[d]);
  return out;
}

int minutes_of(const std::vector<TimeInterval>& iv) {
  int total = 0;
  for (const TimeInterval& i : iv) total += i.end - i.begin;
  return total;
}

[[noreturn]] void throw_coverage(const std::string& what, Date first, Date last,
                                 const std::string& id, const std::string& where = {}) {
  throw Error(ErrorCode::out_of_range,
              what + "; the calendar" + (id.empty() ? std::string() : " '" + id + "'") +
                  " has data for " + format_date(first) + " to " + format_date(last) + " only (" +
                  kCoverageAdvice + ")",
              where);
}

}  // namespace

std::string with_coverage_advice(std::string message, std::string_view advice) {
  const std::string_view cxx = kCoverageAdvice;
  const std::size_t at_advice = message.find(cxx);
  if (at_advice != std::string::npos) message.replace(at_advice, cxx.size(), advice);
  return message;
}

struct WorkCalendar::Body {
  std::string id;
  Date first = 0;
  std::int64_t ndays = 0;
  Instant base = 0;  // start_of(first)
  WorkConvention conv;
  std::vector<Holiday> holidays;  // sorted by date

  struct DayInfo {
    std::int32_t rank_at;     // working days before this day (its rank if it works)
    std::int32_t rank_after;  // working days up to and including this day
    std::uint16_t open;       // first opening minute (0 when closed)
    std::uint16_t close;      // last closing minute (0 when closed)
    std::uint16_t next_open;  // opening minute of the next working day after this one
    std::uint16_t pattern;
  };
  std::vector<DayInfo> days;      // ndays
  std::vector<std::int64_t> cum;  // ndays + 1: working minutes before each day
  struct WorkingDay {
    std::int32_t day;  // day index
    std::uint16_t open, close;
  };
  std::vector<WorkingDay> working;        // the working days in order: rank -> day and its span
  std::vector<std::uint16_t> next_tab;    // pattern * 1441 + m: next working minute >= m, or kNone
  std::vector<std::uint16_t> before_tab;  // pattern * 1441 + m: working minutes in [0, m)
  std::vector<std::uint16_t> done_tab;    // pattern * 1441 + r: minute when r minutes are done
  std::vector<std::vector<TimeInterval>> patterns;

  Date last() const noexcept { return first + ndays - 1; }

  // ---- construction from a spec, in steps ------------------------------------
  struct ActivePeriod {  // a period of other hours (Ramadan) that applies
    Date from, to;
    Week week;
    std::string where;
  };
  // What decides each date: a holiday, an override, an active period, else the week.
  struct DaySources {
    Week week;
    std::vector<Date> holiday_dates;  // sorted
    std::map<Date, std::vector<TimeInterval>> overrides;
    std::vector<ActivePeriod> periods;  // none overlapping

    const std::vector<TimeInterval>& hours_of(Date d) const {
      static const std::vector<TimeInterval> kClosed;
      if (std::binary_search(holiday_dates.begin(), holiday_dates.end(), d)) return kClosed;
      if (auto o = overrides.find(d); o != overrides.end()) return o->second;
      const std::size_t wd = static_cast<std::size_t>(weekday_of(d));
      const std::vector<TimeInterval>* iv = &week[wd];
      for (const ActivePeriod& a : periods)
        if (d >= a.from && d <= a.to) iv = &a.week[wd];
      return *iv;
    }
  };
  void set_coverage(const CalendarSpec& spec);
  DaySources day_sources(const CalendarSpec& spec);
  void add_period(const CalendarSpec& spec, const HoursPeriod& p,
                  std::vector<ActivePeriod>& periods) const;
  std::vector<std::uint16_t> assign_patterns(const DaySources& src);
  void build_minute_tables();
  void build_day_table(const std::vector<std::uint16_t>& day_pattern);

  // ---- kernels shared by scalar and bulk forms --------------------------------
  // Raw pointers copied out of the body once per call, so the bulk loops keep
  // them in registers; day arithmetic in 32 bits (coverage < 2^32 minutes).
  struct Kernel {
    Instant base;
    std::uint64_t span;  // coverage in minutes
    std::int64_t ndays;
    const DayInfo* days;
    const std::int64_t* cum;
    const WorkingDay* working;
    std::uint64_t nworking;
    const std::uint16_t* next;
    const std::uint16_t* before;
    const std::uint16_t* done;

    // t - base in unsigned arithmetic: defined for every t (a signed
    // subtraction overflows for t near INT64_MAX and a base before 1970, as
    // fuzz_capi found), and an instant before base wraps to a huge offset
    // that the one compare against span refuses.
    std::uint64_t offset(Instant t) const noexcept {
      return static_cast<std::uint64_t>(t) - static_cast<std::uint64_t>(base);
    }

    // false when t lies outside the coverage, n < 0, or the result past the coverage.
    bool add_minutes(Instant t, std::int64_t n, Instant& out) const noexcept {
      const std::uint64_t rel = offset(t);
      if (rel >= span || n < 0 || n > cum[ndays]) return false;  // no overflow below
      const std::uint32_t rel32 = static_cast<std::uint32_t>(rel);
      const std::uint32_t dd = rel32 / 1440u;
      const std::uint32_t m = rel32 - dd * 1440u;
      const std::int64_t target = cum[dd] + before[days[dd].pattern * kTableSize + m] + n;
      if (n == 0) {
        out = t;
        return true;
      }
      if (target > cum[ndays]) return false;
      // Smallest i > dd with cum[i] >= target: gallop from dd, then binary search.
      std::int64_t i = dd + 1;
      if (cum[i] < target) {
        std::int64_t lo = i, step = 1, hi = i + 1;
        while (hi < ndays && cum[hi] < target) {
          lo = hi;
          step *= 2;
          hi = lo + step;
        }
        if (hi > ndays) hi = ndays;
        i = std::lower_bound(cum + lo + 1, cum + hi + 1, target) - cum;
      }
      const std::int64_t day = i - 1;
      out =
          base + day * kMinutesPerDay + done[days[day].pattern * kTableSize + (target - cum[day])];
      return true;
    }

    // false when t lies outside the coverage, n < 0, or the result past the coverage.
    bool add_days(Instant t, std::int64_t n, Instant& out) const noexcept {
      const std::uint64_t rel = offset(t);
      if (rel >= span || n < 0 || static_cast<std::uint64_t>(n) >= nworking) return false;
      const std::uint32_t rel32 = static_cast<std::uint32_t>(rel);
      const std::uint32_t dd = rel32 / 1440u;
      const std::uint32_t m = rel32 - dd * 1440u;
      const DayInfo& di = days[dd];
      const std::uint16_t nm = next[di.pattern * kTableSize + m];
      // No office time left today: the next working day opens. Selected with a mask,
      // not a branch: whether a random start rolls is unpredictable.
      const std::int64_t rolls = -static_cast<std::int64_t>(nm == kNone);
      const std::uint64_t r =
          static_cast<std::uint64_t>(di.rank_at + ((di.rank_after - di.rank_at) & rolls) + n);
      std::int64_t clock = nm + ((static_cast<std::int64_t>(di.next_open) - nm) & rolls);
      if (r >= nworking) return false;
      const WorkingDay& w = working[r];
      clock = std::min<std::int64_t>(std::max<std::int64_t>(clock, w.open), w.close);
      out = base + static_cast<std::int64_t>(w.day) * kMinutesPerDay + clock;
      return true;
    }
  };

  Kernel kernel() const noexcept {
    return {base,
            static_cast<std::uint64_t>(ndays * kMinutesPerDay),
            ndays,
            days.data(),
            cum.data(),
            working.data(),
            working.size(),
            next_tab.data(),
            before_tab.data(),
            done_tab.data()};
  }

  // Working minutes before t; t in [base, base + ndays * 1440].
  std::int64_t cumulative(Instant t) const noexcept {
    const std::int64_t rel = t - base;
    const std::int64_t dd = rel / kMinutesPerDay;
    if (dd >= ndays) return cum[static_cast<std::size_t>(ndays)];
    const std::int64_t m = rel - dd * kMinutesPerDay;
    return cum[static_cast<std::size_t>(dd)] +
           before_tab[days[static_cast<std::size_t>(dd)].pattern * kTableSize + m];
  }

  void check_in(Instant t, bool allow_end, const std::string& where = {}) const {
    const Instant end = base + ndays * kMinutesPerDay;
    if (t < base)
      throw_coverage(format_instant(t) + " is before the calendar's data begins", first, last(), id,
                     where);
    if (t > end || (t == end && !allow_end))
      throw_coverage(format_instant(t) + " is after the calendar's data ends", first, last(), id,
                     where);
  }

  std::int64_t day_index(Date d) const {
    if (d < first || d > last())
      throw_coverage(format_date(d) + " is outside the calendar's data", first, last(), id);
    return d - first;
  }

  // Working days before date index i, for i in 0..ndays (ndays: all of them).
  std::int64_t rank_before(std::int64_t i) const noexcept {
    return i >= ndays ? static_cast<std::int64_t>(working.size())
                      : days[static_cast<std::size_t>(i)].rank_at;
  }

  // The index of a date bounding a half-open range: first..last() + 1.
  std::int64_t bound_index(Date d, const std::string& where = {}) const {
    if (d < first || d > last() + 1)
      throw_coverage(format_date(d) + " is outside the calendar's data", first, last(), id, where);
    return d - first;
  }

  [[noreturn]] void throw_add(Instant t, std::int64_t n, const char* unit,
                              const std::string& where) const {
    if (n < 0)
      throw Error(ErrorCode::invalid_argument,
                  "cannot add a negative number of working " + std::string(unit) + " (" +
                      std::to_string(n) + ")",
                  where);
    check_in(t, false, where);
    throw_coverage("adding " + std::to_string(n) + " working " + unit + " to " + format_instant(t) +
                       " runs past the end of the calendar's data",
                   first, last(), id, where);
  }
};

void WorkCalendar::Body::set_coverage(const CalendarSpec& spec) {
  id = spec.id;
  spec.convention.check();
  conv = spec.convention;
  if (!spec.from || !spec.to)
    throw Error(ErrorCode::validation_failed,
                "the calendar has no coverage: give the first and last date its data speaks for "
                "(\"coverage\": {\"from\": ..., \"to\": ...})",
                spec.id);
  if (*spec.to < *spec.from)
    throw Error(
        ErrorCode::validation_failed,
        "the coverage runs backwards: " + format_date(*spec.from) + " to " + format_date(*spec.to),
        spec.id);
  first = *spec.from;
  ndays = *spec.to - *spec.from + 1;
  if (ndays > kMaxCoverageDays)
    throw Error(ErrorCode::validation_failed,
                "the coverage spans more than 400 years: " + format_date(*spec.from) + " to " +
                    format_date(*spec.to),
                spec.id);
  base = start_of(first);
}

WorkCalendar::Body::DaySources WorkCalendar::Body::day_sources(const CalendarSpec& spec) {
  DaySources src;
  src.week = week_intervals(spec.week ? *spec.week : WeekSchedule::asn_five_day(), spec.week_origin,
                            "week");
  int week_minutes = 0;
  for (const auto& d : src.week) week_minutes += minutes_of(d);
  if (week_minutes == 0)
    throw Error(ErrorCode::validation_failed,
                "the week has no office hours at all: adding working time would never end",
                at(spec.week_origin, "week"));

  std::map<Date, std::string> taken;  // date -> origin of the entry that claims it
  auto claim = [&](Date d, const std::string& origin, const char* what) {
    const std::string where = at(origin, what);
    if (d < first || d > last())
      throw Error(ErrorCode::validation_failed,
                  std::string(what) + " " + format_date(d) + " lies outside the coverage " +
                      format_date(first) + " to " + format_date(last()),
                  where);
    auto [it, fresh] = taken.emplace(d, where);
    if (!fresh)
      throw Error(ErrorCode::validation_failed,
                  "the date " + format_date(d) + " is given twice (also at " + it->second +
                      "); keep one entry per date",
                  where);
  };
  holidays = spec.holidays;
  std::stable_sort(holidays.begin(), holidays.end(),
                   [](const Holiday& x, const Holiday& y) { return x.date < y.date; });
  for (const Holiday& h : spec.holidays) claim(h.date, h.origin, "holiday");
  for (const Holiday& h : holidays) src.holiday_dates.push_back(h.date);
  for (const DayOverride& o : spec.overrides) {
    claim(o.date, o.origin, "override");
    src.overrides[o.date] = intervals_of(o.hours, at(o.origin, "override " + format_date(o.date)) +
                                                      (o.origin.empty() ? "" : "/hours"));
  }
  for (const HoursPeriod& p : spec.periods) add_period(spec, p, src.periods);
  return src;
}

void WorkCalendar::Body::add_period(const CalendarSpec& spec, const HoursPeriod& p,
                                    std::vector<ActivePeriod>& periods) const {
  const std::string where = at(p.origin, "period '" + p.name + "'");
  if (p.to < p.from)
    throw Error(ErrorCode::validation_failed,
                "the period runs backwards: " + format_date(p.from) + " to " + format_date(p.to),
                where);
  if (p.from < first || p.to > last())
    throw Error(ErrorCode::validation_failed,
                "the period " + format_date(p.from) + " to " + format_date(p.to) +
                    " lies outside the coverage " + format_date(first) + " to " +
                    format_date(last()),
                where);
  Week w =
      week_intervals(p.week, p.origin.empty() ? std::string() : p.origin + "/week", "period week");
  const bool enabled =
      !p.optional || std::find(spec.rules.begin(), spec.rules.end(), p.rule) != spec.rules.end();
  if (!enabled) return;
  for (const ActivePeriod& a : periods)
    if (p.from <= a.to && a.from <= p.to)
      throw Error(ErrorCode::validation_failed,
                  "the period " + format_date(p.from) + " to " + format_date(p.to) +
                      " overlaps another (" + a.where + ")",
                  where);
  periods.push_back({p.from, p.to, std::move(w), where});
}

// Each date's hours as an index into `patterns`, equal hours sharing one.
std::vector<std::uint16_t> WorkCalendar::Body::assign_patterns(const DaySources& src) {
  std::map<std::vector<std::pair<int, int>>, std::uint16_t> pattern_ids;
  std::vector<std::uint16_t> day_pattern(static_cast<std::size_t>(ndays));
  for (std::int64_t i = 0; i < ndays; ++i) {
    const std::vector<TimeInterval>& iv = src.hours_of(first + i);
    std::vector<std::pair<int, int>> key;
    for (const TimeInterval& t : iv) key.emplace_back(t.begin, t.end);
    auto [it, fresh] = pattern_ids.emplace(key, static_cast<std::uint16_t>(patterns.size()));
    if (fresh) patterns.push_back(iv);
    day_pattern[static_cast<std::size_t>(i)] = it->second;
  }
  return day_pattern;
}

// Per pattern and minute of the day: the next working minute, the working
// minutes before it, and the minute by which r working minutes are done.
void WorkCalendar::Body::build_minute_tables() {
  const std::size_t np = patterns.size();
  next_tab.assign(np * kTableSize, kNone);
  before_tab.assign(np * kTableSize, 0);
  done_tab.assign(np * kTableSize, 0);
  for (std::size_t p = 0; p < np; ++p) {
    const auto& iv = patterns[p];
    std::uint16_t* next = &next_tab[p * kTableSize];
    std::uint16_t* before = &before_tab[p * kTableSize];
    std::uint16_t* done = &done_tab[p * kTableSize];
    int worked = 0;
    std::size_t k = 0;
    for (int m = 0; m < kMinutesPerDay; ++m) {
      while (k < iv.size() && iv[k].end <= m) ++k;
      before[m] = static_cast<std::uint16_t>(worked);
      next[m] = k < iv.size() ? static_cast<std::uint16_t>(std::max(m, iv[k].begin)) : kNone;
      if (k < iv.size() && m >= iv[k].begin) {
        ++worked;
        done[worked] = static_cast<std::uint16_t>(m + 1);
      }
    }
    before[kMinutesPerDay] = static_cast<std::uint16_t>(worked);
    done[0] = iv.empty() ? 0 : static_cast<std::uint16_t>(iv.front().begin);
  }
}

// Per date: its pattern, opening and closing, rank among working days and the
// working minutes before it. Refuses a calendar with no working time at all.
void WorkCalendar::Body::build_day_table(const std::vector<std::uint16_t>& day_pattern) {
  days.resize(static_cast<std::size_t>(ndays));
  cum.resize(static_cast<std::size_t>(ndays) + 1);
  std::int64_t total = 0;
  for (std::int64_t i = 0; i < ndays; ++i) {
    const std::uint16_t p = day_pattern[static_cast<std::size_t>(i)];
    const auto& iv = patterns[p];
    DayInfo& di = days[static_cast<std::size_t>(i)];
    di.pattern = p;
    di.rank_at = static_cast<std::int32_t>(working.size());
    di.open = iv.empty() ? 0 : static_cast<std::uint16_t>(iv.front().begin);
    di.close = iv.empty() ? 0 : static_cast<std::uint16_t>(iv.back().end);
    cum[static_cast<std::size_t>(i)] = total;
    total += minutes_of(iv);
    if (!iv.empty()) working.push_back({static_cast<std::int32_t>(i), di.open, di.close});
    di.rank_after = static_cast<std::int32_t>(working.size());
  }
  cum[static_cast<std::size_t>(ndays)] = total;
  for (DayInfo& di : days)
    di.next_open = static_cast<std::size_t>(di.rank_after) < working.size()
                       ? working[static_cast<std::size_t>(di.rank_after)].open
                       : 0;
  if (total == 0)
    throw Error(ErrorCode::validation_failed,
                "the calendar has no working time at all between " + format_date(first) + " and " +
                    format_date(last()) + ": adding working time would never end",
                id);
}

WorkCalendar::WorkCalendar(const CalendarSpec& spec) {
  auto body = std::make_shared<Body>();
  body->set_coverage(spec);
  const Body::DaySources sources = body->day_sources(spec);
  body->build_day_table(body->assign_patterns(sources));
  body->build_minute_tables();
  body_ = std::move(body);
}

const std::string& WorkCalendar::id() const noexcept {
  return body_->id;
}
Date WorkCalendar::first_date() const noexcept {
  return body_->first;
}
Date WorkCalendar::last_date() const noexcept {
  return body_->last();
}
const WorkConvention& WorkCalendar::convention() const noexcept {
  return body_->conv;
}
const std::vector<Holiday>& WorkCalendar::holidays() const noexcept {
  return body_->holidays;
}

bool WorkCalendar::is_working_day(Date d) const {
  const auto& b = *body_;
  return !b.patterns[b.days[static_cast<std::size_t>(b.day_index(d))].pattern].empty();
}

std::int64_t WorkCalendar::working_minutes_on(Date d) const {
  const auto& b = *body_;
  const std::int64_t i = b.day_index(d);
  return b.cum[static_cast<std::size_t>(i) + 1] - b.cum[static_cast<std::size_t>(i)];
}

std::vector<TimeInterval> WorkCalendar::office_intervals(Date d) const {
  const auto& b = *body_;
  return b.patterns[b.days[static_cast<std::size_t>(b.day_index(d))].pattern];
}

std::optional<Holiday> WorkCalendar::holiday_on(Date d) const {
  const auto& b = *body_;
  b.day_index(d);
  auto it = std::lower_bound(b.holidays.begin(), b.holidays.end(), d,
                             [](const Holiday& h, Date x) { return h.date < x; });
  if (it != b.holidays.end() && it->date == d) return *it;
  return std::nullopt;
}

bool WorkCalendar::is_working_time(Instant t) const {
  const auto& b = *body_;
  b.check_in(t, false);
  const std::int64_t rel = t - b.base;
  const std::int64_t dd = rel / kMinutesPerDay;
  const std::int64_t m = rel - dd * kMinutesPerDay;
  return b.next_tab[b.days[static_cast<std::size_t>(dd)].pattern * kTableSize + m] == m;
}

Instant WorkCalendar::next_working_instant(Instant t) const {
  const auto& b = *body_;
  b.check_in(t, false);
  Instant out = 0;
  if (!b.kernel().add_days(t, 0, out))
    throw_coverage("there is no office time left after " + format_instant(t), b.first, b.last(),
                   b.id);
  return out;
}

Instant WorkCalendar::add_working_minutes(Instant t, std::int64_t minutes) const {
  const auto& b = *body_;
  Instant out = 0;
  if (!b.kernel().add_minutes(t, minutes, out)) b.throw_add(t, minutes, "minutes", {});
  return out;
}

Instant WorkCalendar::add_working_days(Instant t, std::int64_t days) const {
  const auto& b = *body_;
  Instant out = 0;
  if (!b.kernel().add_days(t, days, out)) b.throw_add(t, days, "days", {});
  return out;
}

Instant WorkCalendar::add(Instant t, const Duration& d, DurationEnd end) const {
  const WorkConvention& conv = body_->conv;
  auto amount = [&](TimeUnit u) {
    return end == DurationEnd::max ? d.max_amount(u) : d.min_amount(u);
  };
  const double days = amount(TimeUnit::day) + amount(TimeUnit::week) * conv.days_per_week +
                      amount(TimeUnit::month) * conv.days_per_month;
  const double minutes =
      amount(TimeUnit::hour) * 60.0 + amount(TimeUnit::minute) + amount(TimeUnit::second) / 60.0;
  if (!(days >= 0.0) || !(minutes >= 0.0) || !std::isfinite(days) || !std::isfinite(minutes))
    throw Error(ErrorCode::invalid_argument,
                "cannot add a negative or non-finite duration: '" + d.text() + "'");
  // Tolerances absorb binary fractions: 0.1 hari × 450 must give 45, not 46.
  double whole = std::floor(days + 1e-9);
  double fraction = days - whole;
  if (fraction < 1e-9) fraction = 0.0;
  const double total_minutes = fraction * conv.minutes_per_day + minutes;
  if (whole > 1e12 || total_minutes > 1e15)  // far past any coverage; keeps the casts defined
    throw_coverage("adding '" + d.text() + "' runs past the end of the calendar's data",
                   body_->first, body_->last(), body_->id);
  const auto office_minutes = static_cast<std::int64_t>(std::ceil(total_minutes - 1e-6));
  Instant r = t;
  if (whole > 0.0) r = add_working_days(r, static_cast<std::int64_t>(whole));
  if (office_minutes > 0) r = add_working_minutes(r, office_minutes);
  if (whole <= 0.0 && office_minutes <= 0) body_->check_in(t, false);
  return r;
}

std::int64_t WorkCalendar::working_minutes_between(Instant a, Instant b_) const {
  const auto& b = *body_;
  b.check_in(a, true);
  b.check_in(b_, true);
  return b.cumulative(b_) - b.cumulative(a);
}

std::int64_t WorkCalendar::working_days_between(Instant a, Instant b_) const {
  const auto& b = *body_;
  b.check_in(a, true);
  b.check_in(b_, true);
  auto upto = [&](Instant t) -> std::int64_t {
    const std::int64_t dd = (t - b.base) / kMinutesPerDay;
    return dd >= b.ndays ? static_cast<std::int64_t>(b.working.size())
                         : b.days[static_cast<std::size_t>(dd)].rank_after;
  };
  return upto(b_) - upto(a);
}

std::vector<Holiday> WorkCalendar::holidays_between(Date from, Date to) const {
  const auto& b = *body_;
  b.bound_index(from);
  b.bound_index(to);
  if (to < from)
    throw Error(ErrorCode::invalid_argument,
                "the range runs backwards: " + format_date(from) + " to " + format_date(to));
  auto by_date = [](const Holiday& h, Date x) { return h.date < x; };
  auto begin = std::lower_bound(b.holidays.begin(), b.holidays.end(), from, by_date);
  auto end = std::lower_bound(begin, b.holidays.end(), to, by_date);
  return {begin, end};
}

std::int64_t WorkCalendar::count_working_days(Date from, Date to) const {
  const auto& b = *body_;
  return b.rank_before(b.bound_index(to)) - b.rank_before(b.bound_index(from));
}

void WorkCalendar::count_working_days(const Date* from, const Date* to, std::int64_t* out,
                                      std::size_t n) const {
  const auto& b = *body_;
  // One unsigned compare per date: d - first wraps (defined) for d < first.
  const auto span = static_cast<std::uint64_t>(b.ndays);
  const auto first = static_cast<std::uint64_t>(b.first);
  for (std::size_t i = 0; i < n; ++i) {
    const Date f = from[i], t = to[i];
    const std::uint64_t fi = static_cast<std::uint64_t>(f) - first;
    const std::uint64_t ti = static_cast<std::uint64_t>(t) - first;
    if (fi > span || ti > span) {
      const std::string where = "element " + std::to_string(i);
      b.bound_index(f, where);
      b.bound_index(t, where);
    }
    out[i] =
        b.rank_before(static_cast<std::int64_t>(ti)) - b.rank_before(static_cast<std::int64_t>(fi));
  }
}

namespace {

// The bulk loop of both units: the kernel inlined, the error path cold.
template <class Add>
void bulk_add(Add add, const Instant* start, const std::int64_t* amount, Instant* out,
              std::size_t n, const std::function<void(std::size_t)>& fail) {
  for (std::size_t i = 0; i < n; ++i) {
    Instant r = 0;
    if (!add(start[i], amount[i], r)) fail(i);
    out[i] = r;
  }
}

}  // namespace

void WorkCalendar::add_working_minutes(const Instant* start, const std::int64_t* minutes,
                                       Instant* out, std::size_t n) const {
  const auto& b = *body_;
  const Body::Kernel k = b.kernel();
  auto add = [&k](Instant t, std::int64_t m, Instant& r) { return k.add_minutes(t, m, r); };
  bulk_add(add, start, minutes, out, n, [&](std::size_t i) {
    b.throw_add(start[i], minutes[i], "minutes", "element " + std::to_string(i));
  });
}

void WorkCalendar::add_working_days(const Instant* start, const std::int64_t* days, Instant* out,
                                    std::size_t n) const {
  const auto& b = *body_;
  const Body::Kernel k = b.kernel();
  auto add = [&k](Instant t, std::int64_t d, Instant& r) { return k.add_days(t, d, r); };
  bulk_add(add, start, days, out, n, [&](std::size_t i) {
    b.throw_add(start[i], days[i], "days", "element " + std::to_string(i));
  });
}

void WorkCalendar::working_minutes_between(const Instant* a, const Instant* b, std::int64_t* out,
                                           std::size_t n) const {
  const auto& body = *body_;
  // One unsigned compare per instant: t - base wraps (defined, in unsigned
  // arithmetic) for t < base.
  const auto span = static_cast<std::uint64_t>(body.ndays * kMinutesPerDay);
  const auto base = static_cast<std::uint64_t>(body.base);
  for (std::size_t i = 0; i < n; ++i) {
    const Instant ai = a[i], bi = b[i];
    if (static_cast<std::uint64_t>(ai) - base > span ||
        static_cast<std::uint64_t>(bi) - base > span) {
      const std::string where = "element " + std::to_string(i);
      body.check_in(ai, true, where);
      body.check_in(bi, true, where);
    }
    out[i] = body.cumulative(bi) - body.cumulative(ai);
  }
}

}  // namespace sopkit
