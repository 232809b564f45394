// calendar_json.cpp — the "sopkit.calendar/1" format and the shipped data folder.
//
// Every value is read through a small cursor that knows its JSON pointer, so a
// clerk who typed "2024-02-30" is told "id-2024.json:/holidays/7/date: ...".
// Unknown top-level keys (title, source notes) are allowed; unknown keys inside
// entries are not, because a misspelt "date" would otherwise vanish silently.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <utility>
#include <vector>
#include "io/detail/files.hpp"
#include "io/detail/json_cursor.hpp"
#include "io/detail/shipped_calendars.hpp"
#include "util/text.hpp"

#include "sopkit/calendar.hpp"
#include "sopkit/error.hpp"

namespace sopkit {
namespace {

constexpr const char* kFormat = "sopkit.calendar/1";
constexpr const char* kDayKeys[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// The one JSON cursor with the calendar's reading of dates and clock times: a
// Cursor made from another by [] refers to it, so it must not outlive it.
class Cursor {
 public:
  explicit Cursor(const detail::JsonCursor& c) : c_(c) {}

  std::string where() const { return c_.location(); }
  [[noreturn]] void fail(const std::string& message) const { c_.fail(message); }
  bool is_null() const { return c_.is_null(); }
  bool has(const char* key) const { return c_.has(key); }
  Cursor operator[](const char* key) const { return Cursor(c_.at(key)); }
  void expect_object(std::initializer_list<std::string_view> allowed) const {
    c_.expect(detail::JsonKind::object).refuse_unknown_members(allowed);
  }
  // Calls f(Cursor item) for each element, in order.
  template <typename F>
  void for_each_item(F f) const {
    c_.expect(detail::JsonKind::list).for_each_item([&](const detail::JsonCursor& item) {
      f(Cursor(item));
    });
  }
  // Calls f(std::string_view key, Cursor value) for each member, in order.
  template <typename F>
  void for_each_member(F f) const {
    c_.expect(detail::JsonKind::object)
        .for_each_member(
            [&](std::string_view key, const detail::JsonCursor& value) { f(key, Cursor(value)); });
  }
  std::string str() const { return std::string(c_.as_text()); }
  std::string str_or(const char* key, std::string fallback) const {
    return has(key) ? (*this)[key].str() : std::move(fallback);
  }
  bool boolean() const { return c_.as_bool(); }
  void expect_format(const char* format) const { c_.expect_format(format); }
  Date date() const {
    const std::string text = str();
    try {
      return parse_date(text);
    } catch (const Error& e) {
      fail(e.message());
    }
  }
  int clock() const {
    const std::string text = str();
    try {
      return parse_clock(text);
    } catch (const Error& e) {
      fail(e.message());
    }
  }

 private:
  detail::JsonCursor c_;
};

OfficeHours read_hours(const Cursor& c) {
  if (c.is_null()) return OfficeHours::closed();
  c.expect_object({"open", "close", "breaks"});
  OfficeHours h;
  h.open = c["open"].clock();
  h.close = c["close"].clock();
  if (c.has("breaks")) {
    const Cursor bs = c["breaks"];
    bs.for_each_item([&](const Cursor& b) {
      std::vector<Cursor> ends;
      b.for_each_item([&](const Cursor& end) { ends.push_back(end); });
      if (ends.size() != 2) b.fail("a break is [\"HH:MM\", \"HH:MM\"]");
      h.breaks.push_back({ends[0].clock(), ends[1].clock()});
    });
  }
  return h;
}

WeekSchedule read_week(const Cursor& c) {
  c.expect_object({"mon", "tue", "wed", "thu", "fri", "sat", "sun"});
  WeekSchedule w;  // days not named are closed
  for (std::size_t d = 0; d < 7; ++d)
    if (c.has(kDayKeys[d])) w.days[d] = read_hours(c[kDayKeys[d]]);
  return w;
}

HolidayKind read_kind(const Cursor& c) {
  const std::string k = c.str();
  if (k == "holiday" || k == "libur_nasional") return HolidayKind::holiday;
  if (k == "cuti_bersama" || k == "collective_leave") return HolidayKind::collective_leave;
  if (k == "local") return HolidayKind::local;
  c.fail("unknown kind \"" + k + "\" (expected holiday, cuti_bersama or local)");
}

// "decree" may name an entry of "decrees" so that a file states each decree
// once.
class Decrees {
 public:
  explicit Decrees(const Cursor& top) {
    if (top.has("decrees"))
      top["decrees"].for_each_member([&](std::string_view key, const Cursor& text) {
        by_name_[std::string(key)] = text.str();
      });
  }
  // The decree an entry cites: the text its "decree" names, or the text itself.
  std::string of(const Cursor& entry) const {
    std::string d = entry.str_or("decree", "");
    auto it = by_name_.find(d);
    return it != by_name_.end() ? it->second : d;
  }

 private:
  std::map<std::string, std::string> by_name_;
};

Holiday read_holiday(const Cursor& h, const Decrees& decrees) {
  h.expect_object({"date", "name", "kind", "decree", "note"});
  Holiday x;
  x.date = h["date"].date();
  x.name = h["name"].str();
  x.kind = h.has("kind") ? read_kind(h["kind"]) : HolidayKind::holiday;
  x.decree = decrees.of(h);
  x.origin = h.where();
  return x;
}

DayOverride read_override(const Cursor& o, const Decrees& decrees) {
  o.expect_object({"date", "name", "decree", "hours", "note"});
  DayOverride x;
  x.date = o["date"].date();
  x.name = o.str_or("name", "");
  x.hours = read_hours(o["hours"]);
  x.decree = decrees.of(o);
  x.origin = o.where();
  return x;
}

HoursPeriod read_period(const Cursor& p, const Decrees& decrees) {
  p.expect_object({"from", "to", "name", "decree", "rule", "optional", "week", "note"});
  HoursPeriod x;
  x.from = p["from"].date();
  x.to = p["to"].date();
  x.name = p.str_or("name", "");
  x.decree = decrees.of(p);
  x.rule = p.str_or("rule", "");
  x.optional = p.has("optional") && p["optional"].boolean();
  if (x.optional && x.rule.empty()) p.fail("an optional period needs a \"rule\" name");
  x.week = read_week(p["week"]);
  x.origin = p.where();
  return x;
}

CalendarSpec read_spec(const detail::JsonDocument& doc) {
  const Cursor top{detail::JsonCursor(doc)};
  top.expect_format(kFormat);
  CalendarSpec spec;
  spec.sources.push_back(doc.source());
  spec.id = top.str_or("id", "");
  const Cursor cov = top["coverage"];
  cov.expect_object({"from", "to"});
  spec.from = cov["from"].date();
  spec.to = cov["to"].date();
  if (*spec.to < *spec.from) cov.fail("the coverage runs backwards");
  const Decrees decrees(top);
  if (top.has("week")) {
    spec.week = read_week(top["week"]);
    spec.week_origin = top["week"].where();
  }
  if (top.has("holidays"))
    top["holidays"].for_each_item(
        [&](const Cursor& h) { spec.holidays.push_back(read_holiday(h, decrees)); });
  if (top.has("overrides"))
    top["overrides"].for_each_item(
        [&](const Cursor& o) { spec.overrides.push_back(read_override(o, decrees)); });
  if (top.has("periods"))
    top["periods"].for_each_item(
        [&](const Cursor& p) { spec.periods.push_back(read_period(p, decrees)); });
  return spec;
}

CalendarSpec base_spec(const CalendarOptions& options) {
  CalendarSpec spec;
  spec.week = options.week;
  spec.convention = options.convention;
  spec.rules = options.rules;
  if (options.ramadan_hours &&
      std::find(spec.rules.begin(), spec.rules.end(), kRamadanRule) == spec.rules.end())
    spec.rules.push_back(kRamadanRule);
  return spec;
}

// The ids a data folder holds, or ("" folder) the library's built-in copy.
std::string shipped_ids(const std::string& dir) {
  std::vector<std::string> ids;
  if (dir.empty()) {
    for (std::size_t i = 0; i < detail::kShippedCalendarCount; ++i)
      ids.push_back(detail::kShippedCalendars[i].id);
  } else {
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir + "/calendars", ec))
      if (e.path().extension() == ".json") ids.push_back(e.path().stem().string());
  }
  std::sort(ids.begin(), ids.end());
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out.empty() ? "none" : out;
}

CalendarSpec load_shipped(std::string_view id, const CalendarOptions& options) {
  bool ok = !id.empty();
  for (char c : id)
    ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_');
  const std::string dir = calendar_data_dir(options);
  if (!ok)
    throw Error(ErrorCode::not_found,
                "no shipped calendar '" + std::string(id) +
                    "' (ids are letters, digits, '-' and '_'; shipped: " + shipped_ids(dir) + ")");
  if (dir.empty()) {
    for (std::size_t i = 0; i < detail::kShippedCalendarCount; ++i)
      if (id == detail::kShippedCalendars[i].id)
        return parse_calendar_spec(detail::kShippedCalendars[i].json,
                                   "<built-in data/calendars/" + std::string(id) + ".json>");
    throw Error(ErrorCode::not_found,
                "no shipped calendar '" + detail::excerpt(id) + "' (built in: " + shipped_ids(dir) +
                    "; set SOPKIT_DATA_DIR or CalendarOptions::data_dir to a data folder with "
                    "calendars/" +
                    detail::excerpt(id) + ".json)");
  }
  const std::filesystem::path file =
      std::filesystem::path(dir) / "calendars" / (std::string(id) + ".json");
  std::error_code ec;
  if (!std::filesystem::exists(file, ec))
    throw Error(ErrorCode::not_found,
                "no shipped calendar '" + detail::excerpt(id) + "' (in " + dir + ": " +
                    shipped_ids(dir) +
                    "; unset SOPKIT_DATA_DIR and CalendarOptions::data_dir to use the data "
                    "built into the library)",
                file.string());
  return load_calendar_spec(file.string());
}

}  // namespace

