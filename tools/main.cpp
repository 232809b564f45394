// main.cpp — `sopkit VERB ...`: dispatch to the verbs that are built in.
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "cli_util.hpp"
#include "commands.hpp"
#include "sopkit/error.hpp"
#include "sopkit/sopkit.h"
#include "standard_output.hpp"

namespace {

struct Verb {
  const char* name;
  const char* usage;
  int (*run)(const std::vector<std::string>&);
  const char* purpose;  // the first line of its --help
};

const Verb kVerbs[] = {
#ifdef SOPKIT_HAVE_CMD_VALIDATE
    {"validate", "sopkit validate FILE [--json]", sopkit::cli::cmd_validate,
     "Checks an SOP document against the rules of Permendagri 52/2011 and PermenPAN-RB 35/2012."},
#endif
#ifdef SOPKIT_HAVE_CMD_ANALYZE
    {"analyze", "sopkit analyze FILE [--json] [--rework-rounds K]", sopkit::cli::cmd_analyze,
     "The standard time of the happy path, critical path and slack, rework loops, workload and "
     "hand-offs of an SOP."},
#endif
#ifdef SOPKIT_HAVE_CMD_SCHEDULE
    {"schedule",
     "sopkit schedule FILE --start 2024-04-05T08:00 [--calendar FILE|id-2024] [--holidays FILE] "
     "[--no-ramadan-hours] [--json]",
     sopkit::cli::cmd_schedule,
     "Plans every step of an SOP on a working calendar (office hours, Ramadan hours, holidays, "
     "cuti bersama)."},
#endif
#ifdef SOPKIT_HAVE_CMD_EVALUATE
    {"evaluate",
     "sopkit evaluate DATA.csv|DATA.json [--period 2024-Q2] [--json|--csv] [--cap 100|110|120] "
     "[--scale ID] [--scales FILE] [--negative-formula difference|ratio] [--zero-over-zero-is-100] "
     "[--warn-below N] [--decimal-mark comma|dot] [--threads N]",
     sopkit::cli::cmd_evaluate,
     "Achievement (capaian) per indicator and period, predikat, unit roll-ups, money and early "
     "warnings."},
#endif
#ifdef SOPKIT_HAVE_CMD_RENDER
    {"render",
     "sopkit render FILE --format svg|html|bpmn|dot|svg-pages [-o OUT] [--lang id|en] "
     "[--rows-per-page N]",
     sopkit::cli::cmd_render,
     "Draws an SOP: the official table as SVG or HTML, BPMN, or Graphviz DOT."},
#endif
#ifdef SOPKIT_HAVE_CMD_MONEV
    {"monev",
     "sopkit monev --sop SOP.json --indicators DATA.csv --period 2024-Q2 [--start "
     "2024-07-01T07:30] "
     "[--calendar id-2024|FILE] [--holidays FILE] [--no-ramadan-hours] [--lang id|en] [--runs "
     "LOG.csv|RUNS.json] "
     "[--decimal-mark comma|dot] [--threads N] --out DIR",
     sopkit::cli::cmd_monev,
     "Writes the quarterly monev report of an SOP and its indicators into a folder (report.html, "
     "report.json)."},
#endif
#ifdef SOPKIT_HAVE_CMD_RUNS
    {"runs",
     "sopkit runs SOP.json LOG.csv|RUNS.json [--calendar FILE|id-2024] [--holidays FILE] "
     "[--no-ramadan-hours] [--json]",
     sopkit::cli::cmd_runs,
     "Measures actual runs of an SOP against its mutu baku on the working calendar."},
#endif
#ifdef SOPKIT_HAVE_CMD_CALENDAR
    {"calendar",
     "sopkit calendar holidays|days --from 2024-01-01 --to 2025-01-01 [--calendar id-2024|FILE] "
     "[--holidays FILE] [--no-ramadan-hours] [--json]",
     sopkit::cli::cmd_calendar,
     "The holidays and cuti bersama of a range, or the working days between two dates."},
#endif
#ifdef SOPKIT_HAVE_CMD_STORE
    {"store",
     "sopkit store init DB | import DB FILE.json|FILE.csv --author NAME [--note TEXT] "
     "[--date YYYY-MM-DD] [--revision N] [--allow-identical] [--decimal-mark comma|dot] [--threads "
     "N] "
     "| revisions DB [SOP-NUMBER] [--json] "
     "| diff DB SOP-NUMBER REV-A REV-B [--json] | export DB SOP-NUMBER [--revision N] [-o FILE] "
     "| export DB --indicators [-o FILE] | audit DB [--indicator CODE] [--json]",
     sopkit::cli::cmd_store,
     "The SQLite record store: SOP revisions, indicator values with their audit trail."},
#endif
};

void print_usage(std::ostream& out) {
  out << "usage:\n";
  for (const auto& v : kVerbs) out << "  " << v.usage << '\n';
  out << "options of every verb: " << sopkit::cli::kGlobalOptionsUsage
      << " (the largest input file read; default 1G)\n";
  out << "exit codes: 0 done, 1 the input has errors, 2 usage or I/O problem\n";
}

const Verb* find_verb(const std::string& name) {
  for (const auto& v : kVerbs)
    if (name == v.name) return &v;
  return nullptr;
}

int run_verb(const Verb& v, const std::vector<std::string>& args);

// `sopkit help [VERB [SUB-VERB]]`: the verb's (or sub-verb's) --help (or every verb's usage) on
// standard output.
int print_help(const std::vector<std::string>& args) {
  if (args.size() < 2) {
    print_usage(std::cout);
    return sopkit::cli::kExitOk;
  }
  if (const Verb* v = find_verb(args[1])) {
    std::vector<std::string> asked(args.begin() + 2, args.end());  // a sub-verb: help store import
    asked.push_back("--help");
    return run_verb(*v, asked);
  }
  std::cerr << "sopkit: unknown verb '" << args[1] << "'\n";
  print_usage(std::cerr);
  return sopkit::cli::kExitUsage;
}

// Runs a verb: its exit code, its usage errors (exit 2), its --help (exit 0).
int run_verb(const Verb& v, const std::vector<std::string>& args) {
  sopkit::cli::set_command({std::string("sopkit ") + v.name, v.purpose, v.usage});
  try {
    return v.run(args);
  } catch (const sopkit::cli::HelpRequested& h) {
    std::cout << h.text;
    return sopkit::cli::kExitOk;
  } catch (const sopkit::cli::UsageError& e) {
    std::cerr << "sopkit " << v.name << ": " << e.message << "\nusage: " << v.usage << '\n';
    return sopkit::cli::kExitUsage;
  } catch (const sopkit::Error& e) {
    std::cerr << "sopkit " << v.name << ": error: "
              << sopkit::with_coverage_advice(e.what(),
                                              "give --calendar a calendar file that covers them")
              << '\n';
    return sopkit::cli::kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "sopkit " << v.name << ": internal error: " << e.what() << '\n';
    return sopkit::cli::kExitUsage;
  }
}

// The verb's exit code; what it printed may still be in the buffers.
int run(int argc, char** argv) {
  std::vector<std::string> args;
  try {
    args = sopkit::cli::apply_global_options({argv + 1, argv + argc});
  } catch (const sopkit::cli::UsageError& e) {
    std::cerr << "sopkit: " << e.message << '\n';
    print_usage(std::cerr);
    return sopkit::cli::kExitUsage;
  }
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    print_usage(args.empty() ? std::cerr : std::cout);
    return args.empty() ? sopkit::cli::kExitUsage : sopkit::cli::kExitOk;
  }
  if (args[0] == "--version" || args[0] == "-V") {
    // The header's version (the CLI links the C++ objects, not the C ABI).
    std::cout << "sopkit " << SOPKIT_VERSION_MAJOR << '.' << SOPKIT_VERSION_MINOR << '.'
              << SOPKIT_VERSION_PATCH << '\n';
    return sopkit::cli::kExitOk;
  }
  if (args[0] == "help") return print_help(args);
  const std::string verb = args[0];
  args.erase(args.begin());
  if (const Verb* v = find_verb(verb)) return run_verb(*v, args);
  std::cerr << "sopkit: unknown verb '" << verb << "'\n";
  print_usage(std::cerr);
  return sopkit::cli::kExitUsage;
}
}  // namespace

int main(int argc, char** argv) {
  sopkit::cli::install_standard_streams();
  return sopkit::cli::finish_standard_output(run(argc, argv));
}
