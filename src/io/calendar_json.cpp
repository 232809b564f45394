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
#include "io/detail/json_text.hpp"
#include "io/detail/shipped_calendars.hpp"

#include "sopkit/calendar.hpp"
#include "sopkit/error.hpp"

namespace sopkit {
namespace {

using json = nlohmann::json;

constexpr const char* kFormat = "sopkit.calendar/1";
constexpr const char* kDayKeys[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

class Cursor {
 public:
  Cursor(const json& v, std::string pointer, const std::string& source)
      : v_(v), ptr_(std::move(pointer)), src_(source) {}

  std::string where() const { return src_ + ":" + (ptr_.empty() ? "/" : ptr_); }
  [[noreturn]] void fail(const std::string& message) const {
    throw Error(ErrorCode::format_error, message, where());
  }
  const json& value() const { return v_; }
  bool has(const char* key) const { return v_.is_object() && v_.contains(key); }
  Cursor operator[](const char* key) const {
    if (!has(key)) fail(std::string("missing \"") + key + "\"");
    return Cursor(v_.at(key), ptr_ + "/" + key, src_);
  }
  Cursor operator[](std::size_t i) const {
    return Cursor(v_.at(i), ptr_ + "/" + std::to_string(i), src_);
  }
  void expect_object(std::initializer_list<const char*> allowed) const {
    if (!v_.is_object()) fail("expected an object");
    for (auto it = v_.begin(); it != v_.end(); ++it) {
      bool ok = false;
      for (const char* a : allowed) ok = ok || it.key() == a;
      if (!ok) {
        std::string list;
        for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
        fail("unknown key \"" + it.key() + "\" (expected " + list + ")");
      }
    }
  }
  std::size_t array_size() const {
    if (!v_.is_array()) fail("expected an array");
    return v_.size();
  }
  std::string str() const {
    if (!v_.is_string()) fail("expected a string");
    return v_.get<std::string>();
  }
  std::string str_or(const char* key, std::string fallback) const {
    return has(key) ? (*this)[key].str() : std::move(fallback);
  }
  bool boolean() const {
    if (!v_.is_boolean()) fail("expected true or false");
    return v_.get<bool>();
  }
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
  const json& v_;
  std::string ptr_;
  const std::string& src_;
};

OfficeHours read_hours(const Cursor& c) {
  if (c.value().is_null()) return OfficeHours::closed();
  c.expect_object({"open", "close", "breaks"});
  OfficeHours h;
  h.open = c["open"].clock();
  h.close = c["close"].clock();
  if (c.has("breaks")) {
    const Cursor bs = c["breaks"];
    for (std::size_t i = 0, n = bs.array_size(); i < n; ++i) {
      const Cursor b = bs[i];
      if (b.array_size() != 2) b.fail("a break is [\"HH:MM\", \"HH:MM\"]");
      h.breaks.push_back({b[std::size_t{0}].clock(), b[std::size_t{1}].clock()});
    }
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

CalendarSpec read_spec(const json& root, const std::string& source) {
  const Cursor top(root, "", source);
  if (!root.is_object()) top.fail("expected a calendar object");
  if (top["format"].str() != kFormat)
    top["format"].fail("unsupported format \"" + top["format"].str() + "\" (expected \"" + kFormat +
                       "\")");
  CalendarSpec spec;
  spec.sources.push_back(source);
  spec.id = top.str_or("id", "");
  const Cursor cov = top["coverage"];
  cov.expect_object({"from", "to"});
  spec.from = cov["from"].date();
  spec.to = cov["to"].date();
  if (*spec.to < *spec.from) cov.fail("the coverage runs backwards");

  // "decree" may name an entry of "decrees" so a file states each decree once.
  std::map<std::string, std::string> decrees;
  if (top.has("decrees")) {
    const Cursor ds = top["decrees"];
    if (!ds.value().is_object()) ds.fail("expected an object of decree texts");
    for (auto it = ds.value().begin(); it != ds.value().end(); ++it)
      decrees[it.key()] = Cursor(it.value(), "/decrees/" + it.key(), source).str();
  }
  auto decree = [&](const Cursor& c) {
    std::string d = c.str_or("decree", "");
    auto it = decrees.find(d);
    return it != decrees.end() ? it->second : d;
  };

  if (top.has("week")) {
    spec.week = read_week(top["week"]);
    spec.week_origin = top["week"].where();
  }
  if (top.has("holidays")) {
    const Cursor hs = top["holidays"];
    for (std::size_t i = 0, n = hs.array_size(); i < n; ++i) {
      const Cursor h = hs[i];
      h.expect_object({"date", "name", "kind", "decree", "note"});
      Holiday x;
      x.date = h["date"].date();
      x.name = h["name"].str();
      x.kind = h.has("kind") ? read_kind(h["kind"]) : HolidayKind::holiday;
      x.decree = decree(h);
      x.origin = h.where();
      spec.holidays.push_back(std::move(x));
    }
  }
  if (top.has("overrides")) {
    const Cursor os = top["overrides"];
    for (std::size_t i = 0, n = os.array_size(); i < n; ++i) {
      const Cursor o = os[i];
      o.expect_object({"date", "name", "decree", "hours", "note"});
      DayOverride x;
      x.date = o["date"].date();
      x.name = o.str_or("name", "");
      x.hours = read_hours(o["hours"]);
      x.decree = decree(o);
      x.origin = o.where();
      spec.overrides.push_back(std::move(x));
    }
  }
  if (top.has("periods")) {
    const Cursor ps = top["periods"];
    for (std::size_t i = 0, n = ps.array_size(); i < n; ++i) {
      const Cursor p = ps[i];
      p.expect_object({"from", "to", "name", "decree", "rule", "optional", "week", "note"});
      HoursPeriod x;
      x.from = p["from"].date();
      x.to = p["to"].date();
      x.name = p.str_or("name", "");
      x.decree = decree(p);
      x.rule = p.str_or("rule", "");
      x.optional = p.has("optional") && p["optional"].boolean();
      if (x.optional && x.rule.empty()) p.fail("an optional period needs a \"rule\" name");
      x.week = read_week(p["week"]);
      x.origin = p.where();
      spec.periods.push_back(std::move(x));
    }
  }
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
  return read_spec(detail::parse_json_text(text, source), source);
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