CalendarSpec parse_calendar_spec(std::string_view text, const std::string& source) {
  return read_spec(detail::JsonDocument(text, source));
}

CalendarSpec load_calendar_spec(const std::string& path) {
  return parse_calendar_spec(detail::read_text_file(path), path);
}

std::string calendar_data_dir(const CalendarOptions& options) {
  if (!options.data_dir.empty()) return options.data_dir;
  if (const char* env = std::getenv("SOPKIT_DATA_DIR"); env != nullptr && *env != '\0') return env;
  return {};  // the copy built into the library
}

namespace {

// The calendar of `spec` with the options' regional files added on top.
WorkCalendar with_regional(CalendarSpec spec, const CalendarOptions& options) {
  for (const std::string& path : options.regional_files)
    spec.add_regional(load_calendar_spec(path));
  return WorkCalendar(spec);
}

}  // namespace

WorkCalendar WorkCalendar::from_file(const std::string& path, const CalendarOptions& options) {
  CalendarSpec spec = base_spec(options);
  spec.merge(load_calendar_spec(path));
  return with_regional(std::move(spec), options);
}

WorkCalendar WorkCalendar::indonesia(std::string_view id, const CalendarOptions& options) {
  CalendarSpec spec = base_spec(options);
  spec.merge(load_shipped(id, options));
  return with_regional(std::move(spec), options);
}

