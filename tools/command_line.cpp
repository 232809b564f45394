// command_line.cpp — the verbs' options parsed by CLI11, each explained once.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <map>
#include <stdexcept>
#include <string_view>

#include "cli_util.hpp"

namespace sopkit::cli {

namespace {

struct Help {
  const char* value;  // the value's form in --help ("FILE", "2024-Q2")
  const char* text;
};

// Every option of every verb, explained once (a flag and an option may share
// a name: `store export --indicators` is a flag, `monev --indicators FILE` an
// option).
const std::map<std::string_view, Help> kOptionHelp = {
    {"--rework-rounds", {"K", "rework rounds of every loop in the worst case (default 1)"}},
    {"--start",
     {"YYYY-MM-DDTHH:MM", "when the run starts (monev: default the day after the period)"}},
    {"--calendar",
     {"FILE|ID",
      "a calendar file, or a shipped one such as id-2024 (default: the "
      "shipped years the dates need)"}},
    {"--holidays", {"FILE", "a region's own holidays (calendar JSON), added to the calendar"}},
    {"--period",
     {"PERIOD",
      "the period: 2024, 2024-Q2 (or 2024-TW2), 2021-2026; evaluate: only "
      "this one; monev: the quarter reported"}},
    {"--cap",
     {"100|110|120", "cap the score that is rated and rolled up (the achievement stays raw)"}},
    {"--scale",
     {"ID",
      "the rating scale: permendagri-86-2017 (default), sakip-88-2021, "
      "traffic-light, or one from --scales"}},
    {"--scales", {"FILE", "rating scales of your own (JSON), added to the built-in ones"}},
    {"--negative-formula",
     {"difference|ratio", "lower-is-better indicators: (2T-R)/T (default) or T/R"}},
    {"--warn-below",
     {"N", "early warning below a projected year-end achievement of N % (default 76)"}},
    {"--decimal-mark",
     {"comma|dot",
      "how the CSV writes numbers: 97,5 or 97.5 (default: detected; a "
      "cell that reads two ways is refused)"}},
    {"--threads", {"N", "threads to use on large files (default: every core; 1: one thread)"}},
    {"--format", {"svg|html|bpmn|dot|svg-pages", "the picture to write"}},
    {"--out", {"FILE|DIR", "where to write: a file (render), a new or sopkit-made folder (monev)"}},
    {"-o", {"FILE", "the file to write (default: standard output)"}},
    {"--lang", {"id|en", "the language of labels and headings (default id)"}},
    {"--rows-per-page", {"N", "at most N steps on a page of the SOP table"}},
    {"--sop", {"FILE", "the SOP document (JSON)"}},
    {"--indicators", {"FILE", "the indicator data (CSV or JSON)"}},
    {"--runs", {"FILE", "the quarter's run log (CSV or JSON), measured against the mutu baku"}},
    {"--from", {"YYYY-MM-DD", "the first date"}},
    {"--to", {"YYYY-MM-DD", "the day after the last date"}},
    {"--author", {"NAME", "who records it (kept in the audit trail)"}},
    {"--note", {"TEXT", "why (kept in the audit trail)"}},
    {"--date", {"YYYY-MM-DD", "the revision's date (default: today)"}},
    {"--revision", {"N", "the revision number (import: to give it; export: which one)"}},
    {"--indicator", {"CODE", "only this indicator's entries"}},
};

const std::map<std::string_view, const char*> kFlagHelp = {
    {"--json", "write JSON instead of text"},
    {"--csv", "write CSV instead of text"},
    {"--zero-over-zero-is-100", "a zero target met with zero counts as 100 %"},
    {"--no-ramadan-hours", "keep the normal office week through Ramadan"},
    {"--allow-identical", "record a revision even when it equals the latest"},
    {"--indicators", "export the indicator values instead of an SOP"},
};

Command& current() {
  static Command command{"sopkit", "", ""};
  return command;
}

// "-5" and "-" are values, not options.
bool looks_like_option(const std::string& s) {
  if (s.size() < 2 || s[0] != '-') return false;
  return !std::isdigit(static_cast<unsigned char>(s[1])) && s[1] != '.';
}

// sopkit's own rules before CLI11 reads the words, worded as the docs say: a
// name no option has, a flag given a value, a name given twice, an option
// without its value.
void check_words(const std::vector<std::string>& argv, const std::set<std::string>& flags,
                 const std::set<std::string>& options) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    if (!looks_like_option(argv[i])) continue;
    const std::size_t eq = argv[i].find('=');
    const std::string name = argv[i].substr(0, eq);
    if (name == "--help" || name == "-h") continue;
    const bool flag = flags.count(name) != 0;
    if (!flag && !options.count(name)) throw UsageError{"unknown option " + name};
    if (flag && eq != std::string::npos) throw UsageError{name + " takes no value"};
    if (!seen.insert(name).second) throw UsageError{name + " is given twice"};
    if (!flag && eq == std::string::npos && ++i >= argv.size())
      throw UsageError{name + " needs a value"};
  }
}

}  // namespace

