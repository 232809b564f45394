// cli_util.cpp — argument parsing shared by the verbs.
#include "cli_util.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <ostream>
#include <thread>

#include "sopkit/error.hpp"
#include "sopkit/files.hpp"
#include "sopkit/input_limit.hpp"
#include "sopkit/report.hpp"

namespace sopkit::cli {

void refuse_together(const Args& a, const std::vector<std::string>& names) {
  const std::string* first = nullptr;
  for (const std::string& n : names) {
    if (!a.flag(n) && !a.option(n)) continue;
    if (first) throw UsageError{*first + " and " + n + " cannot be given together"};
    first = &n;
  }
}

double finite_number_option(const std::string& name, const std::string& text) {
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || !std::isfinite(v))
    throw UsageError{name + " takes a finite number, not '" + text + "'"};
  return v;
}

std::size_t positive_count_option(const std::string& name, const std::string& text) {
  const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  unsigned long long v = 0;
  try {
    if (digits) v = std::stoull(text);
  } catch (const std::exception&) {
    v = 0;
  }
  if (v == 0) throw UsageError{name + " takes a whole number >= 1, not '" + text + "'"};
  return static_cast<std::size_t>(v);
}

namespace {

constexpr const char* kMaxInputSize = "--max-input-size";

// "1048576", "64K", "512M", "2G" (binary multiples) as a byte count of at least 1.
std::uint64_t parse_byte_count(const std::string& text) {
  const UsageError bad{std::string(kMaxInputSize) +
                       " needs a number of bytes such as 1000000, 64K, 512M or 2G, not '" + text +
                       "'"};
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  const std::string suffix = text.substr(digits);
  const int shift = suffix.empty()  ? 0
                    : suffix == "K" ? 10
                    : suffix == "M" ? 20
                    : suffix == "G" ? 30
                                    : -1;
  if (digits == 0 || digits > 18 || shift < 0) throw bad;
  const std::uint64_t number = std::stoull(text.substr(0, digits));
  if (number == 0 || number > (std::numeric_limits<std::uint64_t>::max() >> shift)) throw bad;
  return number << shift;
}

}  // namespace

std::vector<std::string> apply_global_options(const std::vector<std::string>& argv) {
  std::vector<std::string> rest;
  const std::string prefix = std::string(kMaxInputSize) + "=";
  for (std::size_t i = 0; i < argv.size(); ++i) {
    if (argv[i] == kMaxInputSize) {
      if (i + 1 >= argv.size()) throw UsageError{std::string(kMaxInputSize) + " needs a value"};
      set_max_input_bytes(parse_byte_count(argv[++i]));
    } else if (argv[i].compare(0, prefix.size(), prefix) == 0) {
      set_max_input_bytes(parse_byte_count(argv[i].substr(prefix.size())));
    } else {
      rest.push_back(argv[i]);
    }
  }
  return rest;
}

void print_diagnostics(std::ostream& out, const std::vector<Diagnostic>& diagnostics) {
  std::size_t errors = 0, warnings = 0;
  for (const auto& d : diagnostics) (d.severity == Severity::error ? errors : warnings)++;
  out << "\nDiagnostics: " << errors << " error(s), " << warnings << " warning(s)\n";
  for (const auto& d : diagnostics) {
    out << "  " << severity_name(d.severity) << " [" << d.code << "]";
    if (!d.step.empty()) out << " step " << d.step;
    out << ": " << d.message << "\n";
  }
}

namespace {

CalendarOptions calendar_options(const Args& args) {
  CalendarOptions options;
  options.ramadan_hours = !args.flag(kNoRamadanHoursFlag);
  if (const std::string* regional = args.option(kHolidaysOption))
    options.regional_files.push_back(*regional);
  return options;
}

// The calendar --calendar names, if it is given.
std::optional<WorkCalendar> named_calendar(const Args& args, const CalendarOptions& options) {
  const std::string* choice = args.option("--calendar");
  if (!choice) return std::nullopt;
  std::error_code ec;
  bool is_file = std::filesystem::is_regular_file(*choice, ec) ||
                 choice->find('/') != std::string::npos ||
                 (choice->size() > 5 && choice->compare(choice->size() - 5, 5, ".json") == 0);
  return is_file ? WorkCalendar::from_file(*choice, options)
                 : WorkCalendar::indonesia(*choice, options);
}

int year_of(Date d) {
  return std::stoi(format_date(d).substr(0, 4));
}

}  // namespace

WorkCalendar choose_calendar(const Args& args, Instant start) {
  const CalendarOptions options = calendar_options(args);
  if (auto named = named_calendar(args, options)) return *named;
  return calendar_for_run(start, options);
}

WorkCalendar choose_calendar_for_dates(const Args& args, Date first, Date last) {
  const CalendarOptions options = calendar_options(args);
  if (auto named = named_calendar(args, options)) return *named;
  return WorkCalendar::indonesia(year_of(first), year_of(last), options);
}

std::string read_file(const std::string& path) {
  return read_text_file(path);
}

CsvOptions csv_options(const Args& args) {
  CsvOptions options;
  if (const std::string* mark = args.option("--decimal-mark")) {
    if (*mark == "comma")
      options.decimal_mark = DecimalMark::comma;
    else if (*mark == "dot")
      options.decimal_mark = DecimalMark::dot;
    else
      throw UsageError{"--decimal-mark takes comma (1.234,5) or dot (1234.5), not '" + *mark + "'"};
  }
  options.threads = thread_count(args);
  return options;
}

unsigned thread_count(const Args& args) {
  if (const std::string* n = args.option("--threads"))
    return static_cast<unsigned>(
        std::min<std::size_t>(positive_count_option("--threads", *n), 256));
  return std::max(1u, std::thread::hardware_concurrency());
}

namespace {

std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::string left_cell(std::string_view text, std::size_t width) {
  std::string out;
  append_left_cell(out, text, width);
  return out;
}

void append_left_cell(std::string& line, std::string_view text, std::size_t width) {
  const std::size_t n = code_points(text);
  line.append(text);
  line.append(n < width ? width - n : 1, ' ');
}

std::string shorten(std::string_view text, std::size_t max) {
  if (max == 0 || code_points(text) <= max) return std::string(text);
  std::size_t end = 0;  // after max - 1 code points
  for (std::size_t kept = 0; end < text.size(); ++end)
    if ((static_cast<unsigned char>(text[end]) & 0xC0) != 0x80 && kept++ == max - 1) break;
  return std::string(text.substr(0, end)) + "~";
}

std::string right_cell(std::string_view text, std::size_t width) {
  const std::size_t n = code_points(text);
  std::string out(n < width ? width - n : 1, ' ');
  out += text;
  return out;
}

}  // namespace sopkit::cli