WorkCalendar WorkCalendar::indonesia(int first_year, int last_year,
                                     const CalendarOptions& options) {
  if (first_year > last_year)
    throw Error(ErrorCode::invalid_argument,
                "the years run backwards: " + std::to_string(first_year) + " to " +
                    std::to_string(last_year));
  CalendarSpec spec = base_spec(options);
  for (int y = first_year; y <= last_year; ++y)
    spec.merge(load_shipped("id-" + std::to_string(y), options));
  spec.id = first_year == last_year
                ? "id-" + std::to_string(first_year)
                : "id-" + std::to_string(first_year) + ".." + std::to_string(last_year);
  return with_regional(std::move(spec), options);
}

std::string holidays_to_json(const WorkCalendar& calendar, Date from, Date to) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Holiday& h : calendar.holidays_between(from, to))
    list.push_back({{"date", format_date(h.date)},
                    {"name", h.name},
                    {"kind", holiday_kind_name(h.kind)},
                    {"decree", h.decree}});
  const nlohmann::ordered_json out = {{"format", "sopkit.holidays/1"},
                                      {"calendar", calendar.id()},
                                      {"from", format_date(from)},
                                      {"to", format_date(to)},
                                      {"holidays", std::move(list)}};
  return out.dump(2);
}

}  // namespace sopkit