void set_command(Command command) {
  current() = std::move(command);
}

void enter_sub_verb(const std::string& sub) {
  Command& command = current();
  // The usage's alternatives are "NAME init DB | import DB FILE ... | ...".
  std::string usage = command.usage.substr(std::min(command.usage.size(), command.name.size() + 1));
  std::string mine;
  for (std::size_t from = 0; from <= usage.size();) {
    std::size_t bar = usage.find(" | ", from);
    if (bar == std::string::npos) bar = usage.size();
    const std::string alternative = usage.substr(from, bar - from);
    if (alternative.compare(0, sub.size() + 1, sub + " ") == 0 || alternative == sub)
      mine += (mine.empty() ? "" : " | ") + alternative;
    from = bar + 3;
  }
  command.name += " " + sub;
  if (!mine.empty())
    command.usage = command.name.substr(0, command.name.size() - sub.size()) + mine;
}

Args parse_args(const std::vector<std::string>& argv, const std::set<std::string>& flag_names,
                const std::set<std::string>& option_names) {
  const Command& command = current();
  CLI::App app{command.purpose, command.name};
  app.set_help_flag("-h,--help", "show this help and exit");
  app.footer("usage: " + command.usage + "\noptions of every verb: " + kGlobalOptionsUsage +
             " (the largest input file read; default 1G)\nexit codes: 0 done, 1 the input has "
             "errors, 2 usage or I/O problem");
  Args a;
  app.add_option("ARGUMENTS", a.positional,
                 "the files the verb reads, or its sub-verb and arguments (see the usage below)")
      ->type_name("");
  for (const std::string& name : flag_names) {
    auto it = kFlagHelp.find(name);
    if (it == kFlagHelp.end()) throw std::logic_error("no help for the flag " + name);
    app.add_flag(name, it->second);
  }
  std::map<std::string, std::vector<std::string>> values;
  for (const std::string& name : option_names) {
    auto it = kOptionHelp.find(name);
    if (it == kOptionHelp.end()) throw std::logic_error("no help for the option " + name);
    app.add_option(name, values[name], it->second.text)
        ->type_name(it->second.value)
        ->expected(1)
        ->allow_extra_args(false);
  }
  const bool help = std::find_if(argv.begin(), argv.end(), [](const std::string& s) {
                      return s == "--help" || s == "-h";
                    }) != argv.end();
  if (!help) check_words(argv, flag_names, option_names);
  try {
    app.parse(std::vector<std::string>(argv.rbegin(), argv.rend()));
  } catch (const CLI::CallForHelp&) {
    throw HelpRequested{app.help()};
  } catch (const CLI::ParseError& e) {
    throw UsageError{e.what()};
  }
  for (const std::string& name : flag_names)
    if (app.count(name)) a.flags.insert(name);
  for (const auto& [name, given] : values)
    if (!given.empty()) a.options.emplace(name, given.front());
  return a;
}

}  // namespace sopkit::cli
