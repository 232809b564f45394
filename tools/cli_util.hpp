// cli_util.hpp — argument parsing and exit codes shared by the sopkit verbs.
#pragma once

#include <iosfwd>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sopkit/calendar.hpp"
#include "sopkit/indicator_io.hpp"
#include "sopkit/validation.hpp"

namespace sopkit::cli {

// Exit codes of every verb: 0 done (no errors found), 1 the input has errors,
// 2 usage or I/O problem (bad flags, unreadable file, unparseable input).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitUsage = 2;

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;  // "--start" -> "2024-04-05T08:00"
  std::set<std::string> flags;                 // "--json"

  bool flag(const std::string& name) const { return flags.count(name) != 0; }
  const std::string* option(const std::string& name) const {
    auto it = options.find(name);
    return it == options.end() ? nullptr : &it->second;
  }
};

// Thrown for a usage error; main() prints it with the verb's usage and exits 2.
struct UsageError {
  std::string message;
};

// Thrown by parse_args for --help or -h: the command's help text (its
// purpose, every option explained, the usage line), for main() to print.
struct HelpRequested {
  std::string text;
};

// The command being parsed: the title and the footer of its --help. main()
// sets it before it runs a verb.
struct Command {
  std::string name;     // "sopkit evaluate"
  std::string purpose;  // one sentence
  std::string usage;    // "sopkit evaluate DATA.csv|DATA.json [--period 2024-Q2] ..."
};
void set_command(Command command);
// Narrows the command to its sub-verb `sub` ("sopkit store import"): its
// --help then names it and shows only its alternatives of the usage line.
void enter_sub_verb(const std::string& sub);

// Splits argv into positionals, flags and options (`--name value` or
// `--name=value`) with CLI11 (command_line.cpp); each name's explanation
// comes from one table there. Unknown names, a flag given a value and a flag
// or option given twice are usage errors; --help throws HelpRequested.
Args parse_args(const std::vector<std::string>& argv, const std::set<std::string>& flag_names,
                const std::set<std::string>& option_names);

// Usage error when more than one of `names` (flags or options) is given, such
// as two output formats.
void refuse_together(const Args& a, const std::vector<std::string>& names);
// The value of option `name` as a finite number / a whole number >= 1; a usage
// error naming the option otherwise (nan, inf, 0, -1, trailing text).
double finite_number_option(const std::string& name, const std::string& text);
std::size_t positive_count_option(const std::string& name, const std::string& text);

// Options every verb takes, accepted before or after the verb:
//   --max-input-size BYTES  the largest input file read (default 1G; K, M and
//                           G suffixes are binary multiples)
// Applies them and returns `argv` without them. Bad values are usage errors.
inline constexpr const char* kGlobalOptionsUsage = "[--max-input-size BYTES]";
std::vector<std::string> apply_global_options(const std::vector<std::string>& argv);

// "Diagnostics: 1 error(s), 2 warning(s)" and one indented line per finding.
void print_diagnostics(std::ostream& out, const std::vector<Diagnostic>& diagnostics);

// The calendar a --calendar option names: a file (a path, or a name ending
// .json) or a shipped id such as "id-2024". Without the option, the shipped
// years of `start` and the next one (or that year alone when the next is not
// shipped), so that a run late in the year can cross into January.
// --no-ramadan-hours (a flag of every verb that takes --calendar) keeps the
// normal week through the Ramadan periods instead of the Ramadan week.
// --holidays FILE (an option of the same verbs) adds a region's own holiday
// file on top (CalendarSpec::add_regional).
inline constexpr const char* kNoRamadanHoursFlag = "--no-ramadan-hours";
inline constexpr const char* kHolidaysOption = "--holidays";
WorkCalendar choose_calendar(const Args& args, Instant start);
// As choose_calendar, for the dates first..last: without --calendar, the
// shipped years of first through last.
WorkCalendar choose_calendar_for_dates(const Args& args, Date first, Date last);

// Reads a whole file; throws sopkit::Error{io_error} naming it.
std::string read_file(const std::string& path);

// Cells of the text tables, so that no cell runs into the next: `text`
// padded with spaces to `width` code points (UTF-8 names line up) and always
// at least one space after it; a text too wide pushes the row right rather
// than being cut (a code or an id must be read whole).
std::string left_cell(std::string_view text, std::size_t width);
// As left_cell, appended to `line` (a long table's rows, without a string per cell).
void append_left_cell(std::string& line, std::string_view text, std::size_t width);
// As left_cell, aligned right and always at least one space before it.
std::string right_cell(std::string_view text, std::size_t width);
// `text` cut to at most `max` code points, the last one "~" when cut (for
// names in narrow columns); never inside a UTF-8 character.
std::string shorten(std::string_view text, std::size_t max);

// The CSV reading options of `--decimal-mark comma|dot` (absent: detect).
CsvOptions csv_options(const Args& args);
// `--threads N`: how many threads a verb may use (default: every core).
unsigned thread_count(const Args& args);

}  // namespace sopkit::cli
